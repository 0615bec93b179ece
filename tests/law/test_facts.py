"""The facts vocabulary: names the issue fixes, normalisation, errors that say what is allowed."""

from __future__ import annotations

import json
from datetime import date

import pytest

from casekit.errors import CasekitError
from casekit.law import FACTS, FactError, facts_json_schema, validate_fact, validate_facts

ISSUE_KEYS = [
    "victim_age",
    "victim_type",
    "suspect_age",
    "suspect_location",
    "suspect_relationship",
    "platform",
    "suspect_requested_images",
    "victim_sent_intimate_image",
    "image_depicts_minor",
    "image_published_without_consent",
    "threat_to_distribute_image",
    "demand",
    "payment_made",
    "payment_method",
    "money_lost",
    "deception",
    "suspect_sent_sexual_material",
    "suspect_requested_sexual_touching",
    "live_sexual_video_by_minor",
    "sexualized_questions",
    "secrecy_requested",
    "moved_to_private_platform",
    "meeting_proposed",
    "repeated_contact",
    "contact_after_blocking",
    "victim_fears_for_safety",
    "threat_of_death_or_bodily_harm",
    "threat_timing",
    "address_published",
    "account_accessed_without_permission",
    "communications_intercepted",
    "location_tracked",
    "data_encrypted_or_altered",
    "impersonation",
    "identity_information_misused",
    "threat_to_leak_data",
    "surreptitious_recording",
    "private_place",
    "nudity_in_recording",
    "insults",
    "self_harm_risk",
    "third_party_at_risk",
]

ENUMS = {
    "victim_type": ["person", "organisation"],
    "suspect_location": ["canada", "abroad", "unknown"],
    "suspect_relationship": ["stranger", "partner", "ex_partner", "family", "acquaintance", "unknown"],
    "demand": ["money", "images", "sexual_acts", "relationship", "other", "none"],
    "payment_method": ["gift_card", "crypto", "e_transfer", "other"],
    "threat_timing": ["imminent", "future", "unknown"],
    "self_harm_risk": ["none", "concern", "imminent"],
}


def test_every_issue_key_is_in_the_vocabulary_with_labels():
    for key in ISSUE_KEYS:
        spec = FACTS[key]
        assert spec.label_en and spec.label_fr and spec.description_en and spec.description_fr
        assert spec.label_en != spec.label_fr


@pytest.mark.parametrize(("key", "values"), ENUMS.items())
def test_enums_are_exactly_the_issue_values(key, values):
    assert list(FACTS[key].values) == values


def test_kinds():
    assert FACTS["victim_age"].kind == "int"
    assert FACTS["suspect_age"].kind == "age"
    assert FACTS["platform"].kind == "list"
    assert FACTS["money_lost"].kind == "number"
    assert FACTS["insults"].kind == "bool"


def test_normalising():
    clean = validate_facts(
        {
            "victim_age": "12",
            "suspect_age": "Adult",
            "platform": "Twitter",
            "payment_made": "oui",
            "insults": "no",
            "money_lost": "$1,200",
            "incident_date": "2025-01-31",
            "deception": None,
            "threat_to_leak_data": "unknown",
            "threat_timing": "unknown",
        }
    )
    assert clean == {
        "victim_age": 12,
        "suspect_age": "adult",
        "platform": ["x"],
        "payment_made": True,
        "insults": False,
        "money_lost": 1200,
        "incident_date": date(2025, 1, 31),
        "threat_timing": "unknown",
    }


@pytest.mark.parametrize(
    ("key", "value", "allowed"),
    [
        ("victim_age", True, "whole number"),
        ("victim_age", 300, "whole number"),
        ("victim_age", "twelve", "whole number"),
        ("demand", "cash", "money | images"),
        ("payment_made", "maybe", "true or false"),
        ("platform", 7, "list of names"),
        ("money_lost", -5, "0 or more"),
        ("suspect_age", "old", "adult | minor"),
        ("incident_date", "yesterday", "YYYY-MM-DD"),
    ],
)
def test_bad_values_name_the_key_and_what_is_allowed_but_not_the_value(key, value, allowed):
    with pytest.raises(FactError) as err:
        validate_fact(key, value)
    assert isinstance(err.value, CasekitError)
    assert f"'{key}'" in err.value.message and allowed in err.value.message
    if isinstance(value, str):
        assert value not in err.value.message  # a value may be text the user typed


def test_unknown_key_is_refused_with_a_hint():
    with pytest.raises(FactError) as err:
        validate_facts({"victm_age": 3})
    assert "'victm_age'" in err.value.message and "casekit schema facts" in err.value.hint


def test_facts_must_be_a_mapping():
    with pytest.raises(FactError):
        validate_facts(["victim_age", 3])  # type: ignore[arg-type]


def test_french_messages(monkeypatch):
    monkeypatch.setenv("CASEKIT_LANG", "fr")
    with pytest.raises(FactError) as err:
        validate_fact("demand", "cash")
    assert "Le fait « demand »" in err.value.message


def test_json_schema_lists_every_key():
    schema = facts_json_schema()
    json.dumps(schema)  # serialisable as is
    assert set(schema["properties"]) == set(FACTS)
    assert schema["additionalProperties"] is False
    assert schema["properties"]["demand"]["enum"] == ENUMS["demand"]
    assert schema["properties"]["victim_age"]["type"] == "integer"
    assert schema["properties"]["suspect_age"]["oneOf"][1]["enum"] == ["adult", "minor", "unknown"]
    assert schema["properties"]["insults"]["x-label-fr"] == "Insultes"


def test_json_schema_is_a_valid_schema_that_accepts_what_validate_facts_accepts():
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed here")
    schema = facts_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    good = {
        "victim_age": 9,
        "suspect_age": "adult",
        "platform": ["instagram"],
        "demand": "money",
        "insults": False,
    }
    assert validate_facts(good) == good
    assert list(validator.iter_errors(good)) == []
    assert list(validator.iter_errors({"victim_age": "nine"}))
    assert list(validator.iter_errors({"victm_age": 9}))
