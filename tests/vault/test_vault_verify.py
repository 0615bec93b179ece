"""Tamper tests: one changed byte in an exhibit, the database or the custody log is named by verify."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from casekit.settings import Settings
from casekit.store import Store
from casekit.store.tables_evidence import CustodyRow, ExhibitRow
from casekit.vault import Vault


@pytest.fixture
def filled(vault: Vault, case_id: str, inbox: Path) -> Vault:
    for name in ("one.txt", "two.txt", "three.txt"):
        (inbox / name).write_text(f"content of {name}\n" * 50)
    vault.add(case_id, [inbox])
    vault.record(case_id, "note", None, "called the police non-emergency line")
    assert vault.verify(case_id).ok
    return vault


def _where(vault: Vault, case_id: str) -> list[tuple[str, str]]:
    report = vault.verify(case_id)
    assert not report.ok
    return [(p.where, p.reason) for p in report.problems]


def test_one_flipped_byte_in_a_blob_names_the_exhibit(
    filled: Vault, case_id: str, settings: Settings
) -> None:
    pack, offset, length = filled.stored_at(case_id, filled.get(case_id, "E2"))
    assert length is not None
    _flip(pack, offset + length // 2, 0x20)
    assert _where(filled, case_id) == [("E2", "vault.problem.exhibit_changed")]


def _flip(path: Path, at: int, bits: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= bits
    path.write_bytes(bytes(data))


def test_a_missing_blob_names_the_exhibit(filled: Vault, case_id: str, settings: Settings) -> None:
    """A pack cut short loses the blob at its end: that exhibit, and only it, is named."""
    places = {e.label: filled.stored_at(case_id, e) for e in filled.exhibits(case_id)}
    label, (pack, offset, length) = max(places.items(), key=lambda item: (item[1][0].name, item[1][1]))
    with open(pack, "r+b") as handle:
        handle.truncate(offset + length - 1)
    assert _where(filled, case_id) == [(label, "vault.problem.exhibit_missing")]


def test_a_missing_pack_names_every_exhibit_in_it(filled: Vault, case_id: str) -> None:
    places = {e.label: filled.stored_at(case_id, e)[0] for e in filled.exhibits(case_id)}
    gone = places["E3"]
    gone.unlink()
    expected = sorted((label, "vault.problem.exhibit_missing") for label, p in places.items() if p == gone)
    assert sorted(_where(filled, case_id)) == expected


def test_a_changed_exhibit_row_is_caught(filled: Vault, case_id: str, store: Store) -> None:
    with store.session() as s:
        s.execute(update(ExhibitRow).where(ExhibitRow.number == 1).values(size=1))
    assert ("E1", "vault.problem.exhibit_record") in _where(filled, case_id)


def test_a_changed_log_entry_names_the_entry(filled: Vault, case_id: str, store: Store) -> None:
    with store.session() as s:
        s.execute(update(CustodyRow).where(CustodyRow.seq == 4).values(detail="called nobody"))
    assert _where(filled, case_id) == [("entry 4", "vault.problem.entry_content")]


def test_a_rewritten_and_rehashed_entry_breaks_the_chain_and_signature(
    filled: Vault, case_id: str, store: Store
) -> None:
    entry = filled.custody(case_id)[1]
    forged = entry.model_copy(update={"actor": "someone else"})
    forged = forged.model_copy(update={"entry_hash": forged.computed_hash()})
    with store.session() as s:
        s.execute(
            update(CustodyRow)
            .where(CustodyRow.seq == 2)
            .values(actor=forged.actor, entry_hash=forged.entry_hash)
        )
    problems = _where(filled, case_id)
    assert ("entry 3", "vault.problem.entry_link") in problems
    assert ("entry 2", "vault.problem.entry_signature") in problems


def test_a_deleted_entry_is_caught(filled: Vault, case_id: str, store: Store) -> None:
    from sqlalchemy import delete

    with store.session() as s:
        s.execute(delete(CustodyRow).where(CustodyRow.seq == 2))
    problems = _where(filled, case_id)
    assert ("entry 3", "vault.problem.entry_sequence") in problems
    assert ("E2", "vault.problem.exhibit_record") in problems


def test_cli_verify_exit_status_and_names(filled: Vault, case_id: str, settings: Settings, cli) -> None:
    ok = cli("verify", "--case", case_id)
    assert ok.exit_code == 0 and "match their SHA-256" in ok.stdout
    pack, offset, length = filled.stored_at(case_id, filled.get(case_id, "E1"))
    assert length is not None
    _flip(pack, offset + length - 1, 1)
    bad = cli("verify", "--case", case_id)
    assert bad.exit_code == 1
    assert "E1: the stored exhibit changed" in bad.stdout
    doc = cli("verify", "--case", case_id, "--json")
    assert doc.exit_code == 1 and '"where": "E1"' in doc.stdout


def test_an_exported_log_is_checked_offline_with_the_public_key(filled: Vault, case_id: str) -> None:
    import json

    from casekit.vault import check_log

    exported = json.loads(json.dumps([e.model_dump(mode="json") for e in filled.custody(case_id)]))
    pem = filled.public_key_pem()
    assert check_log(exported, pem) == []
    exported[1]["actor"] = "someone else"
    assert check_log(exported, pem) == [(2, "content")]
    exported[1]["entry_hash"] = "0" * 64  # rehashing to hide it breaks the link and the signature
    assert (2, "signature") in check_log(exported, pem) and (3, "link") in check_log(exported, pem)


def test_removing_the_newest_entries_is_caught_by_the_anchor(
    filled: Vault, case_id: str, store: Store
) -> None:
    """A shorter chain is still whole; the signed copy of the head kept beside the vault is not."""
    from sqlalchemy import delete

    assert filled.verify(case_id).anchored
    newest = filled.custody(case_id)[-1].seq
    with store.session() as s:
        s.execute(delete(CustodyRow).where(CustodyRow.seq == newest))  # the note, last in the log
    assert _where(filled, case_id) == [(f"entry {newest}", "vault.problem.log_truncated")]


def test_an_anchor_moved_or_edited_without_the_key_is_caught(
    filled: Vault, case_id: str, settings: Settings
) -> None:
    import json

    from casekit.vault.anchor import NAME
    from casekit.vault.packs import case_dir

    path = case_dir(settings, case_id) / NAME
    good = json.loads(path.read_text())
    path.write_text(json.dumps({**good, "seq": good["seq"] + 5}))  # claims a longer log, unsigned
    assert _where(filled, case_id) == [("anchor", "vault.problem.anchor_damaged")]
    path.write_text('{"seq": "seven"}')
    assert _where(filled, case_id) == [("anchor", "vault.problem.anchor_damaged")]
    for unanchored in ("{half-writ", None):  # a crash's leftover, or no anchor: not tampering, but
        if unanchored is None:  # the report says the log is not anchored
            path.unlink()
        else:
            path.write_text(unanchored)
        report = filled.verify(case_id)
        assert report.ok and not report.anchored


def test_a_log_rewritten_under_the_anchor_is_caught(filled: Vault, case_id: str, store: Store) -> None:
    """The head entry replaced by another validly linked one (as a re-run with the key could make):
    the anchor names the hash that was there."""
    newest = filled.custody(case_id)[-1]
    with store.session() as s:
        s.execute(update(CustodyRow).where(CustodyRow.seq == newest.seq).values(entry_hash="0" * 64))
    problems = _where(filled, case_id)
    assert (f"entry {newest.seq}", "vault.problem.anchor_differs") in problems
