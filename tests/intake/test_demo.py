"""casekit demo runs the luring example through the interview, so the demo case has its facts."""

from __future__ import annotations

from casekit.demo import STEPS, DemoContext
from casekit.demo import case as demo_case
from casekit.demo import intake as demo_intake
from casekit.settings import Settings
from casekit.store import FactRepository, Store


def test_intake_step_runs_right_after_the_case() -> None:
    assert STEPS[:2] == ("case", "intake")


def test_demo_step_fills_the_facts_of_the_demo_case(store: Store, settings: Settings) -> None:
    said: list[str] = []
    ctx = DemoContext(store=store, settings=settings, say=said.append)
    demo_case.run(ctx)
    demo_intake.run(ctx)
    with store.session() as s:
        facts = FactRepository(s).as_dict(ctx.case_id)
    assert facts["victim_age"] == 9 and facts["platform"] == ["instagram"]
    assert facts["suspect_requested_images"] is True and facts["image_depicts_minor"] is True
    assert said and "luring example" in said[-1]
