"""The person's written statement: first person, in time order, with exhibit references and a signature block."""

from __future__ import annotations

from datetime import datetime

from ..i18n import catalog, t
from .brief import title_block
from .bundle import CaseBundle
from .common import (
    exhibit_description,
    fact_ref,
    fact_sentences,
    long_date,
    officer_line,
    person_name,
    stamp,
    victim_name,
)
from .model import Bullets, Document, Heading, Para, Signature, Span, Text, text


def build_statement(bundle: CaseBundle, lang: str) -> Document:
    reporter = bundle.reporter
    name = person_name(reporter, t("statement.someone", lang))
    doc = Document(
        kind="statement",
        lang=lang,
        title=t("statement.title", lang),
        subtitle=t("statement.subtitle", lang, name=name),
    )
    title_block(doc, bundle, lang)
    victim = victim_name(bundle, lang)

    doc.add(Heading(t("statement.h.about", lang)))
    about = [t("statement.my_name", lang, name=name)] if reporter and reporter.names else []
    if reporter and reporter.location:
        about.append(t("statement.i_live", lang, location=reporter.location))
    relationship = bundle.fact("reporter_relationship")
    if relationship and bundle.victim is not reporter:
        key = f"doc.relationship.{str(relationship).lower()}"
        words = t(key, lang) if key in catalog() else str(relationship)
        about.append(t("statement.relationship", lang, victim=victim, relationship=words))
    age = bundle.victim_age
    if age is not None:
        about.append(t("statement.about_victim", lang, victim=victim, age=t("doc.age_years", lang, age=age)))
    else:
        about.append(t("statement.about_victim_noage", lang, victim=victim))
    doc.add(Para(text(" ".join(about))))

    if bundle.narrative is not None:
        words, origin = bundle.narrative
        doc.add(Heading(t("statement.h.own_words", lang)))
        for chunk in words.split("\n\n"):
            doc.add(Para(text(chunk.strip())))
        ref = fact_ref("narrative", lang) if origin == "fact" else Span(f"[{origin}]", italic=True)
        doc.add(Para(text(ref), style="small"))

    doc.add(Heading(t("statement.h.what", lang)))
    items = _events(bundle, lang)
    doc.add(
        Bullets(tuple(item for _when, item in items))
        if items
        else Para(text(t("doc.not_recorded", lang)), style="note")
    )

    sentences = fact_sentences(bundle, lang)
    if sentences:
        doc.add(Heading(t("statement.h.facts", lang)), Bullets(tuple(sentences)))

    doc.add(Heading(t("statement.h.evidence", lang)))
    if bundle.exhibits:
        colon = " : " if lang == "fr" else ": "
        items = [
            text(
                Span(e.label, bold=True),
                f"{colon}{exhibit_description(e, lang)}\nSHA-256 ",
                Span(e.sha256, mono=True),
            )
            for e in sorted(bundle.exhibits, key=lambda x: x.number)
        ]
        doc.add(Bullets(tuple(items)))
    else:
        doc.add(Para(text(t("brief.no_exhibits", lang)), style="note"))

    if bundle.contacts:
        doc.add(Heading(t("statement.h.police", lang)))
        for c in bundle.contacts:
            officer = officer_line(c)
            line = t(
                "statement.contact",
                lang,
                when=long_date(c.when, lang),
                kind=t(f"doc.contact.kind.{c.kind.value}", lang),
                agency=c.agency,
                officer=t("statement.officer", lang, officer=officer) if officer else "",
                summary=c.summary,
            ).strip()
            if c.file_number:
                line += f" ({t('doc.col.file', lang)} {c.file_number})"
            outcome = f" {t('statement.outcome', lang, outcome=c.outcome)}" if c.outcome else ""
            doc.add(Para(text(line + outcome)))

    doc.add(Heading(t("statement.h.declaration", lang)), Para(text(t("statement.declaration", lang))))
    doc.add(
        Signature(
            (
                t("statement.sign", lang),
                t("statement.sign_name", lang),
                t("statement.sign_date", lang),
                t("statement.sign_witness", lang),
            ),
            name=name if reporter and reporter.names else None,
        )
    )
    return doc


def _events(bundle: CaseBundle, lang: str) -> list[tuple[datetime | None, Text]]:
    """The recorded events and the suspect's key messages, in time order (undated events last)."""
    items: list[tuple[datetime | None, Text]] = []
    for event in bundle.events:
        title = event.title.rstrip(".")
        line = (
            t("statement.event", lang, when=stamp(event.when, lang), title=title)
            if event.when
            else t("statement.event_undated", lang, title=title)
        )
        ref = _ref(bundle, event.reference)
        items.append(
            (event.when, text(line, f" {event.detail}" if event.detail else "", f" ({ref})" if ref else ""))
        )
    for m in bundle.messages:
        where = ", ".join(x for x in (m.exhibit, m.locator) if x)
        said = t("statement.message", lang, when=stamp(m.when, lang), sender=m.sender or "—")
        items.append(
            (
                m.when,
                text(
                    said, Span(f"« {m.text} »" if lang == "fr" else f"“{m.text}”", italic=True), f" ({where})"
                ),
            )
        )
    ordered = sorted((i for i in items if i[0] is not None), key=lambda i: i[0])
    return ordered + [i for i in items if i[0] is None]


def _ref(bundle: CaseBundle, reference: str | None) -> str:
    if not reference:
        return ""
    exhibit = bundle.exhibit_by_sha(reference)
    return exhibit.label if exhibit else ""
