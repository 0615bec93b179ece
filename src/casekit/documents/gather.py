"""Gather a ``CaseBundle`` from the store and the other parts of casekit.

Each part is asked for what it knows through its public API.  A part that has nothing for this case,
or cannot answer (no law pack for the jurisdiction, the vault never set up), leaves a gap the documents
show as "not yet recorded": a brief with a gap is still worth printing.  Evidence content is never read
here; only the exhibits' descriptions, hashes and the custody log.
"""

from __future__ import annotations

from typing import Any

from ..errors import CasekitError
from ..model import Message, Person
from ..settings import Settings
from ..store import (
    CaseRepository,
    ContactRepository,
    FactRepository,
    PersonRepository,
    Store,
    TimelineRepository,
)
from .bundle import CaseBundle
from .views import (
    AgencyView,
    AssessmentView,
    CustodyLog,
    CustodyView,
    ElementView,
    IdentifierView,
    KeyMessage,
    OffenceView,
    PlatformView,
    SourceRef,
    StepView,
)

KEY_MESSAGES = 15


def gather(store: Store, case_id: str, settings: Settings | None = None, *, vault: Any = None) -> CaseBundle:
    """Everything documents need about ``case_id``.  Raises CaseNotFound for an unknown case."""
    with store.session() as s:
        case = CaseRepository(s).get(case_id)
        bundle = CaseBundle(
            case=case,
            people=PersonRepository(s).for_case(case_id),
            facts={f.key: f for f in FactRepository(s).for_case(case_id)},
            contacts=ContactRepository(s).for_case(case_id),
            timeline=TimelineRepository(s).for_case(case_id),
        )
    vault = _evidence(bundle, store, settings, vault)
    _messages(bundle, store, vault)
    _law(bundle)
    return bundle


# --- vault ----------------------------------------------------------------------------------------------
def open_vault(store: Store, settings: Settings | None = None) -> Any:
    from ..vault import Vault

    return Vault(store, settings or store.settings)


def _evidence(bundle: CaseBundle, store: Store, settings: Settings | None, vault: Any) -> Any:
    try:
        vault = vault or open_vault(store, settings)
        bundle.exhibits = vault.exhibits(bundle.case.id)
        entries = vault.custody(bundle.case.id)
        public_key = vault.public_key_pem() if vault.has_setup() else ""
    except ImportError:
        bundle.gaps.add("exhibits")
        return None
    labels = {e.sha256: e.label for e in bundle.exhibits}
    bundle.custody = CustodyLog(
        entries=tuple(
            CustodyView(
                when=e.time,
                actor=e.actor,
                action=str(getattr(e.action, "value", e.action)),
                exhibit=labels.get(e.exhibit_sha256 or ""),
                entry_hash=e.entry_hash,
                previous_hash=e.prev_hash,
                note="",
            )
            for e in entries
        ),
        head_hash=entries[-1].entry_hash if entries else "",
        head_signature=(entries[-1].signature or "") if entries else "",
        public_key_pem=public_key,
        raw=[e.model_dump(mode="json") for e in entries],
    )
    if not bundle.exhibits:
        bundle.gaps.add("exhibits")
    return vault


# --- messages -------------------------------------------------------------------------------------------
def _messages(bundle: CaseBundle, store: Store, vault: Any) -> None:
    """The suspect's messages, opened with the case key (message text is sealed at rest)."""
    try:
        from ..importers import timeline
    except ImportError:
        bundle.gaps.add("messages")
        return
    try:
        messages = timeline(store, vault, bundle.case.id) if vault is not None else []
    except CasekitError:
        # No passphrase at hand (or a wrong one): the brief is still useful without quotes, and the
        # command says why they are missing.
        messages = []
        bundle.gaps.add("messages_locked")
    flagged: dict[str, list[str]] = {}
    try:
        from ..analysis import analyse
    except ImportError:
        analyse = None
    if analyse is not None and messages:
        found = analyse(messages, region=bundle.case.country)
        for indicator in found.indicators:
            flagged.setdefault(indicator.message_id, []).append(indicator.category)
        names = _suspect_names(bundle.suspects)
        seen: set[tuple[str, str]] = set()
        for ident in found.identifiers:
            if not names or (ident.sender or "").lower().lstrip("@") not in names:
                continue  # only what the suspect wrote: a number in the child's message may be the child's
            if (ident.kind, ident.value) in seen:
                continue
            seen.add((ident.kind, ident.value))
            exhibit = bundle.exhibit_by_sha(ident.exhibit_sha256)
            bundle.identifiers.append(
                IdentifierView(
                    ident.kind, ident.value, ident.platform, exhibit.label if exhibit else None, ident.locator
                )
            )
    bundle.messages = select_key_messages(messages, bundle, flagged=flagged)
    if not bundle.messages:
        bundle.gaps.add("messages")


def _suspect_names(suspects: list[Person]) -> set[str]:
    names: set[str] = set()
    for p in suspects:
        names.update(n.lower() for n in p.names + p.aliases)
        names.update(h.value.lower().lstrip("@") for h in p.handles)
    return names


def select_key_messages(
    messages: list[Message],
    bundle: CaseBundle,
    limit: int = KEY_MESSAGES,
    flagged: dict[str, list[str]] | None = None,
) -> list[KeyMessage]:
    """The suspect's messages (by name, alias or handle): those the analysis flagged (secrecy, requests
    for images, threats…) first, then the earliest, up to ``limit``, told in time order.

    Where no suspect is named, every sender's messages are candidates.  The brief says where each comes
    from (exhibit and place in it), so an officer can find it in the original export.
    """
    flagged = flagged or {}
    names = _suspect_names(bundle.suspects)
    chosen = [
        m
        for m in messages
        if m.kind == "message"
        and names
        and (
            (m.sender or "").lower().lstrip("@") in names or (m.sender_id or "").lower().lstrip("@") in names
        )
    ]
    if not chosen:
        chosen = [m for m in messages if m.kind == "message"]
    chosen.sort(key=lambda m: (m.timestamp is None, m.timestamp))
    if len(chosen) > limit:
        ranked = sorted(enumerate(chosen), key=lambda im: (im[1].id not in flagged, im[0]))
        keep = {i for i, _m in ranked[:limit]}
        chosen = [m for i, m in enumerate(chosen) if i in keep]
    out = []
    for m in chosen:
        exhibit = bundle.exhibit_by_sha(m.exhibit_sha256)
        out.append(
            KeyMessage(
                when=m.timestamp,
                sender=m.sender or m.sender_id,
                text=m.text,
                platform=m.platform,
                exhibit=exhibit.label if exhibit else None,
                exhibit_sha256=m.exhibit_sha256,
                locator=m.locator,
                reason=", ".join(dict.fromkeys(flagged.get(m.id, []))),
                timezone_assumed=m.timezone_assumed,
            )
        )
    return out


# --- law ------------------------------------------------------------------------------------------------
def _text(value: Any) -> Any:
    """A law ``Text`` (en/fr model) as a plain mapping; strings pass through."""
    if value is None:
        return ""
    if hasattr(value, "model_dump"):
        return value.model_dump()
    return value


def _source(sources: list[Any], last_verified: Any) -> SourceRef | None:
    if not sources:
        return None
    first = sources[0]
    return SourceRef(first.title, first.url, str(last_verified or ""))


def _contacts_line(contacts: list[Any]) -> tuple[str, str, tuple[str, ...]]:
    """(how to reach, web address, postal address lines) from a law ``Contact`` list."""
    how = [c.value for c in contacts if c.kind in ("phone", "text", "email")]
    web = next((c.value for c in contacts if c.kind == "web"), "")
    address = next((c.value for c in contacts if c.kind == "address"), "")
    lines = tuple(x.strip() for x in address.replace("\n", ",").split(",") if x.strip()) if address else ()
    return ", ".join(how), web, lines


def agency_view(agency: Any) -> AgencyView:
    how, web, address = _contacts_line(list(agency.contact))
    return AgencyView(
        name=_text(agency.name),
        how=how,
        url=web,
        address=address,
        when=_text(agency.when),
        source=_source(list(agency.sources), agency.last_verified),
        kind=agency.kind,
    )


def assessment_view(result: Any) -> AssessmentView:
    offences = []
    for o in result.offences:
        elements = []
        for e in o.elements:
            used = e.decided_by[0] if e.decided_by else None
            elements.append(
                ElementView(
                    _text(e.text),
                    str(getattr(e.status, "value", e.status)),
                    used.key if used else (e.missing[0] if e.missing else None),
                    used.value if used else None,
                    tuple(_text(x) for x in getattr(e, "evidence", [])[:2]),
                )
            )
        sources = tuple(SourceRef(s.title, s.url, str(o.last_verified)) for s in o.sources)
        offences.append(
            OffenceView(
                section=o.section,
                title=_text(o.title),
                status=o.status,
                summary=_text(o.summary),
                elements=tuple(elements),
                sources=sources,
                max_penalty=_text(o.penalty.maximum) if getattr(o, "penalty", None) else "",
            )
        )
    return AssessmentView(
        offences=tuple(offences),
        urgency=result.urgency,
        urgency_reasons=tuple(_text(r) for r in result.urgency_reasons),
        steps=tuple(StepView(_text(s.text)) for s in result.steps),
        referrals=tuple(
            agency_view_from_referral(r) for r in result.referrals if r.kind not in ("oversight", "platform")
        ),
        questions=tuple(_text(q.label) for q in result.questions),
        power_sources=_power_sources(getattr(result, "powers", [])),
    )


def _power_sources(powers: list[Any]) -> tuple[SourceRef, ...]:
    """One source line per statute, naming the sections cited from it: 'Criminal Code … (487.012, 487.014)'."""
    grouped: dict[tuple[str, str, str], list[str]] = {}
    for p in powers:
        for s in p.sources[:1]:
            grouped.setdefault((s.title, s.url, str(p.last_verified)), []).append(p.citation)
    return tuple(
        SourceRef(f"{title} ({', '.join(cites)})", url, date) for (title, url, date), cites in grouped.items()
    )


def agency_view_from_referral(r: Any) -> AgencyView:
    how, web, address = _contacts_line(list(r.contact))
    return AgencyView(
        name=_text(r.name),
        how=how,
        url=web,
        address=address,
        when=_text(r.when),
        source=_source(list(r.sources), r.last_verified),
        kind=r.kind,
    )


def platform_view(p: Any) -> PlatformView:
    law = p.law_enforcement
    return PlatformView(
        name=p.name,
        law_enforcement=_text(law.preservation),
        law_enforcement_url=law.portal or "",
        source=_source(list(p.sources), p.last_verified),
    )


def _law(bundle: CaseBundle) -> None:
    try:
        from ..law import FACTS, assess, kb
    except ImportError:
        bundle.gaps.update({"assessment", "platforms", "oversight"})
        return
    place = bundle.case.jurisdiction
    facts = {k: f.value for k, f in bundle.facts.items() if k in FACTS}
    try:
        bundle.assessment = assessment_view(assess(facts, place))
    except CasekitError:
        # Facts the law part refuses, or no pack for this place: the brief shows the gap.
        bundle.gaps.add("assessment")
    for name in bundle.platform_names:
        found = kb.platform(name)
        if found is not None:
            bundle.platforms[name.lower()] = platform_view(found)
    try:
        body = kb.oversight_body(place)
        bundle.oversight = agency_view(body) if body else None
        units = kb.ice_units(place)
        bundle.ice_unit = agency_view(units[0]) if units else None
    except CasekitError:
        pass
    if bundle.oversight is None:
        bundle.gaps.add("oversight")
