"""The "while you wait" checklist and the next hour's steps follow the answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from casekit.intake import outcome, read_answer_file

from .helpers import drive

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "intake"
BASE = {"danger_now": ["none"]}


def ids(script: dict, lang: str = "en") -> tuple[list[str], list[str]]:
    step, _ = drive(script)
    result = outcome(step, "case1", lang)
    return [a.id for a in result.while_you_wait], [a.id for a in result.next_hour]


def test_the_checklist_always_has_the_basics() -> None:
    wait, nxt = ids(BASE)
    for item in (
        "dont_tell",
        "dont_delete",
        "capture_screens",
        "secure_device",
        "write_it_down",
        "ask_officer",
    ):
        assert item in wait
    assert nxt[-1] == "seal_evidence" and "call_police" in nxt
    assert "report_cybertip" not in nxt  # age unknown and no image of a child: not assumed


def test_a_childs_image_adds_do_not_forward_and_removal() -> None:
    wait, nxt = ids({**BASE, "victim_age": 12, "topics": ["images"], "victim_sent_intimate_image": "yes"})
    assert "dont_forward_image" in wait
    assert nxt[0] == "report_cybertip" and "image_removal" in nxt


def test_an_adults_image_has_no_child_specific_steps() -> None:
    wait, nxt = ids(
        {
            **BASE,
            "victim_age": 30,
            "topics": ["images"],
            "victim_sent_intimate_image": "yes",
            "image_depicts_minor": "no",
            "image_published_without_consent": "yes",
        }
    )
    assert "dont_forward_image" not in wait and "not_their_fault" not in wait
    assert "report_cybertip" not in nxt and "image_removal" not in nxt
    assert "report_post" in nxt


def test_demands_add_do_not_pay_and_a_payment_adds_the_anti_fraud_centre() -> None:
    wait, nxt = ids({**BASE, "topics": ["demands"], "demand": "money", "payment_made": "yes"})
    assert "stop_paying" in wait and "report_payment" in nxt
    wait, nxt = ids({**BASE, "topics": ["contact"]})
    assert "stop_paying" not in wait and "report_payment" not in nxt


def test_screenshots_already_saved_change_the_advice() -> None:
    wait, _ = ids({**BASE, "screenshots_taken": "yes"})
    assert "keep_screens" in wait and "capture_screens" not in wait
    wait, _ = ids({**BASE, "screenshots_taken": "not_sure_how"})
    assert "capture_screens" in wait and "keep_screens" not in wait


def test_messages_gone_from_the_device() -> None:
    wait, _ = ids({**BASE, "messages_still_there": "no"})
    assert "messages_gone" in wait


def test_a_young_person_answering_for_themself_is_spoken_to_directly() -> None:
    wait, _ = ids({**BASE, "who_answers": "self", "victim_age": 15})
    assert "not_your_fault" in wait and "not_their_fault" not in wait
    wait, _ = ids({**BASE, "who_answers": "parent", "victim_age": 15})
    assert "not_their_fault" in wait and "not_your_fault" not in wait


def test_police_already_contacted() -> None:
    _, nxt = ids({**BASE, "police_contact": "declined"})
    assert "escalate" in nxt and "call_police" not in nxt
    _, nxt = ids({**BASE, "police_contact": "reported"})
    assert "follow_up_police" in nxt and "call_police" not in nxt


def test_platform_names_fill_the_preservation_step() -> None:
    step, _ = drive({**BASE, "platform": "instagram, snapchat, other"})
    en = next(a for a in outcome(step, "c1", "en").next_hour if a.id == "preserve_records")
    fr = next(a for a in outcome(step, "c1", "fr").next_hour if a.id == "preserve_records")
    assert en.title == "Ask Instagram and Snapchat to keep the records"
    assert fr.title == "Demandez à Instagram et Snapchat de conserver les données"
    assert "casekit letter preservation --case c1" in en.text


def test_the_next_hour_follows_the_issue_order_for_the_seed_case() -> None:
    step, _ = drive(read_answer_file(EXAMPLES / "luring-child-under-10.yaml").answers)
    nxt = [a.id for a in outcome(step, "c1", "en").next_hour]
    assert nxt.index("report_cybertip") < nxt.index("preserve_records") < nxt.index("escalate")


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_no_placeholder_is_left_unfilled(name: str, lang: str) -> None:
    step, _ = drive(read_answer_file(EXAMPLES / name).answers)
    result = outcome(step, "c1", lang)
    for advice in result.emergency + result.while_you_wait + result.next_hour:
        assert "{" not in advice.title + advice.text, advice.id
