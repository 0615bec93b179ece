"""The chain of custody: an append-only log where each entry carries the hash of the one before.

Entry hash = SHA-256 of a canonical JSON object (sorted keys, no spaces) holding the case, sequence
number, time, actor, action, exhibit, detail and the previous entry's hash; the first entry's previous
hash is 64 zeros.  Changing, removing or reordering any entry breaks every hash after it.  Each entry's
hash is also signed with the installation's Ed25519 key, so the newest entry (the head) vouches for the
whole chain, and an officer holding only the public key can check it offline.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from enum import StrEnum

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import Field

from ..model import Model, utcnow

GENESIS = "0" * 64


class CustodyAction(StrEnum):
    acquired = "acquired"
    viewed = "viewed"
    opened = "opened"
    exported = "exported"
    note = "note"
    verified = "verified"


class CustodyEntry(Model):
    case_id: str
    seq: int = Field(ge=1)
    time: datetime = Field(default_factory=utcnow)
    actor: str
    action: CustodyAction
    exhibit_sha256: str | None = None
    detail: str = ""
    prev_hash: str = GENESIS
    entry_hash: str = ""
    signature: str | None = None

    def canonical(self) -> bytes:
        body = {
            "case_id": self.case_id,
            "seq": self.seq,
            "time": self.time.isoformat(timespec="microseconds"),
            "actor": self.actor,
            "action": self.action.value,
            "exhibit_sha256": self.exhibit_sha256,
            "detail": self.detail,
            "prev_hash": self.prev_hash,
        }
        return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")

    def computed_hash(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()


def signed_message(case_id: str, seq: int, entry_hash: str) -> bytes:
    return f"casekit custody v1\n{case_id}\n{seq}\n{entry_hash}".encode()


def seal_entry(entry: CustodyEntry, key: Ed25519PrivateKey | None) -> CustodyEntry:
    """Fill in the entry's hash and, when a signing key is at hand, its signature."""
    entry_hash = entry.computed_hash()
    signature = (
        key.sign(signed_message(entry.case_id, entry.seq, entry_hash)).hex() if key is not None else None
    )
    return entry.model_copy(update={"entry_hash": entry_hash, "signature": signature})


def signature_ok(entry: CustodyEntry, public: Ed25519PublicKey) -> bool:
    if not entry.signature:
        return False
    try:
        public.verify(
            bytes.fromhex(entry.signature), signed_message(entry.case_id, entry.seq, entry.entry_hash)
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def chain_problems(entries: list[CustodyEntry]) -> list[tuple[int, str]]:
    """(sequence number, what is wrong) for every entry that does not fit the chain."""
    problems: list[tuple[int, str]] = []
    prev = GENESIS
    for expected_seq, entry in enumerate(entries, start=1):
        if entry.seq != expected_seq:
            problems.append((entry.seq, "sequence"))
        if entry.prev_hash != prev:
            problems.append((entry.seq, "link"))
        if entry.computed_hash() != entry.entry_hash:
            problems.append((entry.seq, "content"))
        prev = entry.entry_hash
    return problems


def check_log(entries: list[CustodyEntry] | list[dict], public_key_pem: str) -> list[tuple[int, str]]:
    """Check an exported custody log offline, with nothing but its entries and the public key.

    Returns (sequence number, problem) pairs — "sequence", "link", "content", "signature" — and an
    empty list when every entry is intact, chained and signed.  This is what an officer's copy of the
    evidence package can be checked with, without casekit's database or passphrase."""
    from .keys import load_public

    parsed = [e if isinstance(e, CustodyEntry) else CustodyEntry.model_validate(e) for e in entries]
    public = load_public(public_key_pem)
    problems = chain_problems(parsed)
    problems += [(e.seq, "signature") for e in parsed if not signature_ok(e, public)]
    return sorted(problems)
