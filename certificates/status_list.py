"""
The revocation list of the Open Badges credentials (W3C Bitstring Status List v1.0).

Each issued certificate owns one bit, taken at issue (``allocate_status_index``); a revoked
certificate's bit is 1. The list is computed from the certificates at each request, so a
revocation shows in it at once. It is served as a ``BitstringStatusListCredential`` whose
``encodedList`` is the GZIP-compressed bitstring, base64url-encoded with the multibase
prefix ``u``; bit 0 is the most significant bit of the first byte.
"""

import base64
import gzip

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import Certificate, CertificateStatus, StatusList

REVOCATION = "revocation"
# The specification's minimum length (16 KiB) so that one bit says little about whom it is.
MINIMUM_BITS = 131_072


def status_list_url(purpose: str = REVOCATION) -> str:
    """The stable address of the published list credential."""
    return f"{settings.SITE_URL}/credentials/status/{purpose}"


@transaction.atomic(savepoint=False)
def allocate_status_index(purpose: str = REVOCATION) -> int:
    """The next free bit of the list; its ``UPDATE`` locks the list's row until commit."""
    lists = StatusList.objects.filter(purpose=purpose)
    if not lists.update(next_index=F("next_index") + 1):
        try:
            with transaction.atomic():
                StatusList.objects.create(purpose=purpose)
        except IntegrityError:
            pass  # Another transaction created the list first; it is committed now.
        lists.update(next_index=F("next_index") + 1)
    # Our own update, still locked against every other issue: the bit before it is ours.
    return lists.values_list("next_index", flat=True).get() - 1


def list_length(highest_index: int) -> int:
    """Bits published: the minimum, or the next multiple of it that holds ``highest_index``."""
    return max(1, highest_index // MINIMUM_BITS + 1) * MINIMUM_BITS


def encode_bitstring(set_indexes: list[int], length: int) -> str:
    """The ``encodedList`` of a bitstring of ``length`` bits with ``set_indexes`` set to 1."""
    bits = bytearray(length // 8)
    for index in set_indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    # mtime=0 keeps the encoding a function of the bits alone; level 6 is about ten times
    # faster than the default 9 on a sparse list and hardly larger (bench/interoperability.py).
    compressed = gzip.compress(bytes(bits), compresslevel=6, mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode("ascii")


def decode_bitstring(encoded_list: str) -> bytes:
    """The raw bitstring of an ``encodedList`` (the inverse of ``encode_bitstring``)."""
    data = encoded_list.removeprefix("u")
    return gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))


def is_bit_set(bitstring: bytes, index: int) -> bool:
    return bool(bitstring[index // 8] & (0x80 >> (index % 8)))


def revoked_indexes() -> list[int]:
    return list(
        Certificate.objects.filter(
            status=CertificateStatus.REVOKED, status_list_index__isnull=False
        ).values_list("status_list_index", flat=True)
    )


def status_list_credential(purpose: str = REVOCATION) -> dict:
    """The list as an unsecured ``BitstringStatusListCredential`` (signed by the view)."""
    from .badges import issuer_profile

    status_list = StatusList.objects.filter(purpose=purpose).first()
    highest = max(0, (status_list.next_index - 1) if status_list else 0)
    url = status_list_url(purpose)
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_profile(),
        "validFrom": timezone.now().replace(microsecond=0).isoformat(),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encode_bitstring(revoked_indexes(), list_length(highest)),
        },
    }
