"""What to tell the person, chosen from the guidance by what is known: what to do now when someone is in
danger, the "while you wait" checklist, and the next hour's steps in order.

Pure: a ``Step`` and the guidance in, plain ``Advice`` records out, in one language, placeholders
filled.  The terminal prints them; the web wizard and ``--json`` serialise them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ..i18n import t
from .conditions import holds
from .definition import load_guidance, load_interview
from .engine import Step
from .schema import Guidance, GuidanceBook, Interview


@dataclass(frozen=True)
class Advice:
    id: str
    title: str
    text: str
    sources: tuple[dict[str, str], ...] = ()
    last_verified: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class _Fill(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t('intake.and', lang)} {items[-1]}"


def placeholders(step: Step, case_id: str, lang: str, interview: Interview, book: GuidanceBook) -> _Fill:
    """Values for {case_id}, {platforms}, {country} and {country_number}."""
    fill = _Fill(case_id=case_id)
    platform_q = interview.question("platform")
    chosen = step.known.answers.get("platform") or []
    if platform_q is not None and chosen:
        labels = [c.label.get(lang) for v in chosen if (c := platform_q.choice(v)) and v != "other"]
        fill["platforms"] = _join(labels, lang) if labels else ""
    code = str(step.known.answers.get("danger_country") or "").upper()
    country = next((c for c in book.countries if c.code == code), None)
    fill["country"] = country.name.get(lang) if country else t("intake.another_country", lang)
    if country is not None:
        fill["country_number"] = country.emergency
    return fill


def _advice(item: Guidance, lang: str, fill: _Fill) -> Advice:
    return Advice(
        id=item.id,
        title=item.title.get(lang).format_map(fill),
        text=item.text.get(lang).format_map(fill),
        sources=tuple({"title": s.title, "url": s.url} for s in item.sources),
        last_verified=item.last_verified.isoformat() if item.last_verified else None,
    )


def select(items: list[Guidance], step: Step) -> list[Guidance]:
    facts = step.known.values()
    return [i for i in items if i.when is None or holds(i.when, step.known.answers, facts)]


@dataclass(frozen=True)
class Outcome:
    """Everything the interview has to say at this point."""

    status: str
    stop_reasons: tuple[str, ...]
    emergency: tuple[Advice, ...]
    while_you_wait: tuple[Advice, ...]
    next_hour: tuple[Advice, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "stop_reasons": list(self.stop_reasons),
            "emergency": [a.to_json() for a in self.emergency],
            "while_you_wait": [a.to_json() for a in self.while_you_wait],
            "next_hour": [a.to_json() for a in self.next_hour],
        }


def outcome(
    step: Step,
    case_id: str,
    lang: str,
    *,
    interview: Interview | None = None,
    book: GuidanceBook | None = None,
) -> Outcome:
    """The advice for ``step``: emergency steps when it stopped, else the checklist and the next hour."""
    interview = interview or load_interview()
    book = book or load_guidance()
    fill = placeholders(step, case_id, lang, interview, book)

    def render(items: list[Guidance]) -> tuple[Advice, ...]:
        return tuple(_advice(i, lang, fill) for i in select(items, step))

    stopped = step.status.value == "stopped"
    return Outcome(
        status=step.status.value,
        stop_reasons=step.stop_reasons,
        emergency=render(book.emergency) if stopped else (),
        while_you_wait=() if stopped else render(book.while_you_wait),
        next_hour=() if stopped else render(book.next_hour),
    )
