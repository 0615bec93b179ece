"""The scenario plugin's messages read like the scenario (what was expected, what came out)."""

from __future__ import annotations

from law_scenarios import check

from casekit.law import assess

CHILD = {"victim_age": 9, "suspect_age": "adult", "platform": ["instagram"], "suspect_requested_images": True}


def test_messages_say_expected_and_got():
    a = assess(CHILD, "CA")
    assert check(a, {"offences": {"172.1": "likely"}, "urgency": "high"}) == []
    assert check(a, {"offences": {"346": "likely"}}) == ["expected 346 likely, got absent"]
    assert check(a, {"urgency": "imminent"}) == ["expected urgency imminent, got high"]
    assert check(a, {"absent": ["172.1"]}) == ["expected no 172.1, got 172.1 likely"]
    assert check(a, {"referrals": ["nowhere"]})[0].startswith("expected referrals ['nowhere'], got [")


def test_a_misspelt_section_fails_instead_of_passing_silently():
    a = assess(CHILD, "CA")
    assert check(a, {"absent": ["127.1"]}) == ["section 127.1 is not in the CA knowledge base"]
