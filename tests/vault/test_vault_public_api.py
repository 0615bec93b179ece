"""The vault's public API is what its package docstring promises (importers and documents call it)."""

from __future__ import annotations

import inspect
from pathlib import Path

import casekit.vault as vault_pkg
from casekit.settings import Settings
from casekit.store import CaseRepository, Store
from casekit.vault import Vault, purge_case

PUBLIC = {
    "CustodyAction", "CustodyEntry", "FileHashes", "KdfParams", "PdqResult", "Problem", "Vault",
    "VerifyReport", "check_log", "hamming", "hash_file", "pdq_hash", "purge_case",
}  # fmt: skip
METHODS = {
    "add", "exhibits", "get", "read", "stream", "open_to", "custody", "record", "verify", "hashlist",
    "public_key_pem", "setup", "has_setup", "subkey", "stored_at",
}  # fmt: skip


def test_exports_are_listed() -> None:
    assert set(vault_pkg.__all__) == PUBLIC


def test_every_public_method_is_documented_in_the_contract() -> None:
    public = {n for n, m in inspect.getmembers(Vault, inspect.isfunction) if not n.startswith("_")}
    assert public == METHODS
    contract = vault_pkg.__doc__ or ""
    for name in METHODS - {"setup", "has_setup"}:
        assert f"vault.{name}(" in contract, name


def test_case_delete_clears_rows_and_purge_case_the_blobs(
    vault: Vault, store: Store, settings: Settings, case_id: str, inbox: Path
) -> None:
    (inbox / "a.txt").write_text("a")
    vault.add(case_id, [inbox])
    with store.session() as s:
        CaseRepository(s).delete(case_id)
    from sqlalchemy import text

    with store.engine.connect() as conn:
        for table in ("exhibits", "custody_log", "vault_case_keys"):
            assert conn.execute(text(f"select count(*) from {table}")).scalar() == 0
        assert conn.execute(text("select count(*) from vault_signing_keys")).scalar() == 1
    assert purge_case(settings, case_id) == 1
