"""The public Python API: listed in casekit.__all__, every name importable, and nothing removed by accident."""

from __future__ import annotations

import subprocess
import sys

import casekit

EXPECTED = {
    "Case", "CaseRepository", "CasekitError", "Contact", "ContactRepository", "Exhibit", "Fact", "FactRepository",
    "ImportOptions", "Message", "Person", "PersonRepository", "Settings", "Store", "TimelineEvent", "Vault",
    "analyse", "assess", "build_brief", "build_letter", "build_statement", "export_package", "gather",
    "import_chats", "next_step", "open_store", "render", "timeline", "__version__",
}  # fmt: skip


def test_public_names_are_exactly_the_listed_ones() -> None:
    assert set(casekit.__all__) == EXPECTED


def test_every_public_name_resolves() -> None:
    for name in casekit.__all__:
        assert getattr(casekit, name) is not None, name


def test_import_casekit_is_light() -> None:
    code = (
        "import sys, casekit; print(sorted(m for m in ('sqlalchemy', 'numpy', 'typst') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_assess_through_the_api() -> None:
    result = casekit.assess(
        {"victim_age": 15, "threat_to_distribute_image": True, "demand": "money"}, "CA-ON"
    )
    assert "346" in {o.section for o in result.offences}


def test_the_docstring_example_runs(home, tmp_path, monkeypatch) -> None:
    from pathlib import Path

    monkeypatch.chdir(tmp_path)
    Path("screenshots").mkdir()
    Path("screenshots/note.txt").write_text("made-up note")
    store = casekit.open_store()
    case = casekit.Case(title="Instagram contact", jurisdiction="CA-ON")
    with store.session() as s:
        casekit.CaseRepository(s).add(case)
        casekit.FactRepository(s).set(casekit.Fact(case_id=case.id, key="victim_age", value=9))
    vault = casekit.Vault(store, store.settings, passphrase="made-up passphrase")
    (exhibit,) = vault.add(case.id, [Path("screenshots/")])
    bundle = casekit.gather(store, case.id, vault=vault)
    Path("brief.md").write_bytes(casekit.render(casekit.build_brief(bundle, "en"), "md"))
    assert exhibit.sha256[:12] in Path("brief.md").read_text()
