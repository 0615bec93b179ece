"""``casekit verify``: re-hash every exhibit and re-check the custody chain and its signatures.

Any changed byte is named precisely: which exhibit (its blob no longer authenticates, or decrypts to a
different SHA-256, or its database row no longer matches what its ``acquired`` entry vouched for), or
which log entry (its content, its link to the one before, its sequence number, its signature).
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

from ..errors import VaultError
from ..model import Model
from ..store.evidence import CustodyRepository, ExhibitRepository, KeyRepository
from .anchor import anchor_problems, read_anchor
from .custody import CustodyAction, chain_problems, signature_ok
from .keys import load_public

if TYPE_CHECKING:
    from .vault import Vault


class Problem(Model):
    where: str  # "E3" or "entry 7" or "signature"
    reason: str  # a locale key under vault.problem.*


class VerifyReport(Model):
    case_id: str
    ok: bool
    exhibits_checked: int
    entries_checked: int
    head_seq: int | None = None
    head_hash: str | None = None
    head_signed: bool = False
    anchored: bool = False  # the log's newest entry is also kept, signed, beside the vault (anchor.py)
    public_key_pem: str | None = None
    problems: list[Problem] = []


def _identity_fields(exhibit) -> dict:
    return {
        "sha256": exhibit.sha256,
        "size": exhibit.size,
        "md5": exhibit.md5,
        "pdq": exhibit.pdq,
        "stored": exhibit.stored,
        "sensitive": exhibit.sensitive,
    }


def verify_case(vault: Vault, case_id: str) -> VerifyReport:
    from ..store import CaseRepository

    with vault.store.session() as s:
        CaseRepository(s).get(case_id)
        exhibits = ExhibitRepository(s).for_case(case_id)
        spans = ExhibitRepository(s).spans(case_id)
        entries = CustodyRepository(s).for_case(case_id)
        signing = KeyRepository(s).signing_key()
    problems: list[Problem] = []
    for seq, reason in chain_problems(entries):
        problems.append(Problem(where=f"entry {seq}", reason=f"vault.problem.entry_{reason}"))
    public = load_public(signing[0]) if signing else None
    if public is not None:
        for entry in entries:
            if entry.signature and not signature_ok(entry, public):
                problems.append(Problem(where=f"entry {entry.seq}", reason="vault.problem.entry_signature"))
    head = entries[-1] if entries else None
    head_signed = bool(head and public and signature_ok(head, public))
    if head is not None and not head_signed:
        problems.append(Problem(where=f"entry {head.seq}", reason="vault.problem.head_unsigned"))

    anchor = read_anchor(vault.settings, case_id)
    if anchor is not None:
        for where, reason in anchor_problems(anchor, entries, public):
            problems.append(Problem(where=where, reason=reason))

    vouched: dict[str, dict] = {}
    for entry in entries:
        if entry.action == CustodyAction.acquired and entry.exhibit_sha256:
            try:
                vouched[entry.exhibit_sha256] = json.loads(entry.detail)
            except ValueError:
                problems.append(Problem(where=f"entry {entry.seq}", reason="vault.problem.entry_content"))

    key = vault._data_key(case_id, create=False) if any(e.stored for e in exhibits) else None
    for exhibit in exhibits:
        record = vouched.get(exhibit.sha256)
        if record is None or any(record.get(k) != v for k, v in _identity_fields(exhibit).items()):
            problems.append(Problem(where=exhibit.label, reason="vault.problem.exhibit_record"))
        if not exhibit.stored:
            continue
        place = vault._place(case_id, exhibit.sha256, spans.get(exhibit.sha256))
        path, offset, length = place
        # Missing: the file is gone, or a pack was cut short before the blob's end.
        if not path.is_file() or (length is not None and path.stat().st_size < offset + length):
            problems.append(Problem(where=exhibit.label, reason="vault.problem.exhibit_missing"))
            continue
        sha = hashlib.sha256()
        size = 0
        try:
            for chunk in vault._decrypt(case_id, exhibit, key, place):
                sha.update(chunk)
                size += len(chunk)
        except VaultError:
            problems.append(Problem(where=exhibit.label, reason="vault.problem.exhibit_changed"))
            continue
        if sha.hexdigest() != exhibit.sha256 or size != exhibit.size:
            problems.append(Problem(where=exhibit.label, reason="vault.problem.exhibit_changed"))
    return VerifyReport(
        case_id=case_id,
        ok=not problems,
        exhibits_checked=len(exhibits),
        entries_checked=len(entries),
        head_seq=head.seq if head else None,
        head_hash=head.entry_hash if head else None,
        head_signed=head_signed,
        anchored=anchor is not None,
        public_key_pem=signing[0] if signing else None,
        problems=problems,
    )
