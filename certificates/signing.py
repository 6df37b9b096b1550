"""
Electronic signatures on certificate PDFs (PAdES, with pyHanko): the only pyHanko caller.

An agency signs with the PKCS#12 key of its electronic-signature certificate, configured
with ``CERTIFICATE_SIGNING_P12`` and ``CERTIFICATE_SIGNING_PASSWORD``. Without one, the
self-signed demo key that ``seed_demo`` writes (``CERTIFICATE_DEMO_SIGNING_P12``) is used
when it exists, and otherwise PDFs are left unsigned.
"""

from functools import lru_cache
from io import BytesIO
from pathlib import Path

from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError  # noqa: F401  (re-exported for callers)

SIGNATURE_FIELD = "BimtekSignature"
# Enough room for a CMS signature with a chain of three RSA-4096 certificates; reserving a
# fixed size spares pyHanko a dummy signature per document to measure it.
SIGNATURE_BYTES_RESERVED = 16_384


def signing_key() -> tuple[Path, bytes] | None:
    """The PKCS#12 file and its password to sign with, or ``None`` when there is none."""
    if settings.CERTIFICATE_SIGNING_P12:
        return Path(
            settings.CERTIFICATE_SIGNING_P12
        ), settings.CERTIFICATE_SIGNING_PASSWORD.encode()
    demo = Path(settings.CERTIFICATE_DEMO_SIGNING_P12)
    if demo.is_file():
        return demo, settings.DEMO_PASSWORD.encode()
    return None


@lru_cache(maxsize=4)
def _load_signer(path: str, mtime: float, password: bytes) -> signers.SimpleSigner:
    # Keyed by modification time too, so a renewed key is picked up without a restart.
    return signers.SimpleSigner.load_pkcs12_data(
        Path(path).read_bytes(), other_certs=[], passphrase=password or None
    )


def sign_pdf(pdf: bytes, *, reason: str, location: str) -> bytes | None:
    """The PDF with a PAdES signature added, or ``None`` when no key is configured."""
    key = signing_key()
    if key is None:
        return None
    path, password = key
    signer = _load_signer(str(path), path.stat().st_mtime, password)
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    metadata = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
    )
    output = signers.sign_pdf(
        writer, metadata, signer=signer, bytes_reserved=SIGNATURE_BYTES_RESERVED
    )
    return output.getvalue()
