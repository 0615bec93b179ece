"""The police brief, the law sections: offences with their elements, the investigative steps, and the
reporting and removal services — each with its sources."""

from __future__ import annotations

from collections.abc import Sequence

from ..i18n import t
from .bundle import CaseBundle
from .common import (
    colon,
    fact_exhibits,
    fact_label,
    fact_ref,
    fact_value,
    handles_on,
    not_recorded,
    source_line,
)
from .model import Bullets, Document, Heading, Para, Span, Table, Text, text
from .references import ARACHNID, CRIMINAL_CODE_POWERS, CYBERTIP, MLACMA, NCECC, TAKE_IT_DOWN
from .views import OffenceView, loc


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
        blocks.append(_sources(offence.sources, lang))
    return blocks


def _offences(doc: Document, bundle: CaseBundle, lang: str) -> None:
    doc.add(Heading(t("brief.h.offences", lang)))
    a = bundle.assessment
    if a is None:
        doc.add(not_recorded(lang))
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
    doc.add(_sources(sources, lang))


def _sources(sources: Sequence, lang: str) -> Para:
    """The small-print line citing where a part of the brief comes from."""
    return Para(
        text(
            Span(f"{t('brief.offence_sources', lang)}{colon(lang)}", bold=True),
            "; ".join(source_line(s, lang) for s in sources),
        ),
        style="small",
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
    doc.add(_sources(sources, lang))


STANDING_SERVICES = ("cybertip", "cyberaide", "arachnid", "take it down", "takeitdown")


NOT_SERVICES = {"ice_unit", "oversight", "emergency", "police", "platform"}
