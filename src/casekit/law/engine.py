"""``assess(facts, jurisdiction)``: which offences the facts point to, how urgent it is, what to do next.

The result is one tree (``Assessment``): each offence with each element, the fact that decided it and the
evidence that proves it, plus its sources.  The terminal report, the JSON output and the police brief all
render this same tree.

Rules of judgement, in order:

* an offence is considered only if it was in force on the date of the facts (``incident_date``, or ``on``);
* it is dropped if any element is contradicted by a fact (``not_met``);
* it is dropped if no *conduct* element is met: age or means alone never make an offence;
* it is ``likely`` only when every element is met, else ``possible``.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..i18n import catalog
from .conditions import Outcome, Status, evaluate
from .derive import derive
from .facts import FACTS, VERSION, validate_facts
from .kb import KnowledgeBase, load, normalise
from .schema import Contact, Offence, Penalty, PlatformLaw, Source, Text

LEVELS = ("normal", "high", "imminent")
DERIVED_LABELS = {"age_gap": Text(en="Age difference", fr="Écart d'âge")}


class Node(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FactUsed(Node):
    key: str
    value: Any
    label: Text | None = None
    derived_from: list[str] = Field(default_factory=list)


class ElementResult(Node):
    id: str
    text: Text
    role: str
    status: Status
    decided_by: list[FactUsed] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)
    evidence: list[Text] = Field(default_factory=list)


class ProvisionRef(Node):
    id: str
    citation: str
    title: Text
    summary: Text
    kind: str
    sources: list[Source]
    last_verified: date


class OffenceResult(Node):
    id: str
    section: str
    law: Text
    status: Literal["likely", "possible"]
    title: Text
    summary: Text
    note: Text | None = None
    in_force_from: date | None = None
    age_threshold: int | None = None
    tags: list[str] = Field(default_factory=list)
    penalty: Penalty
    elements: list[ElementResult]
    powers: list[str] = Field(default_factory=list)
    sources: list[Source]
    last_verified: date
    unconfirmed: Text | None = None


class NotInForce(Node):
    """An offence the facts would point to, had it existed on the date of the facts."""

    id: str
    section: str
    title: Text
    in_force_from: date
    sources: list[Source]


class StepResult(Node):
    order: int
    id: str
    text: Text
    agency: str | None = None
    provision: str | None = None
    sources: list[Source] = Field(default_factory=list)


class Referral(Node):
    id: str
    kind: str
    name: Text
    what: Text
    when: Text
    contact: list[Contact]
    law_enforcement: PlatformLaw | None = None
    sources: list[Source]
    last_verified: date
    unconfirmed: Text | None = None


class Question(Node):
    key: str
    label: Text
    why: Text | None = Field(
        default=None, description="What the fact means, for the interview's 'why we ask'"
    )
    affects: list[str] = Field(description="Offence sections or 'urgency' this answer could change")


class Assessment(Node):
    jurisdiction: str
    emergency_number: str
    on: date = Field(description="The law applied is the law in force on this date")
    facts_version: str = VERSION
    facts: dict[str, Any]
    offences: list[OffenceResult]
    urgency: Literal["normal", "high", "imminent"]
    urgency_reasons: list[Text]
    steps: list[StepResult]
    referrals: list[Referral]
    powers: list[ProvisionRef] = Field(description="Investigative powers that fit the offences")
    provisions: list[ProvisionRef] = Field(description="Other rules that apply: jurisdiction, remedies")
    questions: list[Question]
    not_in_force: list[NotInForce] = Field(
        default_factory=list, description="Offences that fit the facts but took effect after their date"
    )
    disclaimer: Text

    def offence(self, section: str) -> OffenceResult | None:
        """The first offence whose section is ``section`` or starts with it (``163.1`` finds ``163.1(4)``)."""
        return next((o for o in self.offences if matches_section(o.section, section)), None)


def matches_section(section: str, wanted: str) -> bool:
    return section == wanted or section.startswith(wanted + "(")


def _label(key: str) -> Text | None:
    if key in FACTS:
        spec = FACTS[key]
        return Text(en=spec.label_en, fr=spec.label_fr)
    return DERIVED_LABELS.get(key)


def _why(key: str) -> Text | None:
    spec = FACTS.get(key)
    return Text(en=spec.description_en, fr=spec.description_fr) if spec else None


def _facts_used(outcome: Outcome, origins: dict[str, list[str]]) -> list[FactUsed]:
    used: dict[str, FactUsed] = {}
    for key, value in outcome.decided_by:
        used.setdefault(
            key, FactUsed(key=key, value=value, label=_label(key), derived_from=origins.get(key, []))
        )
    return list(used.values())


def _asked(keys: tuple[str, ...] | list[str], facts: dict[str, Any]) -> list[str]:
    """Missing keys as questions a person can answer (a derived fact is asked through its sources)."""
    out: list[str] = []
    for key in keys:
        sources = ["suspect_age", "victim_age"] if key == "age_gap" else [key]
        out += [k for k in sources if k not in facts and k not in out]
    return out


def _judge(
    offence: Offence, facts: dict[str, Any], origins: dict[str, list[str]], on: date
) -> OffenceResult | None:
    # Not yet in force: judged with its first wording, so the caller can say it did not exist yet.
    version = offence.version_on(on) or offence.versions[0]
    results: list[ElementResult] = []
    for element in offence.elements:
        outcome = evaluate(element.when, facts)
        if outcome.status is Status.not_met:
            return None
        results.append(
            ElementResult(
                id=element.id,
                text=element.text,
                role=element.role,
                status=outcome.status,
                # An element not yet settled is explained by what is missing, not by the parts that failed.
                decided_by=_facts_used(outcome, origins) if outcome.status is Status.met else [],
                missing=_asked(outcome.missing, facts),
                evidence=element.evidence,
            )
        )
    if not any(r.role == "conduct" and r.status is Status.met for r in results):
        return None
    return OffenceResult(
        id=offence.id,
        section=offence.section,
        law=offence.law,
        status="likely" if all(r.status is Status.met for r in results) else "possible",
        title=version.title,
        summary=version.summary,
        note=version.note,
        in_force_from=version.in_force_from,
        age_threshold=offence.age_threshold,
        tags=offence.tags,
        penalty=version.penalty,
        elements=results,
        powers=offence.powers,
        sources=offence.sources,
        last_verified=offence.last_verified,
        unconfirmed=offence.unconfirmed,
    )


def _tags(offences: list[OffenceResult]) -> dict[str, Status]:
    tags: dict[str, Status] = {}
    for off in offences:
        for tag in off.tags:
            if off.status == "likely":
                tags[tag] = Status.met
            else:
                tags.setdefault(tag, Status.unknown)
    return tags


def _provision_ref(p: Any) -> ProvisionRef:
    return ProvisionRef(
        id=p.id,
        citation=p.citation,
        title=p.title,
        summary=p.summary,
        kind=p.kind,
        sources=p.sources,
        last_verified=p.last_verified,
    )


def _referrals(
    kb: KnowledgeBase, place: str, facts: dict[str, Any], tags: dict[str, Status]
) -> list[Referral]:
    out: list[Referral] = []
    for agency in kb.agencies_for(place):
        if (
            agency.applies_when is not None
            and evaluate(agency.applies_when, facts, tags).status is not Status.met
        ):
            continue
        out.append(
            Referral(
                id=agency.id,
                kind=agency.kind,
                name=agency.name,
                what=agency.what,
                when=agency.when,
                contact=agency.contact,
                sources=agency.sources,
                last_verified=agency.last_verified,
                unconfirmed=agency.unconfirmed,
            )
        )
    for name in facts.get("platform", []):
        plat = kb.platform(name)
        if plat is None:
            continue
        out.append(
            Referral(
                id=f"platform_{plat.id}",
                kind="platform",
                name=Text(en=plat.name, fr=plat.name),
                what=plat.user_report,
                when=plat.safety_route or plat.user_report,
                contact=[Contact(kind="in_app", value=plat.name)],
                law_enforcement=plat.law_enforcement,
                sources=plat.sources,
                last_verified=plat.last_verified,
                unconfirmed=plat.unconfirmed,
            )
        )
    return out


def _disclaimer() -> Text:
    texts = catalog()["law.disclaimer"]
    return Text(en=texts["en"], fr=texts["fr"])


def assess(
    facts: dict[str, Any], jurisdiction: str = "CA", *, on: date | None = None, only_known_keys: bool = False
) -> Assessment:
    """Assess ``facts`` under the law of ``jurisdiction`` in force ``on`` (default: ``incident_date``, else today).

    Raises ``FactError`` for facts outside the vocabulary and ``KnowledgeBaseError`` for an unknown place.
    ``only_known_keys`` skips keys the vocabulary does not have (a stored case also holds other parts' facts);
    their values are still checked.
    """
    if only_known_keys:
        facts = {k: v for k, v in facts.items() if k in FACTS}
    clean = validate_facts(facts)
    place = normalise(jurisdiction)
    kb = load(place)
    when = on or clean.get("incident_date") or date.today()
    known, origins = derive(clean)

    judged = [r for off in kb.pack.offences if (r := _judge(off, known, origins, when)) is not None]
    offences = [r for r in judged if r.in_force_from is None or r.in_force_from <= when]
    not_in_force = [
        NotInForce(
            id=r.id, section=r.section, title=r.title, in_force_from=r.in_force_from, sources=r.sources
        )
        for r in judged
        if r.in_force_from is not None and r.in_force_from > when
    ]
    offences.sort(key=lambda o: (o.status != "likely", kb.pack.offences.index(kb.offence(o.id))))  # type: ignore[arg-type]
    tags = _tags(offences)

    questions: dict[str, list[str]] = {}
    for off in offences:
        for element in off.elements:
            for key in element.missing:
                questions.setdefault(key, []).append(off.section)

    level, reasons = "normal", []
    for rule in sorted(kb.pack.urgency, key=lambda r: -LEVELS.index(r.level)):
        outcome = evaluate(rule.when, known, tags)
        if outcome.status is Status.met:
            level = max(level, rule.level, key=LEVELS.index)
            reasons.append(rule.reason)
        elif outcome.status is Status.unknown and LEVELS.index(rule.level) > LEVELS.index(level):
            for key in _asked(outcome.missing, clean):
                if "urgency" not in questions.setdefault(key, []):
                    questions[key].append("urgency")

    steps = [
        StepResult(
            order=s.order, id=s.id, text=s.text, agency=s.agency, provision=s.provision, sources=s.sources
        )
        for s in sorted(kb.pack.steps, key=lambda s: (s.order, s.id))
        if s.when is None or evaluate(s.when, known, tags).status is Status.met
    ]
    power_ids = list(dict.fromkeys(p for off in offences for p in off.powers))
    powers = [_provision_ref(kb.provision(p)) for p in power_ids]
    applied = [
        _provision_ref(p)
        for p in kb.pack.provisions
        if p.applies_when is not None and evaluate(p.applies_when, known, tags).status is Status.met
    ]
    order = list(FACTS)
    ranked = sorted(
        questions.items(), key=lambda kv: (-len(kv[1]), order.index(kv[0]) if kv[0] in order else 999)
    )
    return Assessment(
        jurisdiction=place,
        emergency_number=kb.pack.emergency_number,
        on=when,
        facts=clean,
        offences=offences,
        urgency=level,  # type: ignore[arg-type]
        urgency_reasons=reasons,
        steps=steps,
        referrals=_referrals(kb, place, clean, tags),
        powers=powers,
        provisions=applied,
        not_in_force=not_in_force,
        questions=[
            Question(key=k, label=_label(k) or Text(en=k, fr=k), why=_why(k), affects=v) for k, v in ranked
        ],
        disclaimer=_disclaimer(),
    )
