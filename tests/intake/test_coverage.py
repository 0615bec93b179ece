"""Every question of the interview is reached by at least one scripted run (examples + branch scripts)."""

from __future__ import annotations

from pathlib import Path

from casekit.intake import load_interview, read_answer_file

from .helpers import drive

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "intake"

BRANCH_SCRIPTS = [
    {"danger_now": ["threat_now"], "danger_where": "abroad", "danger_country": "fr"},
    {
        "danger_now": ["none"],
        "victim_age": 30,
        "topics": ["accounts", "harassment", "images"],
        "victim_sent_intimate_image": "yes",
        "surreptitious_recording": "yes",
        "threat_of_death_or_bodily_harm": "yes",
        "threat_timing": "future",
    },
    {
        "danger_now": ["none"],
        "victim_age": 12,
        "topics": ["contact", "demands"],
        "demand": "money",
        "payment_made": "yes",
    },
]


def test_every_question_is_asked_in_some_scripted_run() -> None:
    asked: set[str] = set()
    for path in EXAMPLES.glob("*.yaml"):
        asked |= set(drive(read_answer_file(path).answers)[1])
    for script in BRANCH_SCRIPTS:
        asked |= set(drive(script)[1])
    never = [q.id for q in load_interview().questions if q.id not in asked]
    assert never == []
