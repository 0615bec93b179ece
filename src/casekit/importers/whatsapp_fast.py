"""The WhatsApp fast lane: a file whose headers all share the first header's shape is cut into messages
by one ``re.split`` per block, and the records are made column by column, in C.

The split pattern is the specialised header (``whatsapp_scan.specialise``) preceded by its line end,
capturing the date, the time, — up to the first ": " of the header line — the sender, and a flag for a
body that starts like a deleted notice or a call: the engine only looks at line starts, never at the
rest of a message.  Dates, times and senders are parsed once per distinct string (a chat has few days
and at most 1,440 minutes a day) and a stamp is a day plus a time of day.  A block's records are then
one ``map`` over a ``zip`` of its columns (line numbers, bodies, senders, stamps), with no Python
bytecode per message; the messages that may not be plainly "Name: text" (events, media, marks, calls,
trailing blank lines, a stray carriage return) are found column-wise too and remade one by one, ending
in the exact slow path the caller hands in when they are not ordinary after all — so the fast lane only
ever skips work, never decides anything the slow path would decide differently
(tests/importers/test_whatsapp_fast.py holds it to the general reader).

A block holding a line that the general pattern would take as a header of another shape is refused
(``read`` returns None); the caller then reads it, and the rest of the file, with the general pattern.
Records are handed out block by block (``block``): ``whatsapp.parse`` chains the blocks' iterators, so a
record passes through no generator at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, time, timedelta, tzinfo
from itertools import accumulate, compress, count, islice, repeat
from operator import add, contains, is_

from .base import Record, Source, fail
from .whatsapp_kinds import CALL, DELETED, SPECIAL_FIRST_WORDS, classify, system_name
from .whatsapp_scan import ANDROID, GENERAL, IOS, specialise
from .whatsapp_stamps import _M, MARKS, hour_of, make_date

PLATFORM = "whatsapp"
_NAMED = re.compile(r"\(\?P<\w+>")
# A body that may start like a deleted notice or a call, the only phrases classify finds in a one-line
# message with no "<", no ")" and no direction mark (the other messages are flagged per column:
# ``FastReader._odd``).  A quick guard first: the letters those phrases can start with, in either case,
# and any non-ASCII letter (IGNORECASE may match one to an ASCII letter: "ſ" to "s").  A block is
# searched for a phrase after a ": " (a body's start) once; only a block holding one tests each body.
_INITIALS = "".join(sorted({word[0] for word in SPECIAL_FIRST_WORDS if word[0].isascii()}))
_PHRASE = f"(?=[{_INITIALS}{_INITIALS.upper()}\\x80-\\U0010ffff])(?:(?i:{DELETED.pattern})|{CALL.pattern})"
_PHRASE_AFTER_NAME = re.compile(": " + _PHRASE).search
_PHRASE_AT_START = re.compile(_PHRASE).match
# Up to the first ": " of the line, possessively: the lazy ``[^\n]*?`` tries the rest of the pattern
# after every character of the name, a tenth of the split's time.
_NAME = r"[^:\n]*+(?::(?! )[^:\n]*+)*+"
_PLAIN = ("message", False, ())  # what classify says of an ordinary message
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")  # an empty or whitespace-only line (``\s`` is str.isspace)
_MARK_TUPLE = tuple(MARKS)
WIDTH = 4
"""Parts per message in a split block: date (with any leading marks), time, sender or None, the rest
(:data:`Item`)."""
Slow = Callable[[int, datetime, bool, str], Record]
"""(line number, stamp, the line began with a mark, all the text after the header) → the record."""
Item = tuple[str, str, str | None, str]


class _Cache(dict):
    """A dict that makes a missing value with ``make`` (once per key): ``map(cache.__getitem__, keys)``
    stays in C for every key already seen."""

    __slots__ = ("make",)

    def __init__(self, make: Callable) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: object) -> object:
        value = self[key] = self.make(key)
        return value


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
            rf"\n(?:({_M}{opener}{date_nc}){join}({time_nc}){closer}(?:({_NAME}): )?|(?=[\d\[{MARKS}]))"
        ).split
        self._date = re.compile(f"{_M}{opener}{date_part}").fullmatch
        self._time = re.compile(time_part).fullmatch
        self._general = GENERAL[first.re]
        self.ios = first.re is IOS
        self.order, self.zone, self.source = order, zone, source
        self.conversation, self.note, self.slow = conversation, note, slow
        self._days = _Cache(self._day)
        self._clocks = _Cache(self._clock)
        self._senders = _Cache(self._sender)

    @staticmethod
    def fits(first: re.Match[str]) -> bool:
        """Whether a file whose first header is ``first`` can take the fast lane; only the general
        pattern reads the others (time first, eras, marks inside the stamp)."""
        return _pieces(first) is not None

    def read(self, text: str) -> list[str | None] | None:
        """The block split at its headers — the text before the first, then :data:`WIDTH` parts per
        message (:data:`Item`) — or None when a line of another shape is a header: the file changed shape."""
        parts = self._split("\n" + text)
        dates = parts[1::WIDTH]
        if all(dates):  # every line that starts like a stamp is a header (a date is never empty)
            return parts
        # Lines that only start like a stamp were cut too: a header of another shape stops the fast
        # lane; any other is a continuation line, joined back to the message (or lead) before it.
        general = self._general
        bare_space = general is GENERAL[ANDROID]
        merged, done = [parts[0]], 0
        for index in [k for k, date_s in enumerate(dates) if date_s is None]:
            rest = parts[WIDTH * index + WIDTH]
            m = general.match(rest.partition("\n")[0])
            if m is not None and (not bare_space or m["sep"] != " " or m["s1"] == ". "):
                return None
            merged += parts[WIDTH * done + 1 : WIDTH * index + 1]
            merged[-1] += "\n" + rest
            done = index + 1
        merged += parts[WIDTH * done + 1 :]
        return merged

    def one(self, number: int, item: Item) -> Record:
        """The record of one message, through the slow path."""
        date_s, time_s, name, body = item
        whole = body if name is None else f"{name}: {body}"
        return self.slow(number, self.stamp(date_s, time_s, number), date_s[0] in MARKS, whole)

    def stamp(self, date_s: str, time_s: str, number: int) -> datetime:
        try:
            return self._days[date_s] + self._clocks[time_s]
        except ValueError:
            raise fail(self.source, f"line {number}", "import.bad_date") from None

    def _day(self, date_s: str) -> datetime:
        m = self._date(date_s)
        day = make_date(m["a"], m["b"], m["c"], False, self.order)
        return datetime(day.year, day.month, day.day, tzinfo=self.zone)

    def _clock(self, time_s: str) -> timedelta:
        m = self._time(time_s)
        hour, minute, second, ap = m["H"], m["Mi"], m["S"], m["ap"]
        clock = time(hour_of(hour, ap) if ap else int(hour), int(minute), int(second) if second else 0)
        return timedelta(hours=clock.hour, minutes=clock.minute, seconds=clock.second)

    @staticmethod
    def _sender(name: str | None) -> str | None:
        return None if name is None or system_name(name) else name.strip(MARKS + " ")

    def block(self, parts: list, number: int, text: str) -> tuple[list[Iterable[Record]], int]:
        """The records of the messages of ``parts`` but the last (whose body may go on in the next
        block), in pieces to chain, the first on line ``number``; and the line number of the last.

        Every column is built by a C-level ``map`` over the block's messages, and the records by one
        ``zip``: no Python bytecode runs per ordinary message.  The messages that may not be ordinary
        are found per column too (:meth:`_odd`) and remade one by one."""
        end = len(parts) - WIDTH
        bodies = parts[WIDTH:end:WIDTH]
        # ``operator.contains`` is the cheapest C call per body; only the few bodies of several lines
        # are counted (``str.count`` costs twice as much, even on a body of one line)
        several = list(compress(count(), map(contains, bodies, repeat("\n"))))
        lines = [1] * len(bodies)
        for index in several:
            lines[index] += bodies[index].count("\n")
        numbers = list(accumulate(lines, initial=number))
        try:  # the caches parse each new date, time and name once (``_Cache``)
            days = map(self._days.__getitem__, parts[1:end:WIDTH])
            stamps = list(map(add, days, map(self._clocks.__getitem__, parts[2:end:WIDTH])))
        except ValueError:
            return [self._exact(parts, end, number)], numbers[-1]  # an impossible stamp: raised at its line
        senders = list(map(self._senders.__getitem__, parts[3:end:WIDTH]))
        # Lazy, so each record is freed as soon as the caller is done with it: a block's worth of live
        # tuples would wake the cyclic garbage collector again and again (it cost a third of the parse).
        made = map(tuple.__new__, repeat(Record), zip(
            [f"line {n}" for n in numbers], repeat(PLATFORM), bodies, senders, repeat(None),
            repeat(self.conversation), repeat(()), stamps, repeat(self.note), repeat("message"), repeat(()),
            repeat(False), repeat(False), repeat(()),
        ))  # fmt: skip
        pieces: list[Iterable[Record]] = []
        done = 0  # messages of ``made`` consumed by the pieces so far
        for index in self._odd(parts, end, text, bodies, several, senders):
            skip = 1 if done else 0  # the record ``made`` holds in place of the previous odd message
            one = self._one(
                numbers[index], stamps[index], parts[WIDTH * index + 1 : WIDTH * index + 1 + WIDTH]
            )
            pieces += islice(made, skip, skip + index - done), (one,)
            done = index + 1
        pieces.append(islice(made, 1, None) if pieces else made)
        return pieces, numbers[-1]

    def _odd(self, parts: list, end: int, text: str, bodies: list, several: list, senders: list) -> list[int]:
        """The indices of the block's messages that may not be ordinary "Name: text" on one line (a
        superset: each is remade by :meth:`_one`, which decides exactly).  A check that only a rare
        character can fail runs only when the block holds that character."""
        odd = set(compress(count(), map(is_, senders, repeat(None))))  # events, "Name" without ": "
        if _PHRASE_AFTER_NAME(text):  # a deleted notice or a call, maybe
            odd.update(compress(count(), map(_PHRASE_AT_START, bodies)))
        if ")" in text or "\r" in text or _BLANK_LINE.search(text):
            # a line that may end in ")" or "\r" (classify strips it first), or blank lines that may
            # trail a message (``continuation``): a message of several lines is remade, of one checked
            odd.update(several)
            odd.update(compress(count(), map(contains, bodies, repeat(")"))))
            odd.update(compress(count(), map(contains, bodies, repeat("\r"))))
        if "<" in text:
            odd.update(compress(count(), map(contains, bodies, repeat("<"))))
        if any(mark in text for mark in MARKS):
            # A mark before the date alone changes nothing (classify heeds it only after a marked body).
            odd.update(compress(count(), map(str.startswith, bodies, repeat(_MARK_TUPLE))))
            odd.update(compress(count(), map(contains, bodies, repeat("\u200e"))))  # see classify
        return sorted(odd)

    def _exact(self, parts: list, end: int, number: int) -> Iterator[Record]:
        it = islice(parts, 1, end)
        for item in zip(it, it, it, it, it, strict=True):
            yield self.one(number, item)
            number += item[-1].count("\n") + 1

    def _one(self, number: int, stamp: datetime, item: Item) -> Record:
        """The record of one message: an ordinary one made here, any other through the slow path."""
        date_s, _time, name, body = item
        sender = self._senders[name]
        if "\n" in body:
            first, _newline, more = body.partition("\n")
            more = continuation(more)
            message = first + "\n" + more if more else first
        else:
            first = message = body
        if (
            sender is not None
            and not first.endswith((")", "\r"))
            and "<" not in message
            and date_s[0] not in MARKS
            and first[:1] not in MARKS
            and (
                first.partition(" ")[0].lower() not in SPECIAL_FIRST_WORDS
                or classify(first, False, False, self.ios) == _PLAIN
            )
        ):  # an ordinary message: what whatsapp.parse's slow path would make of it, made directly
            return tuple.__new__(Record, (f"line {number}", PLATFORM, message, sender, None, self.conversation,
                                          (), stamp, self.note, "message", (), False, False, ()))  # fmt: skip
        whole = body if name is None else f"{name}: {body}"
        return self.slow(number, stamp, date_s[0] in MARKS, whole)


def continuation(more: str) -> str:
    """A message's lines after its first, without the blank lines that only space it from the next."""
    more = more.rstrip("\n")
    while more and not more[more.rfind("\n") + 1 :].strip():
        more = more[: max(more.rfind("\n"), 0)]
    return more


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
