"""Reading a certificate PDF back as a person or a verifier would: its QR code, its signature."""

import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from pathlib import Path

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext


def qr_code_of(pdf: bytes) -> str:
    """What a phone's camera reads from the printed page: the first page at 150 dpi, decoded."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "certificate.pdf"
        path.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "150", "-png", "-singlefile", str(path), f"{folder}/page"],
            check=True,
        )
        return subprocess.run(
            ["zbarimg", "--quiet", "--raw", f"{folder}/page.png"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout.strip()


def signature_status(pdf: bytes, trust_roots=()):
    """pyHanko's validation of the PDF's one embedded signature (trusted only given roots)."""
    reader = PdfFileReader(BytesIO(pdf))
    assert len(reader.embedded_signatures) == 1, "one signature expected"
    signature = reader.embedded_signatures[0]
    context = ValidationContext(trust_roots=list(trust_roots))
    # In a thread of its own: pyHanko runs its own event loop, and a browser test's
    # thread already has Playwright's.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return signature, pool.submit(validate_pdf_signature, signature, context).result()
