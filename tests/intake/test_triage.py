"""Triage: imminent danger stops the interview and shows what to do now; the abroad path."""

from __future__ import annotations

import pytest

from casekit.intake import AnswerError, Status, load_interview, outcome, parse_answer

from .helpers import drive


@pytest.mark.parametrize(
    ("danger", "reason"),
    [
        ("threat_now", "threat_imminent"),
        ("meeting", "meeting_arranged"),
        ("self_harm", "self_harm_imminent"),
    ],
)
def test_imminent_danger_stops_before_any_other_question(danger: str, reason: str) -> None:
    step, asked = drive({"danger_now": [danger], "danger_where": "here", "victim_age": 12})
    assert step.status is Status.stopped
    assert step.stop_reasons == (reason,)
    assert asked == ["danger_now", "danger_where"]  # nothing about the case is asked yet


def test_local_threat_says_call_911_now() -> None:
    step, _ = drive({"danger_now": ["threat_now"], "danger_where": "here"})
    result = outcome(step, "case1", "en")
    assert result.emergency[0].id == "call_emergency_now"
    assert "Call 911" in result.emergency[0].title
    assert result.while_you_wait == () and result.next_hour == ()  # nothing else competes with it
    assert step.facts == {"threat_of_death_or_bodily_harm": True, "threat_timing": "imminent"}


def test_self_harm_here_gives_988_and_kids_help_phone() -> None:
    step, _ = drive({"danger_now": ["self_harm"], "danger_where": "here"})
    ids = [a.id for a in outcome(step, "case1", "en").emergency]
    assert "self_harm_now" in ids and "call_emergency_now" not in ids
    text = next(a.text for a in outcome(step, "case1", "en").emergency if a.id == "self_harm_now")
    assert "9-8-8" in text and "1-800-668-6868" in text and "686868" in text
    assert step.facts["self_harm_risk"] == "imminent"


def test_danger_abroad_asks_the_country_and_gives_its_number() -> None:
    step, asked = drive({"danger_now": ["self_harm"], "danger_where": "abroad", "danger_country": "gb"})
    assert asked == ["danger_now", "danger_where", "danger_country"]
    assert step.status is Status.stopped
    result = outcome(step, "case1", "en")
    ids = [a.id for a in result.emergency]
    assert ids[:3] == ["abroad_local_police", "abroad_platform_report", "abroad_country_number"]
    local = result.emergency[0]
    assert "assist outside police agency" in local.text and "the United Kingdom" in local.text
    assert any("rcmp.ca" in s["url"] for s in local.sources) and local.last_verified
    number = next(a for a in result.emergency if a.id == "abroad_country_number")
    assert "999" in number.title
    assert "self_harm_now" not in ids  # 9-8-8 does not reach someone abroad


def test_danger_abroad_in_an_unlisted_country() -> None:
    step, _ = drive({"danger_now": ["threat_now"], "danger_where": "abroad", "danger_country": "other"})
    result = outcome(step, "case1", "fr")
    ids = [a.id for a in result.emergency]
    assert "abroad_country_other" in ids and "abroad_country_number" not in ids
    assert "dans un autre pays" in result.emergency[0].text
    assert all("{" not in a.text and "{" not in a.title for a in result.emergency)


def test_several_dangers_at_once() -> None:
    step, _ = drive({"danger_now": ["threat_now", "self_harm"], "danger_where": "here"})
    assert set(step.stop_reasons) == {"threat_imminent", "self_harm_imminent"}
    ids = [a.id for a in outcome(step, "c", "en").emergency]
    assert "call_emergency_now" in ids and "self_harm_now" in ids


def test_none_cannot_be_combined_with_a_danger() -> None:
    question = load_interview().question("danger_now")
    assert question is not None
    with pytest.raises(AnswerError) as err:
        parse_answer(question, "threat_now, none")
    assert "none" in (err.value.hint or "")


def test_confirmed_safety_lets_the_interview_go_on() -> None:
    step, asked = drive(
        {"danger_now": ["meeting"], "danger_where": "here", "victim_age": 13}, confirmed=("meeting_arranged",)
    )
    assert step.status is Status.finished
    assert "victim_age" in asked and step.facts["meeting_proposed"] is True
    assert "meeting_proposed" not in asked  # already known from triage


def test_a_threat_said_to_be_imminent_later_still_stops() -> None:
    step, asked = drive(
        {
            "danger_now": ["none"],
            "topics": ["harassment"],
            "threat_of_death_or_bodily_harm": "yes",
            "threat_timing": "imminent",
        }
    )
    assert step.status is Status.stopped and step.stop_reasons == ("threat_imminent",)
    assert asked[-1] == "threat_timing"
    assert step.question is not None and step.question.id == "victim_fears_for_safety"  # where it resumes


def test_self_harm_said_to_be_imminent_later_still_stops() -> None:
    step, _ = drive({"danger_now": ["none"], "self_harm_risk": "imminent"})
    assert step.status is Status.stopped and step.stop_reasons == ("self_harm_imminent",)
    ids = [a.id for a in outcome(step, "c", "en").emergency]
    assert ids[0] == "self_harm_now"


def test_unknown_danger_answer_does_not_stop() -> None:
    step, asked = drive({"danger_now": "?"})
    assert step.status is Status.finished and "danger_where" not in asked
