"""The engine: explanation tree, dates, questions, and never claiming more than the facts show."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casekit.law import FACTS, assess
from casekit.law.facts import KNOWN_PLATFORMS

CHILD = {
    "victim_age": 9,
    "suspect_age": "adult",
    "platform": ["instagram"],
    "suspect_requested_images": True,
    "victim_sent_intimate_image": True,
}


def test_each_element_names_the_fact_that_decided_it_and_the_evidence():
    a = assess(CHILD, "CA-ON")
    luring = a.offence("172.1")
    assert luring.status == "likely"
    by_id = {e.id: e for e in luring.elements}
    assert [(f.key, f.value) for f in by_id["victim_under_18"].decided_by] == [("victim_age", 9)]
    assert by_id["sexual_purpose"].decided_by[0].key == "suspect_requested_images"
    assert all(e.evidence and e.evidence[0].fr for e in luring.elements)
    assert luring.sources and luring.last_verified


def test_derived_facts_say_where_they_came_from():
    making = assess(CHILD, "CA").offence("163.1(2)")
    minor = next(e for e in making.elements if e.id == "depicts_minor").decided_by[0]
    assert minor.key == "image_depicts_minor" and minor.value is True
    assert minor.derived_from[0] == "victim_age"


def test_law_in_force_on_the_incident_date():
    before = assess({**CHILD, "incident_date": "2025-06-01"}, "CA").offence("163.1(4)")
    after = assess({**CHILD, "incident_date": "2025-11-01"}, "CA").offence("163.1(4)")
    assert before.title.en == "Possession of child pornography"
    assert before.title.fr == "Possession de pornographie juvénile"
    assert after.title.en == "Possession of child sexual abuse and exploitation material"
    assert after.title.fr == "Possession de matériel d'abus et d'exploitation pédosexuels"
    assert assess(CHILD, "CA", on=date(2025, 6, 1)).on == date(2025, 6, 1)


def test_questions_are_the_missing_facts_that_would_change_the_result():
    a = assess({"platform": ["snapchat"], "suspect_requested_images": True}, "CA")
    assert a.offence("172.1").status == "possible"
    keys = [q.key for q in a.questions]
    assert keys[0] == "victim_age"  # it decides the most
    assert "172.1" in a.questions[0].affects
    assert "suspect_requested_images" not in keys  # already answered


def test_empty_facts_claim_nothing():
    a = assess({}, "CA")
    assert a.offences == [] and a.urgency == "normal"
    assert [s.id for s in a.steps] == ["preserve_evidence", "report_police"]


def test_police_declined_brings_the_oversight_body_and_remedies():
    a = assess({**CHILD, "police_declined": True}, "CA-BC")
    ids = [r.id for r in a.referrals]
    assert "bc_opcc" in ids and "crcc" in ids and "bc_ice" in ids
    assert {"CA-504", "CA-cvbr"} <= {p.id for p in a.provisions}
    assert "police_declined" in [s.id for s in a.steps]


def test_powers_follow_the_offences():
    a = assess(CHILD, "CA")
    assert "487.012" in [p.citation for p in a.powers]


def test_json_shape():
    doc = assess(CHILD, "CA-ON").model_dump(mode="json")
    assert {"offences", "urgency", "steps", "referrals", "questions"} <= set(doc)
    assert {"section", "status"} <= set(doc["offences"][0])
    assert doc["urgency"] == "high"


_VALUE = {
    "bool": st.booleans(),
    "int": st.integers(0, 90),
    "number": st.integers(0, 20000),
    "age": st.one_of(st.integers(8, 70), st.sampled_from(["adult", "minor", "unknown"])),
    "list": st.lists(st.sampled_from(KNOWN_PLATFORMS), max_size=2),
    "date": st.dates(date(2010, 1, 1), date(2026, 11, 1)),
}
random_facts = st.dictionaries(st.sampled_from(sorted(FACTS)), st.just(None), max_size=12).flatmap(
    lambda d: st.fixed_dictionaries(
        {
            k: (st.sampled_from(FACTS[k].values) if FACTS[k].kind == "enum" else _VALUE[FACTS[k].kind])
            for k in d
        }
    )
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(facts=random_facts, place=st.sampled_from(["CA", "CA-ON", "US", "GB", "AU"]))
def test_never_over_claims(facts, place):
    a = assess(facts, place)
    for off in a.offences:
        statuses = {e.status for e in off.elements}
        assert "not_met" not in statuses
        assert any(e.status == "met" and e.role == "conduct" for e in off.elements)
        assert (off.status == "likely") == (statuses == {"met"})
    only_insults = {k: v for k, v in facts.items() if k in ("insults", "victim_age", "platform")}
    if facts == only_insults:
        assert a.offences == []


def test_only_known_keys_skips_other_parts_facts_but_still_checks_values():
    import pytest

    from casekit.law import FactError

    a = assess({**CHILD, "reporter_note": "free text"}, "CA", only_known_keys=True)
    assert a.offence("172.1").status == "likely" and "reporter_note" not in a.facts
    with pytest.raises(FactError):
        assess({"reporter_note": "x"}, "CA")
    with pytest.raises(FactError):
        assess({"victim_age": "old", "reporter_note": "x"}, "CA", only_known_keys=True)


def test_questions_carry_why_we_ask_and_the_emergency_number_is_given():
    a = assess({"platform": ["snapchat"], "suspect_requested_images": True}, "GB")
    assert a.emergency_number == "999"
    first = a.questions[0]
    assert first.why is not None and first.why.en and first.why.fr


def test_an_offence_not_yet_in_force_is_named_not_applied():
    facts = {"victim_age": 22, "platform": ["facebook"], "image_published_without_consent": True}
    a = assess({**facts, "image_is_synthetic": False}, "CA", on=date(2013, 6, 1))
    assert a.offence("162.1") is None
    assert [(n.section, n.in_force_from) for n in a.not_in_force] == [("162.1", date(2015, 3, 9))]
    assert assess(facts, "CA", on=date(2016, 1, 1)).not_in_force == []


def test_an_unknown_element_is_explained_by_what_is_missing():
    a = assess(
        {"platform": ["snapchat"], "suspect_requested_images": True, "sexualized_questions": False}, "CA"
    )
    age = next(e for e in a.offence("172.1").elements if e.id == "victim_under_18")
    assert age.status == "unknown" and age.decided_by == [] and age.missing == ["victim_age"]
