"""The demo step prints a two-line summary of the assessment of the demo case."""

from __future__ import annotations

from casekit.demo import DemoContext
from casekit.demo import assessment as demo_assessment
from casekit.model import Case, Fact
from casekit.store import CaseRepository, FactRepository


def test_demo_step_says_two_lines(store, settings):
    case = Case(title="Demo (made up)", jurisdiction="CA-ON")
    with store.session() as s:
        CaseRepository(s).add(case)
        repo = FactRepository(s)
        for key, value in {
            "victim_age": 9,
            "suspect_age": "adult",
            "platform": ["instagram"],
            "suspect_requested_images": True,
            "victim_sent_intimate_image": True,
            "reporter_note": "kept by another part; not a law fact",
        }.items():
            repo.set(Fact(case_id=case.id, key=key, value=value))
    lines: list[str] = []
    demo_assessment.run(DemoContext(store=store, settings=settings, say=lines.append, case_id=case.id))
    assert len(lines) == 2
    assert "172.1 likely" in lines[0] and "163.1(2) likely" in lines[0] and "HIGH" in lines[0]
    assert "next steps; help from Emergency: 9-1-1" in lines[1] and "open questions" in lines[1]


def test_demo_step_with_no_facts(store, settings):
    case = Case(title="Empty demo", jurisdiction="CA")
    with store.session() as s:
        CaseRepository(s).add(case)
    lines: list[str] = []
    demo_assessment.run(DemoContext(store=store, settings=settings, say=lines.append, case_id=case.id))
    assert "no offence indicated yet" in lines[0]
