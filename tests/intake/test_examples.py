"""The worked examples in examples/intake/: each runs end to end, every answer in it is used, and the
result is the one its description promises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casekit.intake import load_interview, read_answer_file

from .helpers import drive

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "intake"
PACKAGED = Path(__file__).resolve().parents[2] / "src" / "casekit" / "intake" / "data" / "examples"

EXPECTED = {
    "luring-child-under-10.yaml": ("finished", ()),
    "sextortion-teen.yaml": ("finished", ()),
    "adult-intimate-image.yaml": ("finished", ()),
    "exemple-sextorsion-fr.yaml": ("finished", ()),
    "imminent-danger.yaml": ("stopped", ("meeting_arranged",)),
    "danger-abroad.yaml": ("stopped", ("self_harm_imminent",)),
}


def test_every_example_is_listed_here() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_runs_to_its_promised_end_and_uses_every_answer(name: str) -> None:
    doc = read_answer_file(EXAMPLES / name)
    assert doc.description
    step, asked = drive(doc.answers)
    status, reasons = EXPECTED[name]
    assert step.status.value == status and step.stop_reasons == reasons
    unused = sorted(set(doc.answers) - set(asked))
    assert unused == [], f"{name}: answers for questions that are never asked: {unused}"
    if status == "finished":
        assert set(asked) == set(doc.answers), f"{name}: questions left to '?' silently"


def test_together_the_examples_and_branch_tests_ask_every_question() -> None:
    # The branch tests in test_engine.py/test_triage.py drive the rest; this checks the examples
    # alone reach most of the interview, so a new question is noticed.
    asked: set[str] = set()
    for name in EXPECTED:
        asked |= set(drive(read_answer_file(EXAMPLES / name).answers)[1])
    total = {q.id for q in load_interview().questions}
    assert len(asked) >= 0.7 * len(total)


def test_the_demo_uses_the_same_luring_example() -> None:
    packaged = (PACKAGED / "luring-child-under-10.yaml").read_bytes()
    assert packaged == (EXAMPLES / "luring-child-under-10.yaml").read_bytes()


def test_luring_example_facts_match_the_seed(tmp_path: Path) -> None:
    step, _ = drive(read_answer_file(EXAMPLES / "luring-child-under-10.yaml").answers)
    facts = step.facts
    assert facts["victim_age"] < 10
    assert facts["suspect_relationship"] == "stranger" and facts["deception"] is True
    assert facts["suspect_requested_images"] is True and facts["victim_sent_intimate_image"] is True
    assert facts["image_depicts_minor"] is True and facts["police_declined"] is True
    json.dumps({k: str(v) for k, v in facts.items()})
