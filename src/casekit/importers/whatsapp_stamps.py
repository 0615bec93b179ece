"""WhatsApp's message headers: the date-and-time stamp in all the shapes the apps write it, and how the
day/month order of a whole file is settled.

The header is matched by one of three precompiled patterns (iOS ``[date, time] ``, iOS with the time
first as Vietnamese phones write it, Android ``date, time - ``).  Digits may be any script (Python's
``\\d`` and ``int`` read Arabic-Indic digits), and the invisible direction marks WhatsApp sprinkles
in (LRM, RLM, ALM, embeddings, BOM) are allowed anywhere around the stamp.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_M = f"[{MARKS}]*"
_SP = "[ \u00a0\u202f]"
_DATE = (
    rf"(?P<a>\d{{1,4}}){_M}(?P<s1>[./\-]|\. ){_M}(?P<b>\d{{1,2}}){_M}(?:[./\-]|\. ){_M}"
    rf"(?P<c>\d{{1,4}}|[MTSHR]\d{{1,2}})(?P<be> BE)?\.?"
)
_TIME = (
    rf"(?:klo )?(?P<H>\d{{1,2}})[:.](?P<Mi>\d{{2}})(?:[:.](?P<S>\d{{2}}))?\.?"
    rf"(?:{_SP}?(?P<ap>[AaPp]\.?{_SP}?[Mm]\.?|[\u0635\u0645]|午前|午後|上午|下午|오전|오후))?"
)
_JOIN = rf"(?:(?P<comma>[,\u060c])?{_SP}{_M})"

IOS = re.compile(rf"{_M}\[{_M}{_DATE}{_JOIN}{_TIME}{_M}\] (?P<rest>.*)", re.DOTALL)
IOS_TIME_FIRST = re.compile(rf"{_M}\[{_M}{_TIME}, {_DATE}{_M}\] (?P<rest>.*)", re.DOTALL)
ANDROID = re.compile(rf"{_M}{_DATE}{_JOIN}{_TIME}(?P<sep> [-–] |: | )(?P<rest>.*)", re.DOTALL)
LAYOUTS = {"ios": IOS, "ios_time_first": IOS_TIME_FIRST, "android": ANDROID}

_ERAS = {"M": 1867, "T": 1911, "S": 1925, "H": 1988, "R": 2018}  # Japanese era year 1 = base + 1
_PM = frozenset(("p", "P", "\u0645", "午後", "下午", "오후"))


def match_header(line: str, layout: re.Pattern[str] | None = None) -> re.Match[str] | None:
    """The header match of ``line`` under ``layout`` (or any layout), or None for a continuation line."""
    patterns = (layout,) if layout is not None else (IOS, IOS_TIME_FIRST, ANDROID)
    for pattern in patterns:
        m = pattern.match(line)
        if m is not None and (pattern is not ANDROID or m["sep"] != " " or m["s1"] == ". "):
            return m
    return None


def year_of(c: str, buddhist: bool) -> int:
    """A year as written: '22' → 2022 (WhatsApp is younger than 2000), 'R4' → 2022, '2565 BE' → 2022."""
    if c[0] in _ERAS:
        return _ERAS[c[0]] + int(c[1:])
    year = int(c)
    if year < 100:
        year += 2000
    if buddhist:
        year -= 543
    return year


def hour_of(hour_text: str, ap: str | None) -> int:
    """The 24-hour hour of ``hour_text`` with its am/pm marker (any of the scripts WhatsApp writes)."""
    hour = int(hour_text)
    if ap:
        pm = ap[0] in _PM or ap in _PM
        if hour == 12:
            hour = 12 if pm else 0
        elif pm and hour < 12:
            hour += 12
    return hour


def year_first(m: re.Match[str]) -> bool:
    return len(m["a"]) == 4


def decide_order(pairs: Iterable[tuple[int, int, bool]]) -> tuple[str | None, tuple[str, ...]]:
    """Settle day/month order from every stamp's first two numbers (``(a, b, year_first)``).

    Returns ``(order, choices)``: an order when the numbers settle it — a first number above 12 can only
    be a day, a second above 12 only a day — else None and the orders still possible.  Reading stops at
    the first settling stamp, so a long, unambiguous file is not read twice in full.
    """
    seen = ymd_seen = False
    for a, b, ymd in pairs:
        if ymd:  # a year-first stamp is unambiguous on its own and says nothing about the others
            ymd_seen = True
            continue
        seen = True
        if a > 12:
            return "DMY", ("DMY",)
        if b > 12:
            return "MDY", ("MDY",)
    if not seen:
        return ("YMD", ("YMD",)) if ymd_seen else (None, ())
    return None, ("DMY", "MDY")


def make_date(a: str, b: str, c: str, buddhist: bool, order: str) -> date:
    """The calendar date of a header's three numbers under ``order``; ValueError if there is no such day."""
    if len(a) == 4:
        return date(year_of(a, False), int(b), int(c))
    year = year_of(c, buddhist)
    if order == "DMY":
        return date(year, int(b), int(a))
    return date(year, int(a), int(b))
