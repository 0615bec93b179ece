"""What documents need from the other parts, as small frozen records.

The law engine, the vault and the message analysis each have their own types; ``bundle.py`` adapts
them into these, so the builders (and their tests) depend only on this file.  Text that exists in both
languages is a ``Localized`` mapping ``{"en": …, "fr": …}``; a plain string is used for both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

Localized = str | dict[str, str]


def loc(value: Localized | None, lang: str) -> str:
    """The text of ``value`` in ``lang`` (English when that language is missing)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("en") or next(iter(value.values()), "")


@dataclass(frozen=True)
class SourceRef:
    title: Localized
    url: str = ""
    last_verified: str = ""


@dataclass(frozen=True)
class ElementView:
    """One element of an offence and the fact that decided it."""

    description: Localized
    status: str  # met | unknown | not_met
    fact_key: str | None = None
    fact_value: Any = None
    evidence: tuple[Localized, ...] = ()  # what proves this element (the law part's guidance)


@dataclass(frozen=True)
class OffenceView:
    section: str  # as the Criminal Code cites it: 172.1(1)(b)
    title: Localized
    status: str  # likely | possible
    summary: Localized = ""
    elements: tuple[ElementView, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    max_penalty: Localized = ""


@dataclass(frozen=True)
class AgencyView:
    """An agency, service, oversight body or platform desk: who, how to reach it, when it fits, source."""

    name: Localized
    how: Localized = ""
    url: str = ""
    address: tuple[str, ...] = ()
    when: Localized = ""
    source: SourceRef | None = None
    kind: str = ""  # tipline | removal | crisis | support | ice_unit | oversight | emergency | police …


@dataclass(frozen=True)
class StepView:
    text: Localized
    reason: Localized = ""
    source: SourceRef | None = None


@dataclass(frozen=True)
class AssessmentView:
    offences: tuple[OffenceView, ...] = ()
    urgency: str = "normal"  # imminent | high | normal
    urgency_reasons: tuple[Localized, ...] = ()
    steps: tuple[StepView, ...] = ()
    referrals: tuple[AgencyView, ...] = ()
    questions: tuple[Localized, ...] = ()
    power_sources: tuple[SourceRef, ...] = ()  # the investigative powers that fit, as the law part cites them

    def by_status(self, status: str) -> list[OffenceView]:
        return [o for o in self.offences if o.status == status]


@dataclass(frozen=True)
class PlatformView:
    """Where police (and users) send requests to one platform."""

    name: str
    law_enforcement: Localized = ""  # portal / address for preservation and production requests
    law_enforcement_url: str = ""
    report_url: str = ""
    address: tuple[str, ...] = ()
    source: SourceRef | None = None


@dataclass(frozen=True)
class CustodyView:
    when: datetime
    actor: str
    action: str  # acquired | viewed | opened | exported | note
    exhibit: str | None = None  # E-label
    entry_hash: str = ""
    previous_hash: str = ""
    note: str = ""


@dataclass(frozen=True)
class KeyMessage:
    """A message the brief quotes, with where it came from."""

    when: datetime | None
    sender: str | None
    text: str
    platform: str
    exhibit: str | None  # E-label of the export it was read from
    exhibit_sha256: str
    locator: str
    reason: Localized = ""
    timezone_assumed: str | None = None  # the export had no zone; this one was assumed


@dataclass(frozen=True)
class IdentifierView:
    """An account identifier the suspect gave in a message (phone, e-mail, handle, payment handle, link)."""

    kind: str
    value: str
    platform: str | None
    exhibit: str | None
    locator: str


@dataclass(frozen=True)
class CustodyLog:
    entries: tuple[CustodyView, ...] = ()
    head_hash: str = ""
    head_signature: str = ""
    public_key_pem: str = ""
    raw: list[dict[str, Any]] = field(default_factory=list)  # the log as the vault exports it
