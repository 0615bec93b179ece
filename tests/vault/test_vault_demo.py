"""The demo's evidence step: made-up screenshots with EXIF, a parent's note, one hash-only stand-in."""

from __future__ import annotations

from casekit.demo import DemoContext
from casekit.demo import case as case_step
from casekit.demo import evidence as evidence_step
from casekit.settings import Settings
from casekit.store import Store


def test_demo_evidence_step(store: Store, settings: Settings) -> None:
    said: list[str] = []
    ctx = DemoContext(store=store, settings=settings, say=said.append)
    case_step.run(ctx)
    evidence_step.run(ctx)
    vault = evidence_step.demo_vault(ctx)
    exhibits = vault.exhibits(ctx.case_id)
    assert [e.original_name for e in exhibits][-1] == "IMG_0042.jpg"
    stand_in = exhibits[-1]
    assert stand_in.sensitive and not stand_in.stored and stand_in.md5 and stand_in.pdq
    first = exhibits[0]
    assert first.metadata["image"]["exif"]["taken"] == "2024:03:02 19:41:07"
    assert first.media_type == "image/jpeg" and first.pdq_quality and first.pdq_quality > 50
    assert any("fingerprints" in line for line in said)
    assert vault.verify(ctx.case_id).ok
