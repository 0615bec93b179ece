"""The WhatsApp fast lane: a file whose headers all share the first header's shape is cut into messages
by one ``re.split`` per block (``whatsapp_split``, here or in a helper process), and the records are
made column by column, in C.

The split pattern is the specialised header (``whatsapp_scan.specialise``) preceded by its line end,
capturing the date, the time and — up to the first ": " of the header line — the sender: the engine only
looks at line starts, never at the rest of a message.  The cutter hands back each block's parts, its
messages' locators, and those that may not be plainly "Name: text" (media, marks, calls, trailing blank
lines, a stray carriage return; the events are found here, by their senders).  Here dates, times and senders
are parsed once per distinct string (a chat has few days and at most 1,440 minutes a day) and a stamp
is a day plus a time of day; a block's records are one ``map`` over a ``zip`` of its columns, with no
Python bytecode per message, and the odd messages are remade one by one, ending in the exact slow path
the caller hands in when they are not ordinary after all — so the fast lane only ever skips work, never
decides anything the slow path would decide differently (tests/importers/test_whatsapp_fast.py holds it
to the general reader).

A block holding a line that the general pattern would take as a header of another shape is refused
(the cutter returns None); the caller then reads it, and the rest of the file, with the general pattern.
Records are handed out block by block (``block``): ``whatsapp.parse`` chains the blocks' iterators, so a
record passes through no generator at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, time, timedelta, tzinfo
from itertools import compress, count, islice, repeat
from operator import add, is_

from .base import Record, Source, fail
from .whatsapp_helper import cut_all
from .whatsapp_kinds import CALL, DELETED, SPECIAL_FIRST_WORDS, classify, system_name
from .whatsapp_scan import ANDROID, GENERAL, IOS, specialise
from .whatsapp_split import WIDTH, Block, Cutter
from .whatsapp_stamps import _M, MARKS, hour_of, make_date

PLATFORM = "whatsapp"
_NAMED = re.compile(r"\(\?P<\w+>")
# A body that may start like a deleted notice or a call, the only phrases classify finds in a one-line
# message with no "<", no ")" and no direction mark (the other messages are flagged per column:
# ``whatsapp_split.Cutter._odd``).  A quick guard first: the letters those phrases can start with, in
# either case, and any non-ASCII letter (IGNORECASE may match one to an ASCII letter: "ſ" to "s").  A block is
# searched for a phrase after a ": " (a body's start) once; only a block holding one tests each body.
_INITIALS = "".join(sorted({word[0] for word in SPECIAL_FIRST_WORDS if word[0].isascii()}))
_PHRASE = f"(?=[{_INITIALS}{_INITIALS.upper()}\\x80-\\U0010ffff])(?:(?i:{DELETED.pattern})|{CALL.pattern})"
_PHRASE_AFTER_NAME = re.compile(": " + _PHRASE)
_PHRASE_AT_START = re.compile(_PHRASE)
# Up to the first ": " of the line, possessively: the lazy ``[^\n]*?`` tries the rest of the pattern
# after every character of the name, a tenth of the split's time.
_NAME = r"[^:\n]*+(?::(?! )[^:\n]*+)*+"
_PLAIN = ("message", False, ())  # what classify says of an ordinary message
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")  # an empty or whitespace-only line (``\s`` is str.isspace)
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

    __slots__ = ("_clocks", "_cutter", "_date", "_days", "_senders", "_time",
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
        general = GENERAL[first.re]
        self._cutter = Cutter(
            {
                # a header, or else any line that starts like a stamp (its parts are None: see ``cut``)
                "split": (
                    rf"\n(?:({_M}{opener}{date_nc}){join}({time_nc}){closer}(?:({_NAME}): )?|(?=[\d\[{MARKS}]))",
                    0,
                ),
                "general": (general.pattern, general.flags),
                "bare_space": general is GENERAL[ANDROID],
                "phrase_after_name": (_PHRASE_AFTER_NAME.pattern, _PHRASE_AFTER_NAME.flags),
                "phrase": (_PHRASE_AT_START.pattern, _PHRASE_AT_START.flags),
                "blank_line": (_BLANK_LINE.pattern, _BLANK_LINE.flags),
                "marks": MARKS,
            }
        )
        self._date = re.compile(f"{_M}{opener}{date_part}").fullmatch
        self._time = re.compile(time_part).fullmatch
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

    def cuts(
        self, blocks: Iterable[tuple[int, str, bytes | None]], size: int
    ) -> Iterator[tuple[int, str, Block | None]]:
        """(line, text, description) of each of ``whatsapp_scan.blocks`` (``whatsapp_helper``: cut ahead
        by a helper process for a large file); None from the first block of another shape on."""
        return cut_all(blocks, self._cutter, size)

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

    def block(self, columns: tuple | None) -> list[Iterable[Record]]:
        """The records of a block's messages but the last (``whatsapp_split.Block``'s columns), in
        pieces to chain.

        Every column is built by a C-level ``map`` over the block's messages, and the records by one
        ``zip``: no Python bytecode runs per ordinary message.  The messages that may not be ordinary
        (those the cutter found, and the events) are remade one by one."""
        if columns is None:
            return []
        parts, bodies, locators, odd = columns
        end = len(parts) - WIDTH
        if bodies is None:
            bodies = parts[WIDTH:end:WIDTH]
        try:  # the caches parse each new date, time and name once (``_Cache``)
            days = map(self._days.__getitem__, parts[1:end:WIDTH])
            stamps = list(map(add, days, map(self._clocks.__getitem__, parts[2:end:WIDTH])))
        except ValueError:  # an impossible stamp: raised at its line
            return [self._exact(parts, locators)]
        senders = list(map(self._senders.__getitem__, parts[3:end:WIDTH]))
        # events: no name, or one that is an app sentence (``Maya changed the subject to "x: y"``)
        events = compress(count(), map(is_, senders, repeat(None)))
        odd = sorted({*odd, *events})
        # Lazy, so each record is freed as soon as the caller is done with it: a block's worth of live
        # tuples would wake the cyclic garbage collector again and again (it cost a third of the parse).
        made = map(tuple.__new__, repeat(Record), zip(
            locators, repeat(PLATFORM), bodies, senders, repeat(None),
            repeat(self.conversation), repeat(()), stamps, repeat(self.note), repeat("message"), repeat(()),
            repeat(False), repeat(False), repeat(()),
        ))  # fmt: skip
        pieces: list[Iterable[Record]] = []
        done = 0  # messages of ``made`` consumed by the pieces so far
        for index in odd:
            skip = 1 if done else 0  # the record ``made`` holds in place of the previous odd message
            one = self._one(
                int(locators[index][5:]), stamps[index], parts[WIDTH * index + 1 : WIDTH * index + 5]
            )
            pieces += islice(made, skip, skip + index - done), (one,)
            done = index + 1
        pieces.append(islice(made, 1, None) if pieces else made)
        return pieces

    def _exact(self, parts: list, locators: list[str]) -> Iterator[Record]:
        it = islice(parts, 1, len(parts) - WIDTH)
        for item, locator in zip(zip(it, it, it, it, strict=True), locators, strict=True):
            yield self.one(int(locator[5:]), item)

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
