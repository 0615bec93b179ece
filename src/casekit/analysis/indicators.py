"""Indicators: phrases that match patterns seen in luring and sextortion — secrecy, requests for images,
pulling a child to another app, questions about supervision, demands, threats — and signs of self-harm,
which come first because a life may be at stake.

The rules are data (``indicators.yaml``: id, category, English and French patterns); each finding names
the rule and cites the message.  Matching is case-insensitive and tolerant of chat spelling ("u", "ur",
"pic").  A finding is a pointer for a person to read in context, never a conclusion.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..model import Message

CATEGORIES = ("self_harm", "threat", "sextortion_demand", "image_request", "secrecy", "platform_move",
              "supervision_probe", "age_talk")  # fmt: skip


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    pattern: re.Pattern[str]
    note: str


@dataclass(frozen=True)
class Indicator:
    category: str
    rule: str
    note: str
    message_id: str
    exhibit_sha256: str
    locator: str
    sender: str | None
    platform: str

    @property
    def cites(self) -> str:
        return f"{self.exhibit_sha256[:12]} {self.locator} (message {self.message_id})"


@cache
def load_rules() -> tuple[Rule, ...]:
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("casekit.analysis").joinpath("indicators.yaml").read_text(encoding="utf-8")
    )
    rules = []
    for rule_id, spec in raw.items():
        if spec["category"] not in CATEGORIES:
            raise ValueError(f"indicator rule {rule_id}: unknown category {spec['category']!r}")
        phrases = [p for lang in ("en", "fr") for p in spec.get(lang, [])]
        if not phrases:
            raise ValueError(f"indicator rule {rule_id} has no phrases")
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(phrases) + r")(?!\w)", re.IGNORECASE)
        rules.append(Rule(rule_id, spec["category"], pattern, spec.get("note", "")))
    return tuple(rules)


def find_indicators(messages: Iterable[Message]) -> list[Indicator]:
    """Every rule that matches each message's text, in category order (self-harm first), then time."""
    rules = load_rules()
    found: list[Indicator] = []
    for m in messages:
        text = m.text.replace("’", "'")
        if not text or m.kind == "system":
            continue
        for rule in rules:
            if rule.pattern.search(text):
                found.append(
                    Indicator(
                        rule.category,
                        rule.id,
                        rule.note,
                        m.id,
                        m.exhibit_sha256,
                        m.locator,
                        m.sender,
                        m.platform,
                    )
                )
    order = {c: i for i, c in enumerate(CATEGORIES)}
    return sorted(found, key=lambda f: order[f.category])
