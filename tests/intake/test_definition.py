"""The interview and guidance as data: every fact in the law vocabulary, every text in French, every
agency fact sourced and dated, and no sentence that blames."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from pydantic import BaseModel

from casekit.errors import IntakeError
from casekit.intake import load_guidance, load_interview
from casekit.intake.definition import parse_interview
from casekit.intake.schema import Text, fact_refs
from casekit.law.facts import FACTS, validate_fact

PLACEHOLDERS = {"case_id", "platforms", "country", "country_number"}


def _texts(obj: Any, where: str = "") -> list[tuple[str, Text]]:
    """Every Text in a model tree, with where it sits."""
    found: list[tuple[str, Text]] = []
    if isinstance(obj, Text):
        return [(where, obj)]
    if isinstance(obj, list | tuple):
        for i, item in enumerate(obj):
            found += _texts(item, f"{where}[{i}]")
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            found += _texts(getattr(obj, name), f"{where}.{name}")
    return found


ALL_TEXTS = _texts(load_interview(), "interview") + _texts(load_guidance(), "guidance")


def test_every_fact_the_interview_writes_is_in_the_law_vocabulary() -> None:
    assert load_interview().fact_keys - set(FACTS) == set()


def test_every_fact_a_choice_or_rule_sets_is_a_valid_value() -> None:
    interview = load_interview()
    for q in interview.questions:
        for c in q.choices:
            for key, value in c.facts.items():
                assert validate_fact(key, value) is not None, (q.id, c.value, key)
        if q.fact and q.choices:
            spec = FACTS[q.fact]
            for c in q.choices:
                if c.value != "other" or spec.kind != "list":
                    assert validate_fact(q.fact, c.value if spec.kind != "list" else [c.value]) is not None
    for rule in interview.derived:
        for key, value in rule.set.items():
            assert validate_fact(key, value) is not None


def test_every_condition_reads_known_facts() -> None:
    interview, book = load_interview(), load_guidance()
    conditions = [q.when for q in interview.questions if q.when]
    conditions += [r.when for r in interview.stop_when] + [d.when for d in interview.derived]
    conditions += [g.when for g in book.emergency + book.while_you_wait + book.next_hour if g.when]
    unknown = {key for c in conditions for key in fact_refs(c)} - set(FACTS)
    assert unknown == set()


def test_every_question_and_every_piece_of_guidance_has_french() -> None:
    assert len(ALL_TEXTS) > 200
    for where, text in ALL_TEXTS:
        assert text.en.strip() and text.fr.strip(), where


def test_french_is_a_translation_not_a_copy() -> None:
    # Names (Instagram, France) read the same in both languages; sentences must not.
    same = [w for w, t in ALL_TEXTS if t.en == t.fr and len(t.en.split()) > 2]
    assert same == []


def test_every_question_has_a_why_we_ask() -> None:
    for q in load_interview().questions:
        assert len(q.why.en) > 20 and len(q.why.fr) > 20, q.id


def test_placeholders_are_known_and_the_same_in_both_languages() -> None:
    field = re.compile(r"\{(\w+)\}")
    for where, text in ALL_TEXTS:
        en, fr = set(field.findall(text.en)), set(field.findall(text.fr))
        assert en == fr, where
        assert en <= PLACEHOLDERS, where


def test_guidance_stating_agency_facts_is_sourced_and_dated() -> None:
    book = load_guidance()
    numbers = re.compile(r"\b(\d-\d{3}-\d{3}-\d{4}|9-8-8|911|686868)\b|cybertip|Arachnid|INTERPOL|s\. \d")
    for item in book.emergency + book.while_you_wait + book.next_hour:
        if numbers.search(item.text.en):
            assert item.sources, f"{item.id} states an agency fact without a source"
        if item.sources:
            assert item.last_verified is not None and item.last_verified <= date.today()
            assert all(s.url.startswith("http") for s in item.sources)
    for country in book.countries:
        assert country.source.url.startswith("https://") and country.last_verified


def test_every_country_offered_has_an_emergency_number() -> None:
    question = load_interview().question("danger_country")
    assert question is not None
    codes = {c.code for c in load_guidance().countries}
    offered = {c.value.upper() for c in question.choices if c.value != "other"}
    assert offered == codes


BLAME = re.compile(
    r"should(?:n't| not)? have|your fault|their fault|why did (?:you|they)|"
    r"n'aurai[st] pas dû|aurai[st] dû|de (?:votre|ta|sa) faute",
    re.IGNORECASE,
)


def test_no_sentence_blames_the_person() -> None:
    for where, text in ALL_TEXTS:
        for sentence in (text.en, text.fr):
            reassurance = ("not their fault", "not your fault", "pas de sa faute", "pas de ta faute")
            for words in reassurance:
                sentence = sentence.replace(words, "")
            match = BLAME.search(sentence)
            assert match is None, f"{where}: '{match.group(0) if match else ''}'"


def test_a_broken_definition_names_the_place() -> None:
    with pytest.raises(IntakeError) as err:
        parse_interview(
            {
                "version": "x",
                "sections": [{"id": "s", "title": {"en": "S", "fr": "S"}}],
                "stop_when": [],
                "questions": [
                    {
                        "id": "q1",
                        "section": "s",
                        "type": "yes_no",
                        "text": {"en": "Only English"},
                        "why": {"en": "w", "fr": "w"},
                    }
                ],
            }
        )
    assert "questions.0.text.fr" in err.value.message


def test_a_condition_on_an_unknown_question_is_refused() -> None:
    with pytest.raises(IntakeError) as err:
        parse_interview(
            {
                "version": "x",
                "sections": [{"id": "s", "title": {"en": "S", "fr": "S"}}],
                "stop_when": [{"id": "d", "when": {"answer": "nope", "is": 1}}],
                "questions": [],
            }
        )
    assert "interview.yaml" in err.value.message and "nope" in err.value.message
