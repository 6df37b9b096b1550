"""
The Ed25519 key of the Open Badges credentials, its public JWK, and VC-JWT signing.

The key comes from ``BADGE_SIGNING_KEY`` (a path to a PEM file, or the PEM itself); without
one, the demo key that ``seed_demo`` writes (``BADGE_DEMO_SIGNING_KEY``) is used when it
exists. A JWS is the compact serialisation of RFC 7515 with ``alg: EdDSA`` (RFC 8037),
written here with ``cryptography`` so no JOSE library is needed at run time.
"""

import base64
import hashlib
import json
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class NoBadgeKey(Exception):
    """No badge signing key is configured and no demo key exists."""


def b64url(data: bytes) -> str:
    """Base64url without padding, as JOSE writes every part."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _key_pem() -> bytes | None:
    configured = settings.BADGE_SIGNING_KEY.strip()
    if configured.startswith("-----BEGIN"):
        return configured.encode()
    if configured:
        return Path(configured).read_bytes()
    demo = Path(settings.BADGE_DEMO_SIGNING_KEY)
    return demo.read_bytes() if demo.is_file() else None


@lru_cache(maxsize=4)
def _load(pem: bytes) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured("BADGE_SIGNING_KEY must be an Ed25519 private key.")
    return key


def signing_key() -> Ed25519PrivateKey:
    """The configured private key; raises ``NoBadgeKey`` when there is none."""
    pem = _key_pem()
    if pem is None:
        raise NoBadgeKey("Set BADGE_SIGNING_KEY or run seed_demo for a demo key.")
    return _load(pem)


def has_signing_key() -> bool:
    return _key_pem() is not None


def public_jwk(key: Ed25519PrivateKey | None = None) -> dict:
    """The public half as a JWK (RFC 8037 ``OKP``/``Ed25519``) with its thumbprint as ``kid``."""
    key = key or signing_key()
    x = b64url(
        key.public_key().public_bytes(
            encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw
        )
    )
    # RFC 7638: the thumbprint hashes the required members in lexicographic order.
    thumbprint_input = json.dumps(
        {"crv": "Ed25519", "kty": "OKP", "x": x}, separators=(",", ":"), sort_keys=True
    )
    kid = b64url(hashlib.sha256(thumbprint_input.encode()).digest())
    return {"kty": "OKP", "crv": "Ed25519", "x": x, "kid": kid, "alg": "EdDSA", "use": "sig"}


def key_url(kid: str) -> str:
    """The stable address where the public key ``kid`` is published."""
    return f"{settings.SITE_URL}/issuer/keys/{kid}.json"


def sign_jwt(payload: dict, *, typ: str = "JWT") -> str:
    """``payload`` as a compact JWS signed with the badge key; ``kid`` is the key's URL."""
    key = signing_key()
    header = {"alg": "EdDSA", "typ": typ, "kid": key_url(public_jwk(key)["kid"])}
    signing_input = ".".join(
        b64url(json.dumps(part, separators=(",", ":"), ensure_ascii=False).encode())
        for part in (header, payload)
    )
    return f"{signing_input}.{b64url(key.sign(signing_input.encode('ascii')))}"


def write_demo_key(path: Path) -> Path:
    """A fresh Ed25519 demo key as unencrypted PKCS#8 PEM, written once (mode 0600)."""
    if path.is_file():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    )
    path.write_bytes(pem)
    path.chmod(0o600)
    return path
