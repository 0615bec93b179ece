"""The police brief: what happened, who, the evidence and its custody, the law, and what police can do."""

from __future__ import annotations

from datetime import datetime

from ..i18n import catalog, t
from .bundle import CaseBundle
from .common import (
    age_words,
    colon,
    exhibit_description,
    exhibit_details,
    fact_exhibits,
    fact_label,
    fact_ref,
    fact_sentences,
    fact_value,
    handle_kind,
    handles_on,
    long_date,
    officer_line,
    person_name,
    police_files,
    short_hash,
    source_line,
    stamp,
    summary_facts,
    victim_name,
)
from .model import Bullets, Document, Fields, Heading, Para, Span, Table, Text, text
from .references import ARACHNID, CRIMINAL_CODE_POWERS, CYBERTIP, MLACMA, NCECC, TAKE_IT_DOWN
from .views import OffenceView, loc


def title_block(doc: Document, bundle: CaseBundle, lang: str) -> None:
    doc.header = f"{t('doc.confidential', lang)} · {t('doc.case', lang)} {bundle.case.id}"
    doc.disclaimer = t("doc.disclaimer", lang)
    doc.footer = f"{bundle.case.title} · {long_date(bundle.generated, lang)}"
    doc.generated_ts = bundle.generated.timestamp()
    doc.meta = [
        (t("doc.case", lang), f"{bundle.case.id} · {bundle.case.title}"),
        (t("doc.jurisdiction", lang), bundle.case.jurisdiction),
        (t("doc.prepared", lang), long_date(bundle.generated, lang)),
    ]
    reporter = bundle.reporter
    if reporter and reporter.names:
        doc.meta.append((t("doc.prepared_by", lang), reporter.names[0]))
    files = police_files(bundle)
    if files:
        doc.meta.append((t("doc.police_files", lang), ", ".join(files)))


def build_brief(bundle: CaseBundle, lang: str) -> Document:
    doc = Document(kind="brief", lang=lang, title=t("brief.title", lang), subtitle=bundle.case.title)
    title_block(doc, bundle, lang)
    if bundle.assessment is not None:
        doc.meta.append((t("doc.urgency", lang), t(f"doc.urgency.{bundle.assessment.urgency}", lang)))
    _summary(doc, bundle, lang)
    _people(doc, bundle, lang)
    _timeline(doc, bundle, lang)
    _messages(doc, bundle, lang)
    _offences(doc, bundle, lang)
    _steps(doc, bundle, lang)
    _services(doc, bundle, lang)
    _evidence(doc, bundle, lang)
    _contacts(doc, bundle, lang)
    _known(doc, bundle, lang)
    return doc


def _not_recorded(lang: str) -> Para:
    return Para(text(t("doc.not_recorded", lang)), style="note")


def _summary(doc: Document, bundle: CaseBundle, lang: str) -> None:
    doc.add(Heading(t("brief.h.summary", lang)))
    doc.add(Para(text(t("brief.intro", lang, victim=victim_name(bundle, lang)))))
    doc.add(
        Para(
            text(
                t(
                    "brief.holdings",
                    lang,
                    exhibits=len(bundle.exhibits),
                    sensitive=len(bundle.sensitive_exhibits),
                    messages=len(bundle.messages),
                    contacts=len(bundle.contacts),
                )
            )
        )
    )
    a = bundle.assessment
    if a is not None and a.urgency in ("imminent", "high"):
        reasons = "; ".join(loc(r, lang) for r in a.urgency_reasons)
        reasons = reasons[:1].upper() + reasons[1:]
        line = t(f"doc.urgency.{a.urgency}", lang) + (f". {reasons}" if reasons else "")
        doc.add(Para(text(Span(f"{t('doc.urgency', lang)}{colon(lang)}", bold=True), line), style="quote"))
    sentences = fact_sentences(bundle, lang)
    if sentences:
        doc.add(Bullets(tuple(sentences)))
    else:
        doc.add(_not_recorded(lang))


def _people(doc: Document, bundle: CaseBundle, lang: str) -> None:
    doc.add(Heading(t("brief.h.people", lang)))
    victim = bundle.victim
    location = (victim.location if victim else None) or t("doc.unknown", lang)
    age = text(age_words(bundle, lang))
    if bundle.has("victim_age"):
        age = (*age, Span(" "), fact_ref("victim_age", lang))
    doc.add(
        Fields(
            (
                (t("doc.role.victim", lang).capitalize(), text(victim_name(bundle, lang))),
                (t("doc.col.age", lang), age),
                (t("doc.col.location", lang), text(location)),
            )
        )
    )
    rows: list[tuple[Text, ...]] = []
    for person in bundle.suspects:
        name = person_name(person, t("brief.suspect_unnamed", lang))
        aliases = f" ({', '.join(person.aliases)})" if person.aliases and person.names else ""
        for handle in person.handles:
            rows.append(
                (
                    text(name + aliases),
                    text(handle.platform),
                    text(Span(handle.value, mono=True)),
                    text(handle_kind(handle, lang)),
                )
            )
        if not person.handles:
            rows.append((text(name + aliases), text("—"), text("—"), text("—")))
    if rows:
        doc.add(
            Table(
                (
                    t("doc.role.suspect", lang).capitalize(),
                    t("doc.col.platform", lang),
                    t("doc.col.identifier", lang),
                    t("doc.col.kind", lang),
                ),
                tuple(rows),
                (3, 2, 4, 2),
            )
        )
    else:
        doc.add(Para(text(t("brief.no_identifiers", lang)), style="note"))
    if bundle.identifiers:
        doc.add(Para(text(Span(t("brief.identifiers_in_messages", lang), bold=True))))
        doc.add(
            Table(
                (
                    t("doc.col.kind", lang),
                    t("doc.col.identifier", lang),
                    t("doc.col.platform", lang),
                    t("doc.col.exhibit", lang),
                ),
                tuple(
                    (
                        text(
                            t(f"doc.ident.{i.kind}", lang) if f"doc.ident.{i.kind}" in catalog() else i.kind
                        ),
                        text(Span(i.value, mono=True)),
                        text(i.platform or "—"),
                        text(Span(i.exhibit or "—", bold=True), "\n", Span(i.locator, mono=True)),
                    )
                    for i in bundle.identifiers
                ),
                (2, 4, 2, 2.4),
            )
        )


def _timeline(doc: Document, bundle: CaseBundle, lang: str) -> None:
    doc.add(Heading(t("brief.h.timeline", lang)))
    # The recorded events and the police contacts, in one time order (undated events last).
    dated: list[tuple[datetime | None, tuple[Text, ...]]] = []
    for event in bundle.timeline:
        what = text(Span(event.title, bold=bool(event.detail)), f" {event.detail}" if event.detail else "")
        dated.append(
            (
                event.when,
                (
                    text(stamp(event.when, lang)),
                    what,
                    text(_event_source(bundle, event.source, event.reference)),
                ),
            )
        )
    for c in bundle.contacts:
        officer = officer_line(c)
        what = text(
            Span(t("brief.contact_event", lang, agency=c.agency), bold=True),
            f" ({officer})" if officer else "",
            f" {c.outcome}" if c.outcome else "",
        )
        dated.append(
            (c.when, (text(stamp(c.when, lang)), what, text(c.file_number or t("doc.col.agency", lang))))
        )
    # The first and the last message quoted in section 4 frame the contact in time.
    timed = [m for m in bundle.messages if m.when is not None]
    for key, m in (("brief.first_message", timed[0]), ("brief.last_message", timed[-1])) if timed else ():
        what = text(Span(t(key, lang, sender=m.sender or "—"), bold=True))
        dated.append(
            (m.when, (text(stamp(m.when, lang)), what, text(m.exhibit or short_hash(m.exhibit_sha256))))
        )
    if not dated:
        doc.add(_not_recorded(lang))
        return
    rows = [row for _when, row in sorted((d for d in dated if d[0]), key=lambda d: d[0])]
    rows += [row for when, row in dated if when is None]
    doc.add(
        Table(
            (t("doc.col.when", lang), t("doc.col.what", lang), t("doc.col.source", lang)),
            tuple(rows),
            (2.2, 6, 1.8),
        )
    )


def _event_source(bundle: CaseBundle, source: str, reference: str | None) -> str:
    if reference:
        exhibit = bundle.exhibit_by_sha(reference)
        if exhibit:
            return exhibit.label
        message = next((m for m in bundle.messages if reference in (m.exhibit_sha256,)), None)
        if message and message.exhibit:
            return message.exhibit
    return source


def _messages(doc: Document, bundle: CaseBundle, lang: str) -> None:
    doc.add(Heading(t("brief.h.messages", lang)))
    if not bundle.messages:
        doc.add(_not_recorded(lang))
        return
    doc.add(Para(text(t("brief.messages_note", lang)), style="note"))
    rows = []
    for m in bundle.messages:
        exhibit = m.exhibit or short_hash(m.exhibit_sha256)
        rows.append(
            (
                text(
                    stamp(m.when, lang),
                    Span(f"\n{t('brief.zone_assumed', lang, zone=m.timezone_assumed)}", italic=True)
                    if m.timezone_assumed
                    else "",
                ),
                text(m.sender or "—"),
                text(m.text, Span(f"\n{_reasons(m, lang)}", italic=True) if m.reason else ""),
                text(Span(exhibit, bold=True), "\n", Span(m.locator, mono=True)),
            )
        )
    doc.add(
        Table(
            (
                t("doc.col.when", lang),
                t("doc.col.sender", lang),
                t("doc.col.message", lang),
                t("doc.col.exhibit", lang),
            ),
            tuple(rows),
            (2, 1.7, 4.6, 2.4),
        )
    )


def _reasons(message, lang: str) -> str:
    """The analysis categories of a message, in words: 'request for images, secrecy'."""
    words = []
    for category in str(loc(message.reason, lang)).split(", "):
        key = f"doc.indicator.{category}"
        words.append(t(key, lang) if key in catalog() else category.replace("_", " "))
    return t("brief.flagged", lang, what=", ".join(words))


def _offence_blocks(bundle: CaseBundle, offence: OffenceView, lang: str) -> list:
    status = t(f"doc.offence.{offence.status}", lang)
    blocks: list = [
        Heading(
            t(
                "brief.offence_heading",
                lang,
                section=offence.section,
                title=loc(offence.title, lang),
                status=status,
            ),
            level=2,
        )
    ]
    if loc(offence.summary, lang):
        blocks.append(Para(text(loc(offence.summary, lang))))
    if loc(offence.max_penalty, lang):
        blocks.append(
            Para(text(t("brief.max_penalty", lang, penalty=loc(offence.max_penalty, lang))), style="small")
        )
    rows = []
    for element in offence.elements:
        if element.fact_key and element.fact_value is not None:
            exhibits = fact_exhibits(bundle, element.fact_key)
            fact: Text = text(
                f"{fact_label(element.fact_key, lang)}{colon(lang)}{fact_value(element.fact_key, element.fact_value, lang)} ",
                fact_ref(element.fact_key, lang),
                f" {', '.join(exhibits)}" if exhibits else "",
            )
        elif element.fact_key:
            # The fact the element waits for: named, but not cited (nothing is recorded yet).
            fact = text(
                Span(
                    f"{fact_label(element.fact_key, lang)}{colon(lang)}{t('doc.element.unknown', lang)}",
                    italic=True,
                )
            )
        else:
            fact = text(Span(t("brief.element_no_fact", lang), italic=True))
        status_word = t(f"doc.element.{element.status}", lang)
        proof = "; ".join(loc(x, lang) for x in element.evidence)
        description = text(
            loc(element.description, lang),
            Span(f"\n{t('brief.proved_by', lang)}{colon(lang)}{proof}", italic=True) if proof else "",
        )
        rows.append((description, text(Span(status_word, bold=element.status == "met")), fact))
    if rows:
        blocks.append(
            Table(
                (t("doc.col.element", lang), t("doc.col.status", lang), t("doc.col.fact", lang)),
                tuple(rows),
                (5, 1.6, 4),
            )
        )
    if offence.sources:
        blocks.append(
            Para(
                text(
                    Span(f"{t('brief.offence_sources', lang)}{colon(lang)}", bold=True),
                    "; ".join(source_line(s, lang) for s in offence.sources),
                ),
                style="small",
            )
        )
    return blocks


def _offences(doc: Document, bundle: CaseBundle, lang: str) -> None:
    doc.add(Heading(t("brief.h.offences", lang)))
    a = bundle.assessment
    if a is None:
        doc.add(_not_recorded(lang))
        return
    offences = a.by_status("likely") + a.by_status("possible")
    if not offences:
        doc.add(Para(text(t("brief.no_offences", lang)), style="note"))
    for offence in offences:
        doc.add(*_offence_blocks(bundle, offence, lang))


def _steps(doc: Document, bundle: CaseBundle, lang: str) -> None:
    doc.add(Heading(t("brief.h.steps", lang)))
    items: list[Text] = []
    platforms = bundle.platform_names
    for name in platforms:
        handles = handles_on(bundle, name)
        ids = ", ".join(h.value for h in handles) or t("doc.unknown", lang)
        view = bundle.platform(name)
        label = bundle.platform_label(name)
        step = t("brief.step.preservation", lang, platform=label, ids=ids)
        if view is not None:
            portal, notes = view.law_enforcement_url, loc(view.law_enforcement, lang)
            where = t("brief.step.where", lang, platform=label, portal=portal) if portal else ""
            step = " ".join(x for x in (step, where, notes) if x)
        else:
            step += " " + t("brief.step.where_unknown", lang)
        items.append(text(step))
        items.append(text(t("brief.step.production", lang, platform=label, ids=ids)))
    if not platforms:
        items.append(text(Span(t("brief.no_platform", lang), italic=True)))
    if bundle.ice_unit is not None:
        items.append(text(t("brief.step.ice", lang, unit=_agency_line(bundle.ice_unit, lang))))
    else:
        items.append(text(t("brief.step.ice_unknown", lang)))
    if bundle.fact("suspect_location") == "abroad":
        items.append(text(t("brief.step.mlat", lang), " ", fact_ref("suspect_location", lang)))
    if bundle.sensitive_exhibits:
        labels = ", ".join(e.label for e in bundle.sensitive_exhibits)
        items.append(text(t("brief.step.device", lang), f" ({labels})"))
    else:
        items.append(text(t("brief.step.device_plain", lang)))
    # The law part's own next steps speak to the family ("keep everything"); a brief lists police steps only.
    doc.add(Bullets(tuple(items), numbered=True))
    # The law part's own citations of the powers when it has them; casekit's standing ones otherwise.
    powers = list(bundle.assessment.power_sources) if bundle.assessment else []
    sources = [*(powers or [CRIMINAL_CODE_POWERS]), NCECC]
    if bundle.fact("suspect_location") == "abroad":
        sources.append(MLACMA)
    sources += [v.source for v in (bundle.platform(n) for n in platforms) if v and v.source]
    doc.add(
        Para(
            text(
                Span(f"{t('brief.offence_sources', lang)}{colon(lang)}", bold=True),
                "; ".join(source_line(s, lang) for s in sources),
            ),
            style="small",
        )
    )


def _agency_line(agency, lang: str) -> str:
    parts = [loc(agency.name, lang), loc(agency.how, lang), agency.url]
    return ", ".join(p for p in parts if p)


def _services(doc: Document, bundle: CaseBundle, lang: str) -> None:
    doc.add(Heading(t("brief.h.services", lang)))
    items = [text(t("brief.service.cybertip", lang))]
    sources = [CYBERTIP]
    image_case = bool(bundle.sensitive_exhibits) or bundle.fact("victim_sent_intimate_image") is True
    if image_case:
        items.append(text(t("brief.service.arachnid", lang)))
        items.append(text(t("brief.service.takeitdown", lang)))
        sources += [ARACHNID, TAKE_IT_DOWN]
    if bundle.assessment is not None:
        for ref in bundle.assessment.referrals:
            name = loc(ref.name, lang)
            if any(w in f"{name} {ref.url}".lower() for w in STANDING_SERVICES):
                continue  # already described above, with its source
            if ref.kind in NOT_SERVICES:
                continue  # police units, oversight and 9-1-1 are not services the brief refers an officer to
            when = loc(ref.when, lang)
            reach = ", ".join(x for x in (loc(ref.how, lang), ref.url) if x)
            items.append(
                text(Span(name, bold=True), f": {when}" if when else "", f" ({reach})" if reach else "")
            )
            if ref.source:
                sources.append(ref.source)
    doc.add(Bullets(tuple(items)))
    if image_case:
        doc.add(Para(text(t("brief.hashlist_note", lang)), style="note"))
    doc.add(
        Para(
            text(
                Span(f"{t('brief.offence_sources', lang)}{colon(lang)}", bold=True),
                "; ".join(source_line(s, lang) for s in sources),
            ),
            style="small",
        )
    )


STANDING_SERVICES = ("cybertip", "cyberaide", "arachnid", "take it down", "takeitdown")
NOT_SERVICES = {"ice_unit", "oversight", "emergency", "police", "platform"}


def _evidence(doc: Document, bundle: CaseBundle, lang: str) -> None:
    doc.add(Heading(t("brief.h.evidence", lang)))
    if not bundle.exhibits:
        doc.add(Para(text(t("brief.no_exhibits", lang)), style="note"))
    else:
        rows = []
        for e in sorted(bundle.exhibits, key=lambda x: x.number):
            how = t("brief.acquired_copied", lang) if e.stored else t("doc.kept.hash_only", lang)
            hashes = [Span(e.sha256, mono=True)]
            if e.md5:
                hashes += [Span("\nMD5 ", bold=True), Span(e.md5, mono=True)]
            if e.pdq:
                hashes += [Span("\nPDQ ", bold=True), Span(e.pdq, mono=True)]
            rows.append(
                (
                    text(Span(e.label, bold=True)),
                    text(
                        exhibit_description(e, lang),
                        Span(f"\n{details}", italic=True)
                        if (details := exhibit_details(bundle, e, lang))
                        else "",
                    ),
                    tuple(hashes),
                    text(t("brief.acquired_how", lang, when=stamp(e.acquired, lang), how=how)),
                )
            )
        doc.add(
            Table(
                (
                    t("doc.col.exhibit", lang),
                    t("doc.col.description", lang),
                    t("doc.col.sha256", lang),
                    t("doc.col.acquired", lang),
                ),
                tuple(rows),
                (1, 4, 4.2, 2.4),
            )
        )
    doc.add(Heading(t("brief.h.custody", lang), level=2))
    custody = bundle.custody
    if not custody.entries:
        doc.add(Para(text(t("brief.no_custody", lang)), style="note"))
        return
    rows = [
        (
            text(stamp(c.when, lang)),
            text(c.action),
            text(c.exhibit or "—"),
            text(c.actor),
            text(Span(short_hash(c.entry_hash), mono=True)),
        )
        for c in custody.entries
    ]
    doc.add(
        Table(
            (
                t("doc.col.when", lang),
                t("doc.col.action", lang),
                t("doc.col.exhibit", lang),
                t("doc.col.actor", lang),
                t("doc.col.entry_hash", lang),
            ),
            tuple(rows),
            (2.4, 1.6, 1.2, 2, 2.6),
        )
    )
    if custody.head_hash:
        doc.add(Para(text(t("brief.custody_head", lang, head=custody.head_hash)), style="small"))


def _contacts(doc: Document, bundle: CaseBundle, lang: str) -> None:
    doc.add(Heading(t("brief.h.contacts", lang)))
    if not bundle.contacts:
        doc.add(Para(text(t("brief.no_contacts", lang)), style="note"))
        return
    rows = []
    for c in bundle.contacts:
        officer = officer_line(c)
        rows.append(
            (
                text(stamp(c.when, lang)),
                text(c.agency),
                text(officer or "—"),
                text(c.file_number or "—"),
                text(c.summary, f" {c.outcome}" if c.outcome else ""),
            )
        )
    doc.add(
        Table(
            (
                t("doc.col.when", lang),
                t("doc.col.agency", lang),
                t("doc.col.officer", lang),
                t("doc.col.file", lang),
                t("doc.col.outcome", lang),
            ),
            tuple(rows),
            (2.2, 2.2, 2.2, 1.6, 4),
        )
    )


def _known(doc: Document, bundle: CaseBundle, lang: str) -> None:
    doc.add(Heading(t("brief.h.known", lang)))
    doc.add(Heading(t("brief.h.known_facts", lang), level=2))
    facts = summary_facts(bundle)
    if facts:
        doc.add(
            Fields(
                tuple(
                    (
                        fact_label(f.key, lang),
                        text(fact_value(f.key, f.value, lang), " ", fact_ref(f.key, lang)),
                    )
                    for f in facts
                )
            )
        )
    else:
        doc.add(_not_recorded(lang))
    doc.add(Heading(t("brief.h.unknown_facts", lang), level=2))
    questions = [loc(q, lang) for q in bundle.assessment.questions] if bundle.assessment else []
    if questions:
        doc.add(Bullets(tuple(text(q) for q in questions)))
    elif bundle.assessment is None:
        doc.add(_not_recorded(lang))
    else:
        doc.add(Para(text(t("brief.no_questions", lang)), style="note"))
