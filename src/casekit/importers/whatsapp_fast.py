"""The WhatsApp fast lane: a file whose headers all share the first header's shape is cut into messages
by one ``re.split`` per block, and ordinary messages become records without a per-message regex or
dictionary miss.

The split pattern is the specialised header (``whatsapp_scan.specialise``) preceded by its line end,
capturing the date, the time and — up to the first ": " of the header line — the sender: the engine
only looks at line starts, never at the characters of a message.  Dates and times are parsed once per
distinct string (a chat has few days and at most 1,440 minutes a day) and a stamp is a day plus a time
of day.  A message that is not plainly "Name: text" on one line (events, media, marks, several lines,
a stray carriage return) goes to the exact slow path the caller hands in, so the fast lane only ever
skips work, never decides anything the slow path would decide differently.

A block holding a line that the general pattern would take as a header of another shape is refused
(``read`` returns None); the caller then reads it, and the rest of the file, with the general pattern.
Records are handed out block by block (``block``): ``whatsapp.parse`` chains the blocks' iterators, so a
record passes through one generator, not two.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime, time, timedelta, tzinfo
from itertools import islice, repeat

from .base import Record, Source, fail
from .whatsapp_kinds import SPECIAL_FIRST_WORDS, classify, system_name
from .whatsapp_scan import ANDROID, GENERAL, IOS, specialise
from .whatsapp_stamps import _M, MARKS, hour_of, make_date

PLATFORM = "whatsapp"
_NAMED = re.compile(r"\(\?P<\w+>")
# The lower-cased first letters of the words that may start a message classify must see (a deleted
# notice, a call): a message starting with any other letter skips the word test.
_INITIALS = "".join(sorted({word[0] for word in SPECIAL_FIRST_WORDS}))
_PLAIN = ("message", False, ())  # what classify says of an ordinary message
Slow = Callable[[int, datetime, bool, str], Record]
"""(line number, stamp, the line began with a mark, all the text after the header) → the record."""
Item = tuple[str, str, str | None, str]
"""One message from the split: date (with any leading marks), time, sender or None, the rest."""


class FastReader:
    """Reads the blocks of a file whose headers share the shape of its first (see the module docstring)."""

    __slots__ = ("_clocks", "_date", "_days", "_general", "_senders", "_split", "_time",
                 "conversation", "ios", "note", "order", "slow", "source", "zone")  # fmt: skip

    def __init__(
        self,
        first: re.Match[str],
        order: str,
        zone: tzinfo,
        source: Source,
        conversation: str | None,
        note: str | None,
        slow: Slow,
    ) -> None:
        parts = _pieces(first)
        if parts is None:
            raise ValueError("no fast lane for this header")
        opener, date_part, join, time_part, closer = parts
        date_nc, time_nc = (_NAMED.sub("(?:", p) for p in (date_part, time_part))
        # a header, or else any line that starts like a stamp (its parts are None: see ``read``)
        self._split = re.compile(
            rf"\n(?:({_M}{opener}{date_nc}){join}({time_nc}){closer}(?:([^\n]*?): )?|(?=[\d\[{MARKS}]))"
        ).split
        self._date = re.compile(f"{_M}{opener}{date_part}").fullmatch
        self._time = re.compile(time_part).fullmatch
        self._general = GENERAL[first.re]
        self.ios = first.re is IOS
        self.order, self.zone, self.source = order, zone, source
        self.conversation, self.note, self.slow = conversation, note, slow
        self._days: dict[str, datetime] = {}
        self._clocks: dict[str, timedelta] = {}
        self._senders: dict[str | None, str | None] = {}

    def read(self, text: str) -> list[str | None] | None:
        """The block split at its headers — the text before the first, then four parts per message
        (:data:`Item`) — or None when a line of another shape is a header: the file changed shape."""
        parts = self._split("\n" + text)
        dates = parts[1::4]
        if None not in dates:  # every line that starts like a stamp is a header of the first shape
            return parts
        # Lines that only start like a stamp were cut too: a header of another shape stops the fast
        # lane; any other is a continuation line, joined back to the message (or lead) before it.
        general = self._general
        bare_space = general is GENERAL[ANDROID]
        merged, done = [parts[0]], 0
        for index in [k for k, date_s in enumerate(dates) if date_s is None]:
            rest = parts[4 * index + 4]
            m = general.match(rest.partition("\n")[0])
            if m is not None and (not bare_space or m["sep"] != " " or m["s1"] == ". "):
                return None
            merged += parts[4 * done + 1 : 4 * index + 1]
            merged[-1] += "\n" + rest
            done = index + 1
        merged += parts[4 * done + 1 :]
        return merged

    def one(self, number: int, item: Item) -> Record:
        """The record of one message, through the slow path."""
        date_s, time_s, name, body = item
        whole = body if name is None else f"{name}: {body}"
        return self.slow(number, self.stamp(date_s, time_s, number), date_s[0] in MARKS, whole)

    def stamp(self, date_s: str, time_s: str, number: int) -> datetime:
        day = self._days.get(date_s)
        clock = self._clocks.get(time_s)
        try:
            if day is None:
                day = self._day(date_s)
            if clock is None:
                clock = self._clock(time_s)
        except ValueError:
            raise fail(self.source, f"line {number}", "import.bad_date") from None
        return day + clock

    def _day(self, date_s: str) -> datetime:
        m = self._date(date_s)
        day = make_date(m["a"], m["b"], m["c"], False, self.order)
        value = self._days[date_s] = datetime(day.year, day.month, day.day, tzinfo=self.zone)
        return value

    def _clock(self, time_s: str) -> timedelta:
        m = self._time(time_s)
        hour, minute, second, ap = m["H"], m["Mi"], m["S"], m["ap"]
        clock = time(hour_of(hour, ap) if ap else int(hour), int(minute), int(second) if second else 0)
        value = self._clocks[time_s] = timedelta(hours=clock.hour, minutes=clock.minute, seconds=clock.second)
        return value

    def _learn(self, dates: list, times: list, names: list) -> bool:
        """Parse the block's new dates, times and sender names once; False if a date or time is impossible."""
        days, clocks, senders = self._days, self._clocks, self._senders
        try:
            for date_s in set(dates).difference(days):
                self._day(date_s)
            for time_s in set(times).difference(clocks):
                self._clock(time_s)
        except ValueError:
            return False
        for name in set(names).difference(senders):
            senders[name] = None if name is None or system_name(name) else name.strip(MARKS + " ")
        return True

    def block(self, parts: list, number: int, text: str) -> tuple[Iterator[Record], int]:
        """The records of the messages of ``parts`` but the last (whose body may go on in the next
        block), the first on line ``number``, and the line number of the last."""
        end = len(parts) - 4
        bodies = parts[4:end:4]
        last = number + len(bodies) + sum(map(str.count, bodies, repeat("\n")))
        if not self._learn(parts[1:end:4], parts[2:end:4], parts[3:end:4]):
            return self._exact(parts, end, number), last  # an impossible stamp: raised at its line
        return self._records(parts, end, number, text), last

    def _exact(self, parts: list, end: int, number: int) -> Iterator[Record]:
        it = islice(parts, 1, end)
        for item in zip(it, it, it, it, strict=True):
            yield self.one(number, item)
            number += item[3].count("\n") + 1

    def _records(self, parts: list, end: int, number: int, text: str) -> Iterator[Record]:
        days, clocks, senders, slow = self._days, self._clocks, self._senders, self.slow
        conversation, note, special, initials = self.conversation, self.note, SPECIAL_FIRST_WORDS, _INITIALS
        ios = self.ios
        make = tuple.__new__
        ends = (")", "\r") if "\r" in text else ")"
        angle = "<" in text
        marks = any(mark in text for mark in MARKS)
        it = islice(parts, 1, end)
        for date_s, time_s, name, body in zip(it, it, it, it, strict=True):
            sender = senders[name]
            if "\n" in body:
                first, _newline, more = body.partition("\n")
                more = continuation(more)
                message = first + "\n" + more if more else first
                lines = body.count("\n") + 1
            else:
                first = message = body
                lines = 1
            if (
                sender is not None
                and not first.endswith(ends)
                and not (angle and "<" in message)
                and not (marks and (date_s[0] in MARKS or first[:1] in MARKS))
                and (
                    first[:1].lower() not in initials
                    or first.partition(" ")[0].lower() not in special
                    or classify(first, False, False, ios) == _PLAIN
                )
            ):  # an ordinary message: what whatsapp.parse's slow path would make of it, made directly
                yield make(Record, (f"line {number}", PLATFORM, message, sender, None, conversation, (),
                                    days[date_s] + clocks[time_s], note, "message", (), False, False, ()))  # fmt: skip
            else:
                whole = body if name is None else f"{name}: {body}"
                yield slow(number, days[date_s] + clocks[time_s], date_s[0] in MARKS, whole)
            number += lines


def continuation(more: str) -> str:
    """A message's lines after its first, without the blank lines that only space it from the next."""
    more = more.rstrip("\n")
    while more and not more[more.rfind("\n") + 1 :].strip():
        more = more[: max(more.rfind("\n"), 0)]
    return more


def fast_reader(
    first: re.Match[str],
    order: str,
    zone: tzinfo,
    source: Source,
    conversation: str | None,
    note: str | None,
    slow: Slow,
) -> FastReader | None:
    """The fast reader for a file whose first header is ``first``, or None where only the general
    pattern can read it (time first, eras, marks inside the stamp)."""
    try:
        return FastReader(first, order, zone, source, conversation, note, slow)
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
