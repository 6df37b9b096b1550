"""
Benchmark of the Open Badges pieces that run on every request: encoding the revocation
status list, and signing a credential as a VC-JWT. Prints figures; asserts nothing.

    .venv/bin/python bench/interoperability.py status-list --bits 131072 --revoked 1000
    .venv/bin/python bench/interoperability.py sign --count 500

No database needed; results also go to bench/results/interoperability-*.json.
"""

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bimtek.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from certificates.badge_signing import sign_jwt, write_demo_key  # noqa: E402
from certificates.status_list import decode_bitstring, encode_bitstring  # noqa: E402


def _write(name: str, figures: dict) -> None:
    path = BASE_DIR / "bench" / "results" / f"interoperability-{name}.json"
    path.write_text(json.dumps(figures, indent=2))
    print(json.dumps(figures, indent=2))


def status_list(bits: int, revoked: int, rounds: int) -> None:
    indexes = random.Random(1).sample(range(bits), revoked)
    started = time.perf_counter()
    for _ in range(rounds):
        encoded = encode_bitstring(indexes, bits)
    encode_ms = (time.perf_counter() - started) * 1000 / rounds
    started = time.perf_counter()
    for _ in range(rounds):
        decode_bitstring(encoded)
    decode_ms = (time.perf_counter() - started) * 1000 / rounds
    _write(
        "status-list",
        {
            "bits": bits,
            "revoked": revoked,
            "encode_ms": round(encode_ms, 3),
            "decode_ms": round(decode_ms, 3),
            "encoded_characters": len(encoded),
        },
    )


def sign(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings.BADGE_SIGNING_KEY = str(write_demo_key(Path(folder) / "key.pem"))
        payload = {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "credentialSubject": {"achievement": {"name": "x" * 400}},
        }
        started = time.perf_counter()
        for number in range(count):
            token = sign_jwt({**payload, "jti": f"urn:bench:{number}"}, typ="vc+jwt")
        per_signature_ms = (time.perf_counter() - started) * 1000 / count
    _write(
        "sign",
        {"count": count, "ms_per_signature": round(per_signature_ms, 3), "jwt_bytes": len(token)},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    status = commands.add_parser("status-list")
    status.add_argument("--bits", type=int, default=131_072)
    status.add_argument("--revoked", type=int, default=1_000)
    status.add_argument("--rounds", type=int, default=20)
    signing = commands.add_parser("sign")
    signing.add_argument("--count", type=int, default=500)
    arguments = parser.parse_args()
    if arguments.command == "status-list":
        status_list(arguments.bits, arguments.revoked, arguments.rounds)
    else:
        sign(arguments.count)


if __name__ == "__main__":
    main()
