"""The shape of the interview and guidance data (``intake/data/*.yaml``), checked when it is loaded.

Everything a person reads is a ``Text`` with English and French, so a question cannot exist in one
language only.  Branching is a ``Condition``: plain data compared with earlier answers and facts, never
code, so the same file can drive the terminal, the web wizard and the tests.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Text(Strict):
    en: str = Field(min_length=1)
    fr: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


class Condition(Strict):
    """One test over what is known so far, or a combination of tests.

    A subject is either ``answer`` (a question id) or ``fact`` (a fact key).  An unknown subject makes
    every comparison false, so "ask when the age is under 18 or not known" is written out in full.
    """

    answer: str | None = None
    fact: str | None = None
    is_: Any = Field(default=None, alias="is")
    in_: list[Any] | None = Field(default=None, alias="in")
    has: Any = None
    lt: float | None = None
    ge: float | None = None
    known: bool | None = None
    all: list[Condition] | None = None
    any: list[Condition] | None = None
    not_: Condition | None = Field(default=None, alias="not")

    @model_validator(mode="after")
    def _one_shape(self) -> Condition:
        combinators = [c for c in (self.all, self.any, self.not_) if c is not None]
        subjects = [s for s in (self.answer, self.fact) if s is not None]
        tests = [t for t in (self.in_, self.has, self.lt, self.ge, self.known) if t is not None]
        has_is = "is_" in self.model_fields_set
        if combinators:
            if len(combinators) > 1 or subjects or tests or has_is:
                raise ValueError("a condition with all/any/not must have nothing else beside it")
            return self
        if len(subjects) != 1:
            raise ValueError("a condition names exactly one 'answer' or one 'fact'")
        if len(tests) + int(has_is) != 1:
            raise ValueError("a condition has exactly one test: is, in, has, lt, ge or known")
        return self


class AnswerType(StrEnum):
    yes_no = "yes_no"
    choice = "choice"
    multi_choice = "multi_choice"
    integer = "integer"
    number = "number"
    age = "age"  # a number of years, or one of the choices (e.g. "adult", "minor")
    date = "date"  # YYYY-MM-DD


class Choice(Strict):
    value: str = Field(pattern=r"^[a-z0-9_]+$")
    label: Text
    # Facts this choice writes besides (or instead of) the question's own fact.
    facts: dict[str, Any] = Field(default_factory=dict)


class Question(Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    section: str
    type: AnswerType
    text: Text
    why: Text
    fact: str | None = None
    choices: list[Choice] = Field(default_factory=list)
    exclusive: list[str] = Field(default_factory=list, description="multi_choice values that stand alone")
    min: float | None = None
    max: float | None = None
    when: Condition | None = None
    triage: bool = False

    @model_validator(mode="after")
    def _choices_fit_type(self) -> Question:
        needs = self.type in (AnswerType.choice, AnswerType.multi_choice)
        if needs and not self.choices:
            raise ValueError(f"a {self.type.value} question needs choices")
        if (
            self.type in (AnswerType.yes_no, AnswerType.integer, AnswerType.number, AnswerType.date)
            and self.choices
        ):
            raise ValueError(f"a {self.type.value} question has no choices")
        values = [c.value for c in self.choices]
        if len(values) != len(set(values)):
            raise ValueError("two choices share a value")
        if not set(self.exclusive) <= set(values):
            raise ValueError("'exclusive' names a value that is not a choice")
        return self

    def choice(self, value: str) -> Choice | None:
        return next((c for c in self.choices if c.value == value), None)

    @property
    def writes(self) -> set[str]:
        """Every fact key this question can write."""
        keys = {self.fact} if self.fact else set()
        for c in self.choices:
            keys |= set(c.facts)
        return keys


class Section(Strict):
    id: str
    title: Text


class Derivation(Strict):
    """A fact that follows from others (a child's image is an image of a minor), written as 'derived'."""

    id: str
    when: Condition
    set: dict[str, Any]


class StopRule(Strict):
    """A danger that stops the interview to show what to do now."""

    id: str
    when: Condition


class Interview(Strict):
    version: str
    sections: list[Section]
    questions: list[Question]
    derived: list[Derivation] = Field(default_factory=list)
    stop_when: list[StopRule]

    @model_validator(mode="after")
    def _consistent(self) -> Interview:
        ids = [q.id for q in self.questions]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"question ids used twice: {', '.join(dupes)}")
        sections = {s.id for s in self.sections}
        for q in self.questions:
            if q.section not in sections:
                raise ValueError(f"question '{q.id}' names an unknown section '{q.section}'")
        checks = [(f"question '{q.id}'", q.when) for q in self.questions if q.when]
        checks += [(f"stop rule '{r.id}'", r.when) for r in self.stop_when]
        checks += [(f"derivation '{d.id}'", d.when) for d in self.derived]
        for where, cond in checks:
            for ref in answer_refs(cond):
                if ref not in ids:
                    raise ValueError(f"{where} refers to an unknown question '{ref}'")
        return self

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    @property
    def fact_keys(self) -> set[str]:
        keys: set[str] = set()
        for q in self.questions:
            keys |= q.writes
        for d in self.derived:
            keys |= set(d.set)
        return keys


def answer_refs(cond: Condition) -> list[str]:
    """Question ids a condition reads."""
    refs = [cond.answer] if cond.answer else []
    for sub in (cond.all or []) + (cond.any or []) + ([cond.not_] if cond.not_ else []):
        refs += answer_refs(sub)
    return refs


def fact_refs(cond: Condition) -> list[str]:
    """Fact keys a condition reads."""
    refs = [cond.fact] if cond.fact else []
    for sub in (cond.all or []) + (cond.any or []) + ([cond.not_] if cond.not_ else []):
        refs += fact_refs(sub)
    return refs


class Source(Strict):
    title: str
    url: str = Field(pattern=r"^https?://")


class Guidance(Strict):
    """One piece of advice.  Items that state a fact about an agency or a number carry their sources."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: Text
    text: Text
    when: Condition | None = None
    sources: list[Source] = Field(default_factory=list)
    last_verified: date | None = None

    @model_validator(mode="after")
    def _sourced_with_date(self) -> Guidance:
        if self.sources and self.last_verified is None:
            raise ValueError(f"guidance '{self.id}' has sources but no last_verified date")
        return self


class Country(Strict):
    code: str = Field(pattern=r"^[A-Z]{2}$")
    name: Text
    emergency: str
    source: Source
    last_verified: date

    @field_validator("emergency")
    @classmethod
    def _digits(cls, value: str) -> str:
        if not value.replace(" ", "").replace("/", "").isdigit():
            raise ValueError("an emergency number is digits (several separated by '/')")
        return value


class GuidanceBook(Strict):
    emergency: list[Guidance]
    while_you_wait: list[Guidance]
    next_hour: list[Guidance]
    countries: list[Country]
