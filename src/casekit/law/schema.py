"""The shapes of the knowledge-base files, checked when they are loaded.

Every entry names its sources and the date they were last checked (``last_verified``); a file that breaks
a rule is refused with the file, the entry and the field named (see ``kb.load``).  Conditions over facts
are data (``Condition``), never code: the engine evaluates them with three values (met / unknown / not met).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .facts import FACTS, FactError, validate_fact

# Facts the engine works out from others (see ``derive.py``); conditions may use them like any fact.
DERIVED_FACTS = ("age_gap",)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Text(Strict):
    """A phrase in both languages casekit speaks."""

    en: str = Field(min_length=1)
    fr: str = Field(min_length=1)

    def get(self, lang: str = "en") -> str:
        return self.fr if lang == "fr" else self.en


class Source(Strict):
    url: str = Field(pattern=r"^https?://\S+$")
    title: str = Field(min_length=1)


class Sourced(Strict):
    """Anything that states a legal or agency fact carries where it comes from and when it was checked."""

    sources: list[Source] = Field(min_length=1)
    last_verified: date
    unconfirmed: Text | None = Field(
        default=None, description="What the sources do not settle yet; shown beside the entry."
    )


class Condition(Strict):
    """A test over facts.  Exactly one of ``fact``, ``tag``, ``all``, ``any``, ``not``.

    With ``fact``: at most one operator; none means "is true" (for yes/no facts).
    ``tag`` is true when an offence carrying that tag came out likely (unknown when only possible).
    """

    fact: str | None = None
    equals: Any = None
    in_: list[Any] | None = Field(default=None, alias="in")
    lt: float | None = None
    lte: float | None = None
    gt: float | None = None
    gte: float | None = None
    contains: str | None = None
    nonempty: bool | None = None
    tag: str | None = None
    all: list[Condition] | None = None
    any: list[Condition] | None = None
    not_: Condition | None = Field(default=None, alias="not")

    @model_validator(mode="after")
    def _shape(self) -> Condition:
        heads = [n for n in ("fact", "tag", "all", "any", "not_") if getattr(self, n) is not None]
        if len(heads) != 1:
            raise ValueError("a condition needs exactly one of: fact, tag, all, any, not")
        ops = [
            n
            for n in ("equals", "in_", "lt", "lte", "gt", "gte", "contains", "nonempty")
            if getattr(self, n) is not None
        ]
        if self.fact is None:
            if ops:
                raise ValueError(f"'{ops[0].rstrip('_')}' needs a 'fact'")
            return self
        if len(ops) > 1:
            raise ValueError(
                "a fact condition takes one operator (equals, in, lt, lte, gt, gte, contains, nonempty)"
            )
        if self.fact in DERIVED_FACTS:
            return self
        spec = FACTS.get(self.fact)
        if spec is None:
            raise ValueError(f"unknown fact '{self.fact}' (see casekit schema facts)")
        if not ops and spec.kind != "bool":
            raise ValueError(f"fact '{self.fact}' is not yes/no: give an operator (equals, in, lt…)")
        if ops and ops[0] in ("lt", "lte", "gt", "gte") and spec.kind not in ("int", "number", "age"):
            raise ValueError(f"'{ops[0]}' needs a number fact; '{self.fact}' is {spec.kind}")
        if ops and ops[0] in ("contains", "nonempty") and spec.kind != "list":
            raise ValueError(f"'{ops[0]}' needs a list fact; '{self.fact}' is {spec.kind}")
        try:
            for value in [self.equals] if self.equals is not None else (self.in_ or []):
                validate_fact(self.fact, value)
        except FactError as exc:
            raise ValueError(exc.message) from None
        return self

    def fact_keys(self) -> set[str]:
        keys = {self.fact} if self.fact else set()
        for child in (self.all or []) + (self.any or []) + ([self.not_] if self.not_ else []):
            keys |= child.fact_keys()
        return keys


class Element(Strict):
    """One thing the prosecution must prove, as a condition over facts.

    ``conduct`` elements describe what the suspect did: an offence is reported only when at least one
    conduct element is met.  ``circumstance`` elements (age, means, place) never raise an offence alone.
    """

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    text: Text
    role: Literal["conduct", "circumstance"] = "conduct"
    when: Condition
    evidence: list[Text] = Field(min_length=1)


class Struck(Strict):
    ruling: str
    decided: date
    url: str = Field(pattern=r"^https?://\S+$")
    scope: Text


class Penalty(Strict):
    procedure: Literal["indictable", "hybrid", "summary", "either_way", "federal_felony", "civil", "varies"]
    maximum: Text
    minimum: Text | None = None
    minimum_struck: Struck | None = None


class OffenceVersion(Strict):
    """The offence as worded from ``in_force_from`` until the next version (None: since before our sources)."""

    in_force_from: date | None = None
    title: Text
    summary: Text
    penalty: Penalty
    note: Text | None = None


class Offence(Sourced):
    id: str = Field(pattern=r"^[A-Z]{2}-[A-Za-z0-9.()_-]+$")
    section: str = Field(min_length=1, description="As the statute cites it: 172.1, 163.1(4), 430(1.1)")
    law: Text
    tags: list[str] = Field(default_factory=list)
    age_threshold: int | None = Field(
        default=None, description="Victim is, or is believed to be, under this age"
    )
    elements: list[Element] = Field(min_length=1)
    versions: list[OffenceVersion] = Field(min_length=1)
    powers: list[str] = Field(default_factory=list, description="Ids of investigative powers that fit")
    related: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _versions_in_order(self) -> Offence:
        dates = [v.in_force_from for v in self.versions]
        if any(d is None for d in dates[1:]):
            raise ValueError("only the first version may leave in_force_from empty")
        known = [d for d in dates if d is not None]
        if known != sorted(known) or len(set(known)) != len(known):
            raise ValueError("versions must be in date order, one per date")
        if not any(e.role == "conduct" for e in self.elements):
            raise ValueError("an offence needs at least one conduct element")
        return self

    def version_on(self, on: date) -> OffenceVersion | None:
        """The wording in force on ``on``; None if the offence did not exist yet."""
        chosen = None
        for version in self.versions:
            if version.in_force_from is None or version.in_force_from <= on:
                chosen = version
        return chosen


class Provision(Sourced):
    """A rule that is not an offence: an investigative power, jurisdiction, reporting duty, remedy."""

    id: str = Field(pattern=r"^[A-Z]{2}-[A-Za-z0-9.()_-]+$")
    kind: Literal["power", "jurisdiction", "reporting_duty", "remedy", "assistance"]
    citation: str
    title: Text
    summary: Text
    who: Text | None = None
    threshold: Text | None = None
    limits: Text | None = None
    applies_when: Condition | None = None


class Contact(Strict):
    kind: Literal["phone", "text", "web", "email", "address", "in_app", "via"]
    value: str = Field(min_length=1)
    label: Text | None = None


class Agency(Sourced):
    """An agency or service: tipline, police unit, oversight body, crisis line, removal service."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    kind: Literal[
        "emergency", "tipline", "police", "ice_unit", "oversight", "crisis", "support", "removal", "fraud"
    ]
    regions: list[str] = Field(min_length=1, description="CA, or CA-ON for one province")
    name: Text
    what: Text
    when: Text
    contact: list[Contact] = Field(min_length=1)
    applies_when: Condition | None = None
    priority: int = Field(default=50, description="Lower comes first in referrals")


class PlatformLaw(Strict):
    portal: str | None = None
    preservation: Text
    foreign_process: Text
    emergency: Text


class Platform(Sourced):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    operator: str
    user_report: Text
    safety_route: Text | None = None
    law_enforcement: PlatformLaw
    data_notes: Text | None = None


class UrgencyRule(Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    level: Literal["imminent", "high"]
    when: Condition
    reason: Text
    sources: list[Source] = Field(default_factory=list)


class Step(Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    order: int
    text: Text
    when: Condition | None = None
    agency: str | None = None
    provision: str | None = None
    sources: list[Source] = Field(
        default_factory=list,
        description="Where the advice comes from (besides the agency or provision named)",
    )


class Pack(Strict):
    """Everything one jurisdiction file set declares (merged from its YAML files)."""

    jurisdiction: str
    name: Text
    emergency_number: str
    offences: list[Offence] = Field(default_factory=list)
    provisions: list[Provision] = Field(default_factory=list)
    agencies: list[Agency] = Field(default_factory=list)
    urgency: list[UrgencyRule] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)
