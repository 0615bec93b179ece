"""The engine driven through every branch with scripted answers, checking the facts written."""

from __future__ import annotations

import pytest

from casekit.intake import Status, load_interview, walk

from .helpers import drive

NOBODY_IN_DANGER = {"danger_now": ["none"]}


def test_triage_is_asked_first() -> None:
    step = walk(load_interview(), {})
    assert step.status is Status.asking
    assert step.question is not None and step.question.id == "danger_now" and step.question.triage


def test_nobody_in_danger_goes_straight_to_the_person() -> None:
    step, asked = drive({**NOBODY_IN_DANGER, "who_answers": "parent"})
    assert asked[:3] == ["danger_now", "who_answers", "victim_age"]
    assert "danger_where" not in asked and "danger_country" not in asked
    assert step.status is Status.finished


def test_only_the_core_questions_when_every_answer_is_unknown() -> None:
    step, asked = drive({})
    assert step.status is Status.finished
    assert asked == [
        "danger_now",
        "who_answers",
        "victim_age",
        "incident_date",
        "topics",
        "platform",
        "suspect_relationship",
        "suspect_age",
        "suspect_location",
        "self_harm_risk",
        "third_party_at_risk",
        "screenshots_taken",
        "messages_still_there",
        "police_contact",
    ]
    assert step.facts == {}  # "I don't know" everywhere leaves every fact unknown


def test_luring_branch_writes_the_conversation_facts() -> None:
    step, asked = drive(
        {
            **NOBODY_IN_DANGER,
            "victim_age": 9,
            "topics": ["contact", "images"],
            "platform": "instagram",
            "deception": "yes",
            "sexualized_questions": "yes",
            "secrecy_requested": "yes",
            "moved_to_private_platform": "no",
            "suspect_sent_sexual_material": "no",
            "suspect_requested_sexual_touching": "no",
            "meeting_proposed": "no",
            "suspect_requested_images": "yes",
            "victim_sent_intimate_image": "yes",
            "suspect_relationship": "stranger",
            "suspect_age": "adult",
        }
    )
    assert step.status is Status.finished
    facts = step.facts
    assert facts["victim_age"] == 9
    assert facts["platform"] == ["instagram"]
    assert facts["deception"] is True and facts["moved_to_private_platform"] is False
    assert facts["suspect_requested_images"] is True and facts["victim_sent_intimate_image"] is True
    assert facts["suspect_relationship"] == "stranger" and facts["suspect_age"] == "adult"
    # A child's own image is an image of a minor: worked out, not asked.
    assert facts["image_depicts_minor"] is True and "image_depicts_minor" not in asked
    assert step.known.facts["image_depicts_minor"].derived
    assert step.known.facts["victim_age"].provenance == "intake:victim_age"
    # The harassment and account branches were not chosen, so not asked.
    assert "account_accessed_without_permission" not in asked and "insults" not in asked
    assert "live_sexual_video_by_minor" in asked  # a child: the live-video question applies


def test_adult_with_an_image_is_asked_whether_it_was_taken_when_a_minor() -> None:
    step, asked = drive(
        {
            **NOBODY_IN_DANGER,
            "victim_age": 19,
            "topics": ["images"],
            "victim_sent_intimate_image": "yes",
            "image_depicts_minor": "yes",
        }
    )
    assert "image_depicts_minor" in asked
    assert "live_sexual_video_by_minor" not in asked  # an adult
    assert step.known.facts["image_depicts_minor"].provenance == "intake:image_depicts_minor"


def test_demands_branch_follows_money_to_the_amount() -> None:
    step, asked = drive(
        {
            **NOBODY_IN_DANGER,
            "victim_age": 15,
            "topics": ["demands"],
            "threat_to_distribute_image": "yes",
            "demand": "money",
            "payment_made": "yes",
            "payment_method": "gift cards",  # a label is accepted as well as the value
            "money_lost": "$1,200",
        }
    )
    facts = step.facts
    assert facts["demand"] == "money" and facts["payment_made"] is True
    assert facts["payment_method"] == "gift_card" and facts["money_lost"] == 1200
    assert asked.index("payment_made") < asked.index("payment_method") < asked.index("money_lost")


def test_no_payment_means_no_payment_questions() -> None:
    _, asked = drive({**NOBODY_IN_DANGER, "topics": ["demands"], "demand": "money", "payment_made": "no"})
    assert "payment_made" in asked and "payment_method" not in asked and "money_lost" not in asked


def test_demand_other_than_money_skips_payment() -> None:
    step, asked = drive({**NOBODY_IN_DANGER, "topics": ["demands"], "demand": "images"})
    assert step.facts["demand"] == "images" and "payment_made" not in asked


def test_harassment_branch() -> None:
    step, asked = drive(
        {
            **NOBODY_IN_DANGER,
            "topics": ["harassment"],
            "threat_of_death_or_bodily_harm": "yes",
            "threat_timing": "future",
            "victim_fears_for_safety": "yes",
            "repeated_contact": "yes",
            "contact_after_blocking": "yes",
            "address_published": "no",
            "suicide_encouraged": "no",
            "insults": "yes",
        }
    )
    assert step.status is Status.finished
    for key in ("victim_fears_for_safety", "repeated_contact", "contact_after_blocking", "insults"):
        assert step.facts[key] is True
    assert step.facts["threat_timing"] == "future" and step.facts["address_published"] is False
    assert "deception" not in asked  # not a luring or demands case


def test_no_threat_means_no_timing_question() -> None:
    _, asked = drive({**NOBODY_IN_DANGER, "topics": ["harassment"], "threat_of_death_or_bodily_harm": "no"})
    assert "threat_timing" not in asked


def test_accounts_branch_and_secret_recording() -> None:
    step, asked = drive(
        {
            **NOBODY_IN_DANGER,
            "topics": ["accounts"],
            "account_accessed_without_permission": "yes",
            "impersonation": "yes",
            "identity_information_misused": "no",
            "location_tracked": "yes",
            "communications_intercepted": "no",
            "data_encrypted_or_altered": "no",
            "threat_to_leak_data": "yes",
            "surreptitious_recording": "yes",
            "private_place": "yes",
            "nudity_in_recording": "?",
        }
    )
    facts = step.facts
    assert facts["account_accessed_without_permission"] is True and facts["location_tracked"] is True
    assert facts["surreptitious_recording"] is True and facts["private_place"] is True
    assert "nudity_in_recording" in asked and "nudity_in_recording" not in facts  # unknown stays absent


def test_no_secret_recording_means_no_place_question() -> None:
    _, asked = drive({**NOBODY_IN_DANGER, "topics": ["accounts"], "surreptitious_recording": "no"})
    assert "private_place" not in asked and "nudity_in_recording" not in asked


def test_police_declined_is_recorded() -> None:
    step, _ = drive({**NOBODY_IN_DANGER, "police_contact": "declined"})
    assert step.facts == {"police_declined": True}


def test_changing_an_answer_takes_back_the_facts_of_a_branch_no_longer_taken() -> None:
    interview = load_interview()
    answers = {
        "danger_now": ["none"],
        "who_answers": "parent",
        "victim_age": 15,
        "incident_date": None,
        "topics": ["demands"],
        "platform": ["snapchat"],
        "deception": True,
        "suspect_requested_images": True,
        "victim_sent_intimate_image": False,
        "image_published_without_consent": False,
        "image_is_synthetic": False,
        "threat_to_distribute_image": True,
        "demand": "money",
        "payment_made": True,
        "payment_method": "e_transfer",
        "money_lost": 100,
    }
    assert walk(interview, answers).facts["money_lost"] == 100
    answers["topics"] = ["harassment"]
    facts = walk(interview, answers).facts
    # Demands no longer chosen: payment facts go (the stored answers remain for if it changes back).
    assert "money_lost" not in facts and "payment_made" not in facts and "demand" not in facts
    assert facts["platform"] == ["snapchat"] and facts["victim_age"] == 15


@pytest.mark.parametrize("other", ["instagram", "1"])
def test_platform_other_alone_writes_no_platform(other: str) -> None:
    step, _ = drive({**NOBODY_IN_DANGER, "platform": "other"})
    assert "platform" not in step.facts
    step, _ = drive({**NOBODY_IN_DANGER, "platform": f"{other}, other"})
    assert step.facts["platform"] == ["instagram"]


def test_a_stored_answer_that_no_longer_fits_is_asked_again() -> None:
    # As after an upgrade that renamed a choice: the old value is not written as a wrong fact.
    interview = load_interview()
    step = walk(interview, {"danger_now": ["none"], "who_answers": "grandparent"})
    assert step.status is Status.asking and step.question is not None and step.question.id == "who_answers"
    step = walk(interview, {"danger_now": ["none"], "who_answers": "parent", "victim_age": 400})
    assert step.question is not None and step.question.id == "victim_age" and "victim_age" not in step.facts
