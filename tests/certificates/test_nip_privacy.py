"""
Nothing a stranger can fetch about a certificate gives its holder's NIP away (UU 27/2022).

The attack of issue 18: the public Open Badge published SHA-256(NIP + salt) beside the salt,
and the verification page the first six and last two digits; trying the ten hidden digits
found the NIP in seconds. Here every string of every public document (the verification page
and its JSON, the credential as JSON and as a VC-JWT) is tried as a salt on either side of the
true NIP, with the usual hash functions, and none of the results may appear anywhere in them.
"""

import base64
import hashlib
import json
import re

import pytest
from django.core.cache import cache

from certificates import services
from certificates.badge_signing import write_demo_key

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:EdDSA is deprecated")]

HASHES = ("md5", "sha1", "sha256", "sha512")


@pytest.fixture
def certificate(enrolment, settings, tmp_path):
    cache.clear()  # the public endpoints share the verification rate limit
    settings.BADGE_SIGNING_KEY = str(write_demo_key(tmp_path / "badge-key.pem"))
    return services.render_certificate(certificate=services.issue_certificate(enrolment=enrolment))


def _strings(value):
    """Every key and scalar of a JSON document, as text."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif value is not None:
        yield str(value)


def _base64url_json(part: str):
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def _public_documents(client, code) -> list[str]:
    """The text of everything public about the certificate, split into its strings."""
    page = client.get(f"/en/v/{code}").content.decode()
    verification = client.get(f"/v/{code}.json").json()
    credential = json.loads(client.get(f"/v/{code}/openbadge.json").content)
    token = client.get(f"/v/{code}/openbadge.jwt").content.decode()
    header, payload, _signature = token.split(".")
    strings = [page, token, *re.split(r"""[\s<>"'=]+""", page)]
    for document in (verification, credential, _base64url_json(header), _base64url_json(payload)):
        strings.extend(_strings(document))
    return [text for text in strings if text]


def test_no_public_field_equals_or_hashes_the_nip(client, certificate):
    nip = certificate.enrolment.participant.nip
    strings = _public_documents(client, certificate.code)
    assert len(strings) > 50  # the documents were read
    assert not [text for text in strings if nip in text]

    published = set()
    for text in strings:
        published.update(re.findall(r"[0-9a-fA-F]{32,}", text))
    published = {digest.lower() for digest in published}
    for salt in {"", *strings}:
        for salted in (nip + salt, salt + nip):
            for name in HASHES:
                digest = hashlib.new(name, salted.encode()).hexdigest()
                assert digest not in published, f"{name}(NIP with {salt!r}) is published"


def test_the_public_page_shows_no_more_than_the_serial_of_the_nip(client, certificate):
    nip = certificate.enrolment.participant.nip
    page = client.get(f"/en/v/{certificate.code}").content.decode()
    # Every run of digits and masking stars on the page, however it is written.
    runs = re.findall(r"[0-9*]*\*[0-9*]*", page)
    assert [run for run in runs if re.search(r"\d", run)] == [f"{'*' * 15}{nip[-3:]}"]
