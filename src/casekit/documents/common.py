"""Small pieces every document builder shares: dates, references, fact sentences, exhibit lines."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from ..i18n import catalog, t
from ..model import Contact, Exhibit, Fact, Handle, Person
from .bundle import CaseBundle
from .model import Para, Span, Table, Text, text
from .views import SourceRef, loc

MONTHS_FR = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def long_date(value: date | datetime, lang: str) -> str:
    """23 November 2026 / 23 novembre 2026 — unambiguous in both languages."""
    months = MONTHS_FR if lang == "fr" else MONTHS_EN
    day = "1er" if lang == "fr" and value.day == 1 else str(value.day)
    return f"{day} {months[value.month - 1]} {value.year}"


def stamp(value: datetime | None, lang: str) -> str:
    """A timestamp police can sort and compare: 2026-10-04 19:42 UTC (zone as recorded)."""
    if value is None:
        return t("doc.unknown", lang)
    zone = value.strftime("%Z") or value.strftime("%z")
    return f"{value:%Y-%m-%d %H:%M} {zone}".strip()


def colon(lang: str) -> str:
    """': ' in English, ' : ' in French (a space before the colon is French typography)."""
    return " : " if lang == "fr" else ": "


def fact_ref(key: str, lang: str) -> Span:
    return Span(f"[{t('doc.fact_ref', lang)} {key}]", italic=True)


def value_word(value: Any, lang: str) -> str:
    """A fact's value in words: enums through the phrase book, lists joined, booleans yes/no."""
    if isinstance(value, bool):
        return t("doc.yes" if value else "doc.no", lang)
    if isinstance(value, list | tuple):
        return ", ".join(value_word(v, lang) for v in value)
    if isinstance(value, str) and f"doc.value.{value}" in catalog():
        return t(f"doc.value.{value}", lang)
    return str(value)


def fact_value(key: str, value: Any, lang: str) -> str:
    """A fact's value in words; platform names as the knowledge base writes them (Instagram)."""
    if key == "platform" and isinstance(value, list | tuple | str):
        try:
            from ..law import kb

            names = [value] if isinstance(value, str) else list(value)
            value = [(kb.platform(str(n)).name if kb.platform(str(n)) else n) for n in names]
        except ImportError:  # pragma: no cover - the law part ships with casekit
            pass
    return value_word(value, lang)


def fact_label(key: str, lang: str) -> str:
    """The short label of a fact key: this part's phrase book, else the law part's vocabulary."""
    k = f"doc.label.{key}"
    if k in catalog():
        return t(k, lang)
    try:
        from ..law import FACTS
    except ImportError:  # pragma: no cover - the law part ships with casekit
        return key.replace("_", " ")
    spec = FACTS.get(key)
    return spec.label(lang) if spec is not None else key.replace("_", " ")


def fact_sentence(fact: Fact, lang: str) -> str | None:
    """The fact as one sentence, or None for a 'no' answer (those go in the known-facts table only)."""
    if fact.value is False or fact.value is None:
        return None
    key = f"doc.fact.{fact.key}"
    if key in catalog():
        return t(key, lang, value=fact_value(fact.key, fact.value, lang))
    return f"{fact_label(fact.key, lang)}{colon(lang)}{fact_value(fact.key, fact.value, lang)}."


# Order in which facts are told in a summary: who, where, how it began, what was asked, what was done.
SUMMARY_ORDER = (
    "victim_age",
    "platform",
    "suspect_age",
    "suspect_location",
    "suspect_relationship",
    "deception",
    "impersonation",
    "sexualized_questions",
    "secrecy_requested",
    "moved_to_private_platform",
    "suspect_requested_images",
    "victim_sent_intimate_image",
    "image_depicts_minor",
    "suspect_sent_sexual_material",
    "suspect_requested_sexual_touching",
    "live_sexual_video_by_minor",
    "meeting_proposed",
    "threat_to_distribute_image",
    "image_published_without_consent",
    "demand",
    "payment_made",
    "payment_method",
    "money_lost",
    "threat_of_death_or_bodily_harm",
    "threat_timing",
    "repeated_contact",
    "contact_after_blocking",
    "victim_fears_for_safety",
    "self_harm_risk",
    "third_party_at_risk",
)
# Facts that are the user's own words or bookkeeping, told elsewhere, not as sentences.
NOT_SENTENCES = {"narrative", "reporter_relationship", "victim_name", "reporter_name"}


def summary_facts(bundle: CaseBundle) -> list[Fact]:
    ordered = [bundle.facts[k] for k in SUMMARY_ORDER if k in bundle.facts]
    rest = [f for k, f in sorted(bundle.facts.items()) if k not in SUMMARY_ORDER and k not in NOT_SENTENCES]
    return ordered + rest


def fact_sentences(bundle: CaseBundle, lang: str) -> list[Text]:
    """Each recorded fact as a sentence followed by its reference."""
    out: list[Text] = []
    for fact in summary_facts(bundle):
        sentence = fact_sentence(fact, lang)
        if sentence:
            out.append(text(sentence + " ", fact_ref(fact.key, lang)))
    return out


def person_name(person: Person | None, fallback: str) -> str:
    if person is None:
        return fallback
    if person.names:
        return person.names[0]
    if person.aliases:
        return person.aliases[0]
    return fallback


def victim_name(bundle: CaseBundle, lang: str) -> str:
    return person_name(bundle.victim, t("brief.the_child", lang))


def victim_with_age(bundle: CaseBundle, lang: str) -> str:
    """'Mia Tremblay (9 years old)', or just the name when the age is not recorded."""
    name = victim_name(bundle, lang)
    if bundle.victim_age is None:
        return name
    return t("doc.victim_with_age", lang, victim=name, age=age_words(bundle, lang))


def age_words(bundle: CaseBundle, lang: str) -> str:
    age = bundle.victim_age
    return t("doc.age_years", lang, age=age) if age is not None else t("doc.unknown", lang)


def handle_kind(handle: Handle, lang: str) -> str:
    key = f"doc.handle_kind.{handle.kind}"
    return t(key, lang) if key in catalog() else handle.kind


def handles_on(bundle: CaseBundle, platform: str) -> list[Handle]:
    return [h for p in bundle.suspects for h in p.handles if h.platform.lower() == platform.lower()]


def exhibit_description(exhibit: Exhibit, lang: str) -> str:
    """What an exhibit is, in words; a sensitive one is described, never shown."""
    if exhibit.sensitive:
        note = exhibit.note or t("doc.sensitive_no_note", lang)
        return t("doc.sensitive_description", lang, note=note)
    return f"{exhibit.original_name}" + (f": {exhibit.note}" if exhibit.note else "")


def short_hash(value: str, n: int = 16) -> str:
    return value[:n] + "…" if len(value) > n else value


def source_line(source: SourceRef, lang: str) -> str:
    return t(
        "doc.source_line",
        lang,
        title=loc(source.title, lang),
        url=source.url or "",
        date=source.last_verified or t("doc.unknown", lang),
    )


def police_files(bundle: CaseBundle) -> list[str]:
    seen: list[str] = []
    for c in bundle.contacts:
        if c.file_number and c.file_number not in seen:
            seen.append(c.file_number)
    return seen


def fact_exhibits(bundle: CaseBundle, key: str) -> list[str]:
    """E-labels of the exhibits a fact's provenance names (by SHA-256 or by label), in number order."""
    fact = bundle.facts.get(key)
    where = (fact.provenance or "") if fact else ""
    if not where:
        return []
    found = []
    for e in sorted(bundle.exhibits, key=lambda x: x.number):
        if e.sha256 in where or re.search(rf"\b{e.label}\b", where):
            found.append(e.label)
    return found


def officer_line(contact: Contact) -> str:
    """'Cst. R. Dunn, #4471': rank and name, then badge number."""
    name = " ".join(x for x in (contact.rank, contact.officer_name) if x)
    return ", ".join(x for x in (name, f"#{contact.badge_number}" if contact.badge_number else None) if x)


def exhibit_details(bundle: CaseBundle, exhibit: Exhibit, lang: str) -> str:
    """What the vault read from the file itself: when a photo was taken, on what device, which archive
    it came out of.  Empty when there is nothing to add."""
    parts = []
    exif = (exhibit.metadata.get("image") or {}).get("exif") or {}
    if exif.get("taken"):
        taken = str(exif["taken"]).replace(":", "-", 2) + (
            f" {exif['taken_offset']}" if exif.get("taken_offset") else ""
        )
        parts.append(t("doc.exif_taken", lang, when=taken))
    device = " ".join(str(exif[k]) for k in ("make", "model") if exif.get(k))
    if device:
        parts.append(t("doc.exif_device", lang, device=device))
    container = exhibit.metadata.get("container")
    if container:
        parent = bundle.exhibit_by_sha(container)
        parts.append(t("doc.inside", lang, label=parent.label if parent else short_hash(container)))
    return "; ".join(parts)


def not_recorded(lang: str) -> Para:
    """The line a section shows when the case has nothing for it yet."""
    return Para(text(t("doc.not_recorded", lang)), style="note")


def contacts_table(
    bundle: CaseBundle, lang: str, *, with_outcome: bool, widths: tuple[float, ...]
) -> Table | Para:
    """Every contact with police, one row each (when, agency, officer, file number, what was said) —
    in the brief with each contact's outcome, in the escalation letter without — or a note that none
    was recorded yet."""
    if not bundle.contacts:
        return Para(text(t("brief.no_contacts", lang)), style="note")
    rows = tuple(
        (
            text(stamp(c.when, lang)),
            text(c.agency),
            text(officer_line(c) or "—"),
            text(c.file_number or "—"),
            text(c.summary, f" {c.outcome}" if with_outcome and c.outcome else ""),
        )
        for c in bundle.contacts
    )
    last = "doc.col.outcome" if with_outcome else "doc.col.what"
    columns = ("doc.col.when", "doc.col.agency", "doc.col.officer", "doc.col.file", last)
    return Table(tuple(t(key, lang) for key in columns), rows, widths)
