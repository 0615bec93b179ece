"""The demo's documents step writes the whole police package and lists it in ctx.produced."""

from __future__ import annotations

from importlib import import_module

import pytest

from casekit.demo import DemoContext
from casekit.vault import keys


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "DEFAULT_KDF", keys.KdfParams(time_cost=1, memory_kib=64, parallelism=1))


def test_demo_documents_step(store, settings, tmp_path):
    said: list[str] = []
    ctx = DemoContext(store=store, settings=settings, say=said.append, output_dir=tmp_path / "out")
    import_module("casekit.demo.case").run(ctx)
    import_module("casekit.demo.documents").run(ctx)
    for name in ("brief", "statement", "letter_preservation", "letter_escalation", "letter_complaint"):
        for lang in ("en", "fr"):
            path = ctx.produced[f"{name}_{lang}"]
            assert path.parent == tmp_path / "out" and path.read_bytes().startswith(b"%PDF")
    assert (ctx.produced["evidence_package"] / "bagit.txt").exists()
    assert said


def test_demo_documents_default_folder(store, settings):
    ctx = DemoContext(store=store, settings=settings, say=lambda _m: None)
    import_module("casekit.demo.case").run(ctx)
    import_module("casekit.demo.documents").run(ctx)
    assert ctx.produced["brief_en"].parent == settings.home / "casekit-demo"
