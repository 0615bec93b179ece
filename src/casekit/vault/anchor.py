"""The custody log's newest entry, kept a second time beside the case's encrypted blobs.

Every entry is hash-linked to the one before and signed, so an entry changed or removed in the middle
of the log breaks the chain.  Removing the *newest* entries, though, leaves a shorter chain that is
still whole: hiding that someone opened an exhibit last night would only take deleting one row.  So
after each commit the newest entry's number, hash and signature are also written to
``vault/<case>/custody-head.json``; ``verify`` then reports a log that is shorter than its anchor, or
that no longer holds the entry the anchor names.

The anchor is written after the database commit, so a crash in between leaves it one step behind —
which is not a problem (only an anchor *ahead* of the log, or differing from it, is).  It is not
fsynced (ingest writes it once per batch and already pays for two syncfs): after a power cut it may
be behind, or unreadable.  Its signature is checked, so it cannot be moved forward or edited without
the installation's key.  A missing or unreadable anchor is reported as such (``anchored`` is False),
not as tampering: it is a second witness, and the exported package, which carries the signed head,
is the one that leaves the machine.
"""

from __future__ import annotations

import json
import os
import secrets
from typing import TYPE_CHECKING

from .custody import CustodyEntry, signature_ok
from .packs import case_dir

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from ..settings import Settings

NAME = "custody-head.json"


def write_anchor(settings: Settings, case_id: str, head: CustodyEntry) -> None:
    """Record ``head`` as the newest entry (atomically: a temporary file renamed into place)."""
    folder = case_dir(settings, case_id)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    body = {
        "case_id": head.case_id,
        "seq": head.seq,
        "entry_hash": head.entry_hash,
        "signature": head.signature,
    }
    temp = folder / f".anchor-{os.getpid()}-{secrets.token_hex(4)}"
    with open(temp, "w", encoding="utf-8") as out:
        json.dump(body, out)
    os.replace(temp, folder / NAME)


def read_anchor(settings: Settings, case_id: str) -> dict | None:
    path = case_dir(settings, case_id) / NAME
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # absent, or half-written by a crash (it is not fsynced): see above
        return None


def anchor_problems(
    anchor: dict, entries: list[CustodyEntry], public: Ed25519PublicKey | None
) -> list[tuple[str, str]]:
    """(where, locale key) for every way the log and its anchor disagree."""
    try:
        seq = int(anchor["seq"])
        stand_in = CustodyEntry(
            case_id=str(anchor["case_id"]),
            seq=seq,
            actor="-",
            action="note",
            entry_hash=str(anchor["entry_hash"]),
            signature=anchor.get("signature"),
        )
    except (KeyError, TypeError, ValueError):
        return [("anchor", "vault.problem.anchor_damaged")]
    if public is not None and not signature_ok(stand_in, public):
        return [("anchor", "vault.problem.anchor_damaged")]
    by_seq = {e.seq: e for e in entries}
    newest = entries[-1].seq if entries else 0
    if seq > newest:
        return [(f"entry {seq}", "vault.problem.log_truncated")]
    if by_seq.get(seq) is None or by_seq[seq].entry_hash != stand_in.entry_hash:
        return [(f"entry {seq}", "vault.problem.anchor_differs")]
    return []
