"""Fixtures of the vault tests: a cheap Argon2id cost (the production default takes ~0.3 s and 64 MiB
per key), a case, and a Vault on the test store."""

from __future__ import annotations

from pathlib import Path

import pytest

from casekit.model import Case
from casekit.settings import Settings
from casekit.store import CaseRepository, Store
from casekit.vault import Vault, keys

FAST_KDF = keys.KdfParams(time_cost=1, memory_kib=64, parallelism=1)


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "DEFAULT_KDF", FAST_KDF)


def make_case(store: Store, title: str = "Vault test case") -> str:
    case = Case(title=title)
    with store.session() as s:
        CaseRepository(s).add(case)
    return case.id


@pytest.fixture
def case_id(store: Store) -> str:
    return make_case(store)


@pytest.fixture
def vault(store: Store, settings: Settings) -> Vault:
    return Vault(store, settings)


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """Where a test puts the 'user's files' (outside the data folder)."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


@pytest.fixture
def new_case():
    """make_case as a fixture, for tests that bring their own store (any_store)."""
    return make_case
