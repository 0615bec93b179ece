"""What the messages themselves show: identifiers (handles, phone numbers, e-mails, links, payment
handles) and indicators (secrecy, requests for images, moving to another app, sextortion demands,
threats, self-harm).  Every finding cites the message it came from: its id, the exhibit's SHA-256 and the
locator, so a person can check it against the evidence.

Findings are signposts for a person to read, not conclusions: a phrase list finds words, not intent.

::

    from casekit.analysis import analyse
    found = analyse(messages, region="CA")     # messages: casekit.model.Message, e.g. importers.timeline
    found.identifiers, found.indicators
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Message
from .identifiers import Identifier, find_identifiers
from .indicators import Indicator, find_indicators, load_rules


@dataclass(frozen=True)
class Analysis:
    identifiers: list[Identifier] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)


def analyse(messages: Iterable[Message], region: str = "CA") -> Analysis:
    messages = list(messages)
    return Analysis(find_identifiers(messages, region), find_indicators(messages))


__all__ = [
    "Analysis",
    "Identifier",
    "Indicator",
    "analyse",
    "find_identifiers",
    "find_indicators",
    "load_rules",
]
