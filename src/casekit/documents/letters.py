"""Letters: preservation request to a platform, escalation to the watch commander, complaint to the
provincial police oversight body.  Each is a ``Document`` with ``letter=True`` (letterhead layout)."""

from __future__ import annotations

from ..errors import DocumentError
from ..i18n import t
from ..model import Contact
from .brief import title_block
from .bundle import CaseBundle
from .common import (
    colon,
    contacts_table,
    fact_ref,
    handle_kind,
    handles_on,
    long_date,
    officer_line,
    person_name,
    source_line,
    victim_with_age,
)
from .model import Address, Bullets, Document, Heading, Para, Signature, Span, Table, Text, text
from .references import CRIMINAL_CODE_POWERS, CVBR, OVERSIGHT_NOTE
from .views import loc

LETTER_KINDS = ("preservation", "escalation", "complaint")


def build_letter(bundle: CaseBundle, kind: str, lang: str, platform: str | None = None) -> Document:
    if kind == "preservation":
        return build_preservation(bundle, lang, platform)
    if kind == "escalation":
        return build_escalation(bundle, lang)
    if kind == "complaint":
        return build_complaint(bundle, lang)
    raise DocumentError.from_key("error.letter_kind", kind=kind)


def _frame(bundle: CaseBundle, kind: str, lang: str, title: str, recipient: list[str]) -> Document:
    doc = Document(kind=f"letter-{kind}", lang=lang, title=title, letter=True)
    title_block(doc, bundle, lang)
    # A letter is the family's own; the brief's reading notes (fact keys, exhibit list) do not belong in it.
    doc.meta, doc.disclaimer = [], ""
    reporter = bundle.reporter
    sender = [reporter.names[0]] if reporter and reporter.names else [t("letter.sender_unknown", lang)]
    if reporter and reporter.location:
        sender.append(reporter.location)
    doc.add(Address(tuple(sender)))
    doc.add(Para(text(t("letter.date_line", lang, date=long_date(bundle.generated, lang)))))
    doc.add(Address(tuple(recipient)))
    return doc


def _subject(doc: Document, lang: str, subject: str, reference: str) -> None:
    doc.add(Para(text(Span(f"{t('letter.subject', lang)}{colon(lang)}{subject}", bold=True))))
    doc.add(Para(text(f"{t('letter.reference', lang)}{colon(lang)}{reference}"), style="small"))
    doc.add(Para(text(t("letter.salutation", lang))))


def _close(doc: Document, bundle: CaseBundle, lang: str, enclosures: list[str]) -> None:
    doc.add(Para(text(t("letter.closing", lang))))
    reporter = bundle.reporter
    doc.add(Signature((t("statement.sign", lang),), name=person_name(reporter, "") or None))
    if enclosures:
        doc.add(
            Para(
                text(Span(f"{t('letter.enclosures', lang)}{colon(lang).rstrip()}", bold=True)), style="small"
            )
        )
        doc.add(Bullets(tuple(text(e) for e in enclosures)))


def _reference(bundle: CaseBundle, lang: str) -> str:
    files = [c.file_number for c in bundle.contacts if c.file_number]
    parts = [f"{t('doc.case', lang)} {bundle.case.id}"] + [
        f"{t('doc.col.file', lang)} {f}" for f in files[:2]
    ]
    return " · ".join(parts)


def _offence_bullets(bundle: CaseBundle, lang: str) -> Bullets | Para:
    a = bundle.assessment
    offences = (a.by_status("likely") + a.by_status("possible")) if a else []
    if not offences:
        return Para(text(t("brief.no_offences", lang) if a else t("doc.not_recorded", lang)), style="note")
    items: list[Text] = []
    for o in offences:
        spans: list[Span | str] = [
            Span(f"{'art.' if lang == 'fr' else 's.'} {o.section}", bold=True),
            f" {loc(o.title, lang)} ({t(f'doc.offence.{o.status}', lang)})",
        ]
        met = [e.fact_key for e in o.elements if e.status == "met" and e.fact_key]
        for key in dict.fromkeys(met):
            spans += [" ", fact_ref(key, lang)]
        items.append(text(*spans))
    return Bullets(tuple(items))


# --- preservation -------------------------------------------------------------------------------------
def build_preservation(bundle: CaseBundle, lang: str, platform: str | None = None) -> Document:
    names = bundle.platform_names
    name = platform or (names[0] if names else "")
    view = bundle.platform(name) if name else None
    recipient = list(view.address) if view and view.address else []
    if not recipient:
        recipient = [t("letter.preservation.to", lang, platform=bundle.platform_label(name) if name else "—")]
    if view and view.law_enforcement_url and view.law_enforcement_url not in recipient:
        # The portal is where the letter goes; the platform's retention notes belong in the brief.
        recipient.append(view.law_enforcement_url)
    doc = _frame(bundle, "preservation", lang, t("letter.preservation.title", lang), recipient)
    handles = handles_on(bundle, name) if name else []
    if not handles:
        doc.add(Para(text(t("letter.preservation.no_platform", lang)), style="quote"))
        _close(doc, bundle, lang, [])
        return doc
    ids = ", ".join(h.value for h in handles)
    name = bundle.platform_label(name)
    _subject(
        doc, lang, t("letter.preservation.subject", lang, platform=name, ids=ids), _reference(bundle, lang)
    )
    contact = next((c for c in reversed(bundle.contacts) if c.file_number), None)
    agency = (
        t("letter.preservation.agency", lang, agency=contact.agency, file=contact.file_number)
        if contact
        else ""
    )
    doc.add(
        Para(
            text(
                t(
                    "letter.preservation.p1",
                    lang,
                    victim=victim_with_age(bundle, lang),
                    agency=agency,
                )
            )
        )
    )
    doc.add(
        Table(
            (t("doc.col.platform", lang), t("doc.col.identifier", lang), t("doc.col.kind", lang)),
            tuple((text(name), text(Span(h.value, mono=True)), text(handle_kind(h, lang))) for h in handles),
            (2, 4, 2),
        )
    )
    moments = [e.when for e in bundle.events] + [m.when for m in bundle.messages]
    first = min((w for w in moments if w is not None), default=None)
    start = long_date(first, lang) if first else t("letter.preservation.first_contact", lang)
    doc.add(Para(text(t("letter.preservation.p2", lang, start=start))))
    doc.add(Para(text(t("letter.preservation.p3", lang))))
    # The exports the quoted messages come from and the screenshots: what shows the accounts.
    cited = {m.exhibit_sha256 for m in bundle.messages}
    exhibits = [
        e
        for e in bundle.exhibits
        if not e.sensitive and (e.sha256 in cited or (e.media_type or "").startswith("image/"))
    ] or [e for e in bundle.exhibits if not e.sensitive]
    if exhibits:
        doc.add(Para(text(t("letter.preservation.p4", lang))))
        doc.add(
            Table(
                (t("doc.col.exhibit", lang), t("doc.col.description", lang), t("doc.col.sha256", lang)),
                tuple(
                    (text(Span(e.label, bold=True)), text(e.original_name), text(Span(e.sha256, mono=True)))
                    for e in exhibits
                ),
                (1, 4, 5),
            )
        )
    doc.add(Para(text(t("letter.preservation.p5", lang))))
    _close(doc, bundle, lang, [])
    sources = [CRIMINAL_CODE_POWERS] + ([view.source] if view and view.source else [])
    doc.add(Para(text("; ".join(source_line(s, lang) for s in sources)), style="small"))
    return doc


# --- escalation ---------------------------------------------------------------------------------------
def _declined(bundle: CaseBundle) -> Contact | None:
    declined = bundle.declined_contacts
    if declined:
        return declined[-1]
    return bundle.contacts[-1] if bundle.contacts else None


def _reported_table(bundle: CaseBundle, lang: str) -> Table | Para:
    return contacts_table(bundle, lang, with_outcome=False, widths=(2.2, 2.4, 2.2, 1.8, 4))


def _declined_para(bundle: CaseBundle, contact: Contact | None, lang: str) -> Para:
    if contact is None or not bundle.declined_contacts:
        return Para(text(t("letter.escalation.none_declined", lang)), style="note")
    officer = officer_line(contact)
    return Para(
        text(
            t(
                "letter.escalation.declined",
                lang,
                when=long_date(contact.when, lang),
                officer=officer or "—",
                agency=contact.agency,
                file=contact.file_number or "—",
                outcome=contact.outcome or "",
            )
        ),
        style="quote",
    )


def build_escalation(bundle: CaseBundle, lang: str) -> Document:
    contact = _declined(bundle)
    agency = contact.agency if contact else t("letter.complaint.the_police", lang)
    doc = _frame(
        bundle,
        "escalation",
        lang,
        t("letter.escalation.title", lang),
        [t("letter.escalation.to", lang), agency],
    )
    file = contact.file_number if contact and contact.file_number else bundle.case.id
    _subject(doc, lang, t("letter.escalation.subject", lang, file=file), _reference(bundle, lang))
    doc.add(Para(text(t("letter.escalation.p1", lang, victim=victim_with_age(bundle, lang)))))
    doc.add(Heading(t("letter.escalation.h.reported", lang), level=2), _reported_table(bundle, lang))
    doc.add(Heading(t("letter.escalation.h.declined", lang), level=2), _declined_para(bundle, contact, lang))
    doc.add(Heading(t("letter.escalation.h.why", lang), level=2))
    doc.add(Para(text(t("letter.escalation.why", lang))), _offence_bullets(bundle, lang))
    doc.add(Para(text(t("letter.escalation.powers", lang))))
    doc.add(Heading(t("letter.escalation.h.ask", lang), level=2))
    labels = [bundle.platform_label(n) for n in bundle.platform_names]
    platforms = ", ".join(labels) or t("letter.escalation.the_platform", lang)
    doc.add(
        Bullets(
            (
                text(t("letter.escalation.ask1", lang)),
                text(t("letter.escalation.ask2", lang, platforms=platforms)),
                text(t("letter.escalation.ask3", lang)),
            ),
            numbered=True,
        )
    )
    _close(doc, bundle, lang, [t("letter.enc.brief", lang), t("letter.enc.statement", lang)])
    doc.add(Para(text("; ".join(source_line(s, lang) for s in (CRIMINAL_CODE_POWERS, CVBR))), style="small"))
    return doc


# --- complaint ----------------------------------------------------------------------------------------
def build_complaint(bundle: CaseBundle, lang: str) -> Document:
    body = bundle.oversight
    if body is not None:
        recipient = list(body.address) or [loc(body.name, lang)]
        if loc(body.name, lang) not in recipient:
            recipient.insert(0, loc(body.name, lang))
        if body.url and body.url not in recipient:
            recipient.append(body.url)
    else:
        recipient = [t("letter.complaint.no_body", lang, province=bundle.case.jurisdiction)]
    doc = _frame(bundle, "complaint", lang, t("letter.complaint.title", lang), recipient)
    contact = _declined(bundle)
    agency = contact.agency if contact else t("letter.complaint.the_police", lang)
    file = contact.file_number if contact and contact.file_number else bundle.case.id
    _subject(
        doc, lang, t("letter.complaint.subject", lang, agency=agency, file=file), _reference(bundle, lang)
    )
    doc.add(Para(text(t("letter.complaint.p1", lang, victim=victim_with_age(bundle, lang), agency=agency))))
    doc.add(Heading(t("letter.complaint.h.events", lang), level=2), _reported_table(bundle, lang))
    doc.add(_declined_para(bundle, contact, lang))
    doc.add(Heading(t("letter.complaint.h.why", lang), level=2))
    doc.add(Para(text(t("letter.escalation.why", lang))), _offence_bullets(bundle, lang))
    doc.add(Para(text(t("letter.escalation.powers", lang))))
    doc.add(Heading(t("letter.complaint.h.ask", lang), level=2))
    doc.add(
        Para(text(t("letter.complaint.ask", lang))),
        Para(text(t("letter.complaint.note", lang)), style="note"),
    )
    _close(doc, bundle, lang, [t("letter.enc.brief", lang), t("letter.enc.statement", lang)])
    sources = [CRIMINAL_CODE_POWERS, OVERSIGHT_NOTE] + ([body.source] if body and body.source else [])
    doc.add(Para(text("; ".join(source_line(s, lang) for s in sources)), style="small"))
    return doc
