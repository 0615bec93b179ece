"""The police brief: what happened, who, the evidence and its custody, the law, and what police can do."""

from __future__ import annotations

from datetime import datetime

from ..i18n import catalog, t
from .brief_law import _offences, _services, _steps
from .brief_record import _contacts, _evidence, _known
from .bundle import CaseBundle
from .common import (
    age_words,
    colon,
    fact_ref,
    fact_sentences,
    handle_kind,
    long_date,
    not_recorded,
    officer_line,
    person_name,
    police_files,
    short_hash,
    stamp,
    victim_name,
)
from .model import Bullets, Document, Fields, Heading, Para, Span, Table, Text, text
from .views import loc


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
        doc.add(not_recorded(lang))


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
                    text(bundle.platform_label(handle.platform)),
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
                        text(bundle.platform_label(i.platform) if i.platform else "—"),
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
    for event in bundle.events:
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
        doc.add(not_recorded(lang))
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
        doc.add(not_recorded(lang))
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
