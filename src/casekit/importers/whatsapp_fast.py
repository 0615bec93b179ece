"""The WhatsApp fast lane: a file whose headers all share the first header's shape is cut into messages
by one ``re.split`` per block, and ordinary messages become records without a per-message regex.

The split pattern is the specialised header (``whatsapp_scan.specialise``) preceded by its line end,
capturing the date, the time and — up to the first ": " of the header line — the sender: the engine
only looks at line starts, never at the characters of a message.  Dates and times are parsed once per
distinct string (a chat has few days and at most 1,440 minutes a day) and a stamp is a day plus a time
of day.  A message that is not plainly "Name: text" on one line (events, media, marks, several lines,
a stray carriage return) goes to the exact slow path the caller hands in, so the fast lane only ever
skips work, never decides anything the slow path would decide differently.

A block holding a line that the general pattern would take as a header of another shape is refused
(``changed``); the caller then reads it, and the rest of the file, with the general pattern.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator
from datetime import datetime, time, timedelta, tzinfo
from itertools import islice

from .base import Record, Source, fail
from .whatsapp_kinds import SPECIAL_FIRST_WORDS, system_name
from .whatsapp_scan import ANDROID, GENERAL, IOS, specialise
from .whatsapp_stamps import _M, MARKS, hour_of, make_date

PLATFORM = "whatsapp"
_NAMED = re.compile(r"\(\?P<\w+>")
_MARK_CHARS = re.compile(f"[{MARKS}]")
# (number, stamp, line began with a mark, text after the header) → the record, decided in full
Slow = Callable[[int, datetime, bool, str], Record]


class FastReader:
    """Reads blocks of a file whose first header is ``first`` (see the module docstring)."""

    __slots__ = (
        "_cand",
        "_clocks",
        "_date",
        "_days",
        "_general",
        "_senders",
        "_time",
        "order",
        "split",
        "zone",
    )

    def __init__(self, first: re.Match[str], order: str, zone: tzinfo) -> None:
        parts = _pieces(first)
        if parts is None:
            raise ValueError("no fast lane for this header")
        opener, date_part, join, time_part, closer = parts
        date_nc, time_nc = (_NAMED.sub("(?:", p) for p in (date_part, time_part))
        header = f"{_M}{opener}{date_nc}{join}{time_nc}{closer}"
        self.split = re.compile(rf"\n({_M}{opener}{date_nc}){join}({time_nc}){closer}(?:([^\n]*?): )?").split
        self._cand = re.compile(rf"\n(?!{header})(?=[\d\[{MARKS}])")
        self._date = re.compile(f"{_M}{opener}{date_part}").fullmatch
        self._time = re.compile(time_part).fullmatch
        self._general = GENERAL[first.re]
        self.order, self.zone = order, zone
        self._days: dict[str, datetime] = {}
        self._clocks: dict[str, timedelta] = {}
        self._senders: dict[str | None, str | None] = {}

    def changed(self, text: str, joined: str) -> bool:
        """Whether a line of ``text`` (``joined`` is "\\n" + text) that is not a header of the first
        shape is a header for the general pattern — the file changed shape."""
        general = self._general
        bare_space = general is GENERAL[ANDROID]
        for found in self._cand.finditer(joined):
            m = general.match(text, found.start())
            if m is not None and (not bare_space or m["sep"] != " " or m["s1"] == ". "):
                return True
        return False

    def stamp(self, date_s: str, time_s: str, source: Source, number: int) -> datetime:
        day = self._days.get(date_s)
        if day is None:
            day = self._day(date_s, source, number)
        clock = self._clocks.get(time_s)
        if clock is None:
            clock = self._clock(time_s, source, number)
        return day + clock

    def _day(self, date_s: str, source: Source, number: int) -> datetime:
        m = self._date(date_s)
        try:
            day = make_date(m["a"], m["b"], m["c"], False, self.order)
        except ValueError:
            raise fail(source, f"line {number}", "import.bad_date") from None
        value = self._days[date_s] = datetime(day.year, day.month, day.day, tzinfo=self.zone)
        return value

    def _clock(self, time_s: str, source: Source, number: int) -> timedelta:
        m = self._time(time_s)
        hour, minute, second, ap = m["H"], m["Mi"], m["S"], m["ap"]
        try:
            clock = time(hour_of(hour, ap) if ap else int(hour), int(minute), int(second) if second else 0)
        except ValueError:
            raise fail(source, f"line {number}", "import.bad_date") from None
        value = self._clocks[time_s] = timedelta(hours=clock.hour, minutes=clock.minute, seconds=clock.second)
        return value

    def records(
        self,
        parts: list[str | None],
        number: int,
        text: str,
        source: Source,
        conversation: str | None,
        note: str | None,
        slow: Slow,
    ) -> Generator[Record, None, int]:
        """Records of the messages of ``parts`` (a split block: the text before the first header, then
        date, time, sender or None, rest for each message) but the last, the first on line ``number``;
        returns the line number of the last."""
        days, clocks, senders, special = self._days, self._clocks, self._senders, SPECIAL_FIRST_WORDS
        make = tuple.__new__
        marks = _MARK_CHARS.search(text) is not None
        angle = "<" in text
        cr = "\r" in text
        it = islice(parts, 1, len(parts) - 4)
        for date_s, time_s, name, body in zip(it, it, it, it, strict=True):
            day = days.get(date_s)
            if day is None:
                day = self._day(date_s, source, number)
            clock = clocks.get(time_s)
            if clock is None:
                clock = self._clock(time_s, source, number)
            sender = senders.get(name)
            if sender is None and name is not None and name not in senders:
                sender = senders[name] = None if system_name(name) else name.strip(MARKS + " ")
            if (
                sender is not None
                and "\n" not in body
                and not body.endswith(")")
                and not (angle and "<" in body)
                and not (cr and body.endswith("\r"))
                and not (marks and (date_s[0] in MARKS or body[:1] in MARKS))
                and body.partition(" ")[0].lower() not in special
            ):
                yield make(Record, (f"line {number}", PLATFORM, body, sender, None, conversation, (),
                                    day + clock, note, "message", (), False, False, ()))  # fmt: skip
                number += 1
                continue
            whole = body if name is None else f"{name}: {body}"
            yield slow(number, day + clock, date_s[0] in MARKS, whole)
            number += whole.count("\n") + 1
        return number


def fast_reader(first: re.Match[str], order: str, zone: tzinfo) -> FastReader | None:
    """The fast reader for a file whose first header is ``first``, or None where only the general
    pattern can read it (time first, eras, marks inside the stamp)."""
    try:
        return FastReader(first, order, zone)
    except ValueError:
        return None


def _pieces(first: re.Match[str]) -> tuple[str, str, str, str, str] | None:
    """(opener, date, join, time, closer) of the specialised header pattern for ``first``, or None."""
    special = specialise(first)
    if special is None or first.re not in (ANDROID, IOS):
        return None
    pattern = special.pattern
    if not pattern.startswith("^" + _M):
        return None
    body = pattern[len(_M) + 1 :]
    if first.re is IOS:
        if not (body.startswith(r"\[") and body.endswith(r"\] ")):
            return None
        opener, head, closer = r"\[", body[2:-3], r"\] "
    else:
        head, found, sep = body.rpartition("(?P<sep>")
        if not found:
            return None
        opener, closer = "", "(?:" + sep
    date_part, found, rest = head.partition("(?P<be>)")
    join, found_h, time_rest = rest.partition("(?P<H>")
    if not found or not found_h:
        return None
    return opener, date_part, join, "(?P<H>" + time_rest, closer
