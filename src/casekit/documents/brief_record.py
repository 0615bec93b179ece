"""The police brief, the record sections: evidence index, chain of custody, police contacts, and what is
known and not yet known."""

from __future__ import annotations

from ..i18n import catalog, t
from .bundle import CaseBundle
from .common import (
    contacts_table,
    exhibit_description,
    exhibit_details,
    fact_label,
    fact_ref,
    fact_value,
    not_recorded,
    short_hash,
    stamp,
    summary_facts,
)
from .model import Bullets, Document, Fields, Heading, Para, Span, Table, text
from .views import loc


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
    entries = list(custody.entries)
    if len(entries) > CUSTODY_ROWS:
        # Each acquisition is already in the index with its time; a long log shows what happened after.
        acquired = sum(1 for c in entries if c.action == "acquired")
        entries = [c for c in entries if c.action != "acquired"]
        doc.add(Para(text(t("brief.custody_acquired", lang, count=acquired)), style="small"))
    rows = [
        (
            text(stamp(c.when, lang)),
            text(_action(c.action, lang)),
            text(c.exhibit or "—"),
            text(c.actor),
            text(Span(short_hash(c.entry_hash), mono=True)),
        )
        for c in entries
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


CUSTODY_ROWS = 40


def _action(action: str, lang: str) -> str:
    key = f"doc.custody.{action}"
    return t(key, lang) if key in catalog() else action


def _contacts(doc: Document, bundle: CaseBundle, lang: str) -> None:
    doc.add(Heading(t("brief.h.contacts", lang)))
    doc.add(contacts_table(bundle, lang, with_outcome=True, widths=(2.2, 2.2, 2.2, 1.6, 4)))


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
        doc.add(not_recorded(lang))
    doc.add(Heading(t("brief.h.unknown_facts", lang), level=2))
    questions = [loc(q, lang) for q in bundle.assessment.questions] if bundle.assessment else []
    if questions:
        doc.add(Bullets(tuple(text(q) for q in questions)))
    elif bundle.assessment is None:
        doc.add(not_recorded(lang))
    else:
        doc.add(Para(text(t("brief.no_questions", lang)), style="note"))
