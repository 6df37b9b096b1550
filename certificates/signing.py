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

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import ECDSA, EllipticCurvePrivateKey
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.general import (
    SigningError,  # noqa: F401  (re-exported for callers)
    get_pyca_cryptography_hash,
)

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


class ParsedKeySigner(signers.SimpleSigner):
    """
    A pyHanko ``SimpleSigner`` that parses its private key once per process.

    ``SimpleSigner`` parses (and so validates) the DER key before every signature, which
    costs an RSA key check of about a hundred milliseconds: most of the time of signing a
    certificate. RSA PKCS#1 v1.5 and ECDSA keys are signed with here; any other mechanism
    goes through pyHanko unchanged.
    """

    _parsed_key = None

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        signature_mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        try:
            mechanism = signature_mechanism.signature_algo
        except ValueError:
            mechanism = signature_mechanism["algorithm"].native
        if self._parsed_key is None:
            self._parsed_key = serialization.load_der_private_key(
                self.signing_key.dump(), password=None
            )
        key, hash_algorithm = self._parsed_key, get_pyca_cryptography_hash(digest_algorithm)
        if mechanism == "rsassa_pkcs1v15" and isinstance(key, RSAPrivateKey):
            return key.sign(data, PKCS1v15(), hash_algorithm)
        if mechanism == "ecdsa" and isinstance(key, EllipticCurvePrivateKey):
            return key.sign(data, ECDSA(hash_algorithm))
        return super().sign_raw(data, digest_algorithm)


@lru_cache(maxsize=4)
def _load_signer(path: str, mtime: float, password: bytes) -> signers.SimpleSigner:
    # Keyed by modification time too, so a renewed key is picked up without a restart.
    loaded = signers.SimpleSigner.load_pkcs12_data(
        Path(path).read_bytes(), other_certs=[], passphrase=password or None
    )
    return ParsedKeySigner(
        signing_cert=loaded.signing_cert,
        signing_key=loaded.signing_key,
        cert_registry=loaded.cert_registry,
        signature_mechanism=loaded.signature_mechanism,
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
