"""Keys: the passphrase, Argon2id, per-case data keys and the installation's Ed25519 signing key.

* Each case has a random 256-bit data key.  It is stored in the database *wrapped*: sealed with
  AES-256-GCM (its own random nonce, the case id as associated data) under a key-encryption key
  derived from the passphrase by Argon2id.  The Argon2id salt and cost are stored beside every wrapped
  key, so raising the default later does not lock anyone out, and tests can use a cheap cost.  New case
  keys reuse the salt and cost of the signing key, so a command derives the passphrase key once (about
  0.3 s at the default cost), not once per key.
* The signing key (Ed25519) is made once, at set-up; its private half is sealed the same way, its public
  half is kept in clear so anyone can check a custody log without the passphrase.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ..errors import VaultError
from .crypto import BlobCorrupt, seal, unseal


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost.  The default follows RFC 9106's second recommended option (64 MiB, 3 passes)."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 4
    salt: str = ""  # hex; filled in when a key is wrapped

    def to_json(self) -> dict[str, Any]:
        return {"algorithm": "argon2id", **asdict(self)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KdfParams:
        if data.get("algorithm") != "argon2id":
            raise VaultError.from_key("vault.key_format")
        return cls(
            time_cost=int(data["time_cost"]),
            memory_kib=int(data["memory_kib"]),
            parallelism=int(data["parallelism"]),
            salt=str(data["salt"]),
        )


# Module default, so tests can make it cheap with one monkeypatch (tests/vault/conftest.py).
DEFAULT_KDF = KdfParams()


def derive(passphrase: str, params: KdfParams) -> bytes:
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        bytes.fromhex(params.salt),
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def fresh_params(base: KdfParams | None = None) -> KdfParams:
    """The cost of ``base`` (default: DEFAULT_KDF) with a new random salt."""
    params = base or DEFAULT_KDF
    return KdfParams(params.time_cost, params.memory_kib, params.parallelism, os.urandom(16).hex())


def wrap_with(kek: bytes, secret: bytes, aad: bytes) -> bytes:
    """Seal ``secret`` under a key-encryption key derived from the passphrase (``derive``)."""
    return seal(kek, secret, aad)


def unwrap_with(kek: bytes, wrapped: bytes, aad: bytes) -> bytes:
    try:
        return unseal(kek, wrapped, aad)
    except BlobCorrupt:
        raise VaultError.from_key("vault.wrong_passphrase") from None


def new_data_key() -> bytes:
    return os.urandom(32)


def new_signing_key() -> tuple[bytes, str]:
    """(raw private key bytes, public key PEM)."""
    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return raw, public_pem(key.public_key())


def public_pem(key: Ed25519PublicKey) -> str:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def load_public(pem: str) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(pem.encode("ascii"))
    if not isinstance(key, Ed25519PublicKey):
        raise VaultError.from_key("vault.key_format")
    return key
