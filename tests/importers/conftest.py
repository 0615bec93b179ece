"""Importer tests share a fast key-derivation setting (the vault's real Argon2id cost is for users, not
for a test suite) and a helper that makes a case."""

from __future__ import annotations

import json

import pytest

from casekit.vault import keys


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "DEFAULT_KDF", keys.KdfParams(time_cost=1, memory_kib=64, parallelism=1))


@pytest.fixture
def case_id(cli) -> str:
    result = cli("case", "new", "Importer test (made up)", "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["id"]
