"""WhatsApp "Export chat" text files, Android (``date, time - Name: text``) and iOS
(``[date, time] Name: text``), in every date order, 12 h and 24 h, with or without seconds.

The file is read twice and never held whole: a first look, line by line, settles the layout and the
day/month order (it stops at the first stamp that settles it, and reads to the end only when none does —
then the user must say, see :class:`~.base.DateOrderUnknown`); the second pass reads 1 MB blocks (``whatsapp_scan``), cuts
each at its headers with one regex (the fast lane, ``whatsapp_fast`` — for a large file a helper process
cuts the next blocks meanwhile, ``whatsapp_split`` — or the general pattern) and yields one record per
message with continuation lines joined.  WhatsApp writes local times without a zone; each record carries the zone assumed (``Options``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from itertools import accumulate, chain

from .base import DateOrderUnknown, Importer, Options, Record, Source, fail, head_text, iter_text_lines
from .whatsapp_fast import FastReader, continuation
from .whatsapp_kinds import EDITED, SPECIAL_FIRST_WORDS, classify, strip_marks, system_name
from .whatsapp_scan import GENERAL, blocks, general_items
from .whatsapp_split import WIDTH
from .whatsapp_stamps import (
    ANDROID,
    IOS,
    IOS_TIME_FIRST,
    MARKS,
    decide_order,
    hour_of,
    make_date,
    match_header,
    year_first,
)

PLATFORM = "whatsapp"
_SURVEY_LINES = 200  # the layout must show itself within this many lines
_NAME_PREFIXES = ("WhatsApp Chat with ", "WhatsApp Chat - ", "Chat WhatsApp con ", "WhatsApp-Chat mit ")


def sniff(head: bytes) -> int:
    lines = [line for line in head_text(head).splitlines()[:40] if line.strip()]
    if not lines:
        return 0
    first = match_header(lines[0])
    if first is None:
        return 0
    hits = sum(1 for line in lines if match_header(line) is not None)
    if hits < max(1, len(lines) // 3):
        return 0
    # "[2019-12-24, 12:23] Name: text" without seconds is also how Signal exporters write; WhatsApp
    # iOS always writes seconds.  Claim such files less surely so the Signal importer can win them.
    if first.re is IOS and year_first(first) and first["s1"] == "-" and not (first["S"] and first["comma"]):
        return 40
    return 90


def conversation_name(source_name: str) -> str | None:
    leaf = source_name.replace("\\", "/").rsplit("/", 1)[-1]
    if leaf.lower() == "_chat.txt" and "!/" in source_name:
        leaf = source_name.split("!/", 1)[0].replace("\\", "/").rsplit("/", 1)[-1]
    stem = leaf.rsplit(".", 1)[0]
    for prefix in _NAME_PREFIXES:
        if stem.startswith(prefix):
            return stem[len(prefix) :]
    return stem or None


def _survey(source: Source, options: Options) -> tuple[re.Match[str], str]:
    """The file's first header and its date order, reading only as far as needed."""
    layout: re.Pattern[str] | None = None
    first: re.Match[str] | None = None
    where = "line 1"

    def stamps() -> Iterator[tuple[int, int, bool]]:
        nonlocal layout, first, where
        for number, line in iter_text_lines(source):
            if layout is None:
                m = match_header(line)
                if m is None:
                    if number >= _SURVEY_LINES:
                        break
                    continue
                layout, first = m.re, m
            else:
                m = match_header(line, layout)
                if m is None:
                    continue
            where = f"line {number}"
            yield int(m["a"]), int(m["b"]), year_first(m)

    order, choices = decide_order(stamps())
    if first is None:
        raise fail(source, "line 1", "import.whatsapp_no_header")
    if order is None:
        if options.date_order in choices:
            order = options.date_order
        else:
            raise DateOrderUnknown(
                *_phrases("import.date_order_unknown", source.name, where),
                file=source.name,
                where=where,
                choices=choices,
            )
    elif options.date_order and options.date_order != order and order != "YMD":
        raise fail(source, where, "import.date_order_conflict", given=options.date_order, found=order)
    return first, order


def _phrases(key: str, file: str, where: str) -> tuple[str, str]:
    from ..i18n import t

    return t(key, file=file, where=where), t(f"{key}.hint", file=file, where=where)


def parse(source: Source, options: Options) -> Iterator[Record]:
    """The file's records, in file order; nothing is read before the first is asked for."""
    return chain.from_iterable(_blocks(source, options))


def _blocks(source: Source, options: Options) -> Iterator[Iterable[Record]]:
    """The records block by block (each an iterable, built lazily) — see :func:`parse`."""
    first, order = _survey(source, options)
    zone, note = options.zone, options.zone_note
    conversation = conversation_name(source.name)
    ios = first.re is not ANDROID
    days: dict[tuple[str, ...], date] = {}
    last_clock: tuple | None = None
    last_stamp: datetime | None = None
    make = tuple.__new__  # Record(...) without the keyword machinery: this loop runs per message
    general = GENERAL[first.re]

    def finish(number: int, item: tuple) -> Record:
        """The record of a general-pattern item (see ``whatsapp_scan.Item``)."""
        nonlocal last_clock, last_stamp
        clock = item[1:9]
        if clock == last_clock:  # messages in the same minute share one datetime
            stamp = last_stamp
        else:
            a, b, c, be, hour, minute, second, ap = clock
            day = days.get(clock[:4])
            try:
                if day is None:
                    day = days[clock[:4]] = make_date(a, b, c, bool(be), order)
                stamp = datetime(
                    day.year, day.month, day.day, hour_of(hour, ap) if ap else int(hour), int(minute),
                    int(second) if second else 0, tzinfo=zone,
                )  # fmt: skip
            except ValueError:
                raise fail(source, f"line {number}", "import.bad_date") from None
            last_clock, last_stamp = clock, stamp
        return message(number, stamp, bool(item[0]), item[9])

    def message(number: int, stamp: datetime, mark: bool, body: str) -> Record:
        """The record of the message whose header is on line ``number``; ``body`` is all after the header."""
        rest, _newline, more = body.partition("\n")
        if more:
            more = continuation(more)  # blank lines before the next header: spacing
        if rest.endswith("\r"):
            rest = rest[:-1]
        cut = rest.find(": ")
        skip = 2
        if cut < 0:
            # "Name:" or "Name:." — a short name glued to its (empty or tiny) message
            cut, skip = rest.find(":"), 1
            if cut < 0 or rest[:cut].count(" ") > 3 or len(rest) - cut > 4:
                cut = -1
        if cut < 0 or (
            ('"' in rest[:cut] or "“" in rest[:cut] or "«" in rest[:cut] or rest.count(" ", 0, cut) >= 2)
            and system_name(rest[:cut])
        ):
            text = rest if not more else rest + "\n" + more
            return make(Record, (f"line {number}", PLATFORM, strip_marks(text), None, None, conversation, (),
                                 stamp, note, "system", (), False, False, ()))  # fmt: skip
        sender = rest[:cut].strip(MARKS + " ")
        first_body = rest[cut + skip :]
        body_mark = first_body[:1] in MARKS if first_body else False
        if body_mark:
            first_body = first_body.lstrip(MARKS)
        text = first_body if not more else first_body + "\n" + more
        if (
            not body_mark
            and not mark
            and "<" not in text
            and first_body.partition(" ")[0].lower() not in SPECIAL_FIRST_WORDS
            and not first_body.endswith(")")
        ):  # an ordinary message: nothing for classify to find (see whatsapp_kinds)
            return make(Record, (f"line {number}", PLATFORM, text, sender, None, conversation, (), stamp, note,
                                 "message", (), False, False, ()))  # fmt: skip
        return _record(number, stamp, sender, first_body, text, mark, body_mark, ios, conversation, note)

    fits = FastReader.fits(first)
    reader = FastReader(first, order, zone, source, conversation, note, message) if fits else None

    def done(number: int, item: tuple) -> Record:
        """The record of a message held over from one block to the next (either reader's item)."""
        return reader.one(number, item) if len(item) == WIDTH else finish(number, item)

    pending: tuple | None = None  # (line number, item) of the last message of the previous block
    if reader is not None:
        cuts = reader.cuts(blocks(source), source.size)
    else:
        cuts = ((line, text, None) for line, text, _data in blocks(source))
    for line, text, cut in cuts:
        if cut is None:  # the file changed shape (or never had a fast lane): the general pattern
            start, items = general_items(text, general)
            count = len(items)
            lead = text[:start]
            tail = items[-1] if count else None
        else:
            lead, count, tail, tail_number, columns = cut
        if pending is not None:
            number, item = pending
            body = item[-1] + lead
            if not count:  # a block with no header at all continues the pending message
                pending = (number, (*item[:-1], body))
                continue
            yield (done(number, (*item[:-1], body)),)
            number += body.count("\n")
        else:
            if lead.strip():
                offset = len(lead) - len(lead.lstrip())
                raise fail(
                    source, f"line {line + lead.count(chr(10), 0, offset)}", "import.whatsapp_no_header"
                )
            number = line + lead.count("\n")
            if not count:
                continue
        if cut is not None:
            yield from reader.block(columns)
            number = tail_number
        else:
            numbers = list(accumulate((item[-1].count("\n") + 1 for item in items[:-1]), initial=number))
            yield map(finish, numbers, items[:-1])
            number = numbers[-1]
        pending = (number, tail)
    if pending is not None:
        yield (done(*pending),)


def _record(
    number: int,
    stamp: datetime,
    sender: str,
    first_body: str,
    text: str,
    line_mark: bool,
    body_mark: bool,
    ios: bool,
    conversation: str | None,
    note: str | None,
) -> Record:
    kind, deleted, attachments = classify(first_body, line_mark, body_mark, ios)
    edited = False
    if kind == "message" and "<" in text:
        cut = EDITED.search(text)
        if cut is not None:
            text, edited = text[: cut.start()], True
    if kind == "system":
        return Record(
            f"line {number}",
            PLATFORM,
            f"{sender}: {strip_marks(text)}",
            None,
            None,
            conversation,
            (),
            stamp,
            note,
            "system",
            (),
            False,
            deleted,
        )
    if body_mark:
        text = strip_marks(text)
    return tuple.__new__(
        Record,
        (
            f"line {number}",
            PLATFORM,
            text,
            sender,
            None,
            conversation,
            (),
            stamp,
            note,
            kind,
            attachments,
            edited,
            False,
            (),
        ),
    )


IMPORTERS = (
    Importer(
        name="whatsapp",
        platform=PLATFORM,
        title="WhatsApp 'Export chat' text (Android and iOS, any language, with or without media)",
        sniff=sniff,
        parse=parse,
    ),
)

__all__ = ["IMPORTERS", "IOS_TIME_FIRST", "conversation_name", "parse", "sniff"]
