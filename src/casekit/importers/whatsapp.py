"""WhatsApp "Export chat" text files, Android (``date, time - Name: text``) and iOS
(``[date, time] Name: text``), in every date order, 12 h and 24 h, with or without seconds.

The file is read twice, line by line, never whole: a first look settles the layout and the day/month
order (it stops at the first stamp that settles it, and reads to the end only when none does — then the
user must say, see :class:`~.base.DateOrderUnknown`), and the second pass yields one record per message
with continuation lines joined.  WhatsApp writes local times without a zone; each record carries the
zone assumed (``Options``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from .base import DateOrderUnknown, Importer, Options, Record, Source, fail, head_text, iter_text_lines
from .whatsapp_kinds import EDITED, STRIP_MARKS, classify, system_name
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


def _survey(source: Source, options: Options) -> tuple[re.Pattern[str], str]:
    """The header pattern of this file and its date order, reading only as far as needed."""
    layout: re.Pattern[str] | None = None
    where = "line 1"

    def stamps() -> Iterator[tuple[int, int, bool]]:
        nonlocal layout, where
        for number, line in iter_text_lines(source):
            if layout is None:
                m = match_header(line)
                if m is None:
                    if number >= _SURVEY_LINES:
                        break
                    continue
                layout = m.re
            else:
                m = match_header(line, layout)
                if m is None:
                    continue
            where = f"line {number}"
            yield int(m["a"]), int(m["b"]), year_first(m)

    order, choices = decide_order(stamps())
    if layout is None:
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
    return layout, order


def _phrases(key: str, file: str, where: str) -> tuple[str, str]:
    from ..i18n import t

    return t(key, file=file, where=where), t(f"{key}.hint", file=file, where=where)


def parse(source: Source, options: Options) -> Iterator[Record]:
    layout, order = _survey(source, options)
    zone, note = options.zone, options.zone_note
    conversation = conversation_name(source.name)
    ios = layout is not ANDROID
    dates: dict[tuple[str, ...], object] = {}
    current: tuple | None = None  # (line number, stamp, sender, first body, line_mark, body_mark, system)
    extra: list[str] = []
    match = layout.match
    marks = tuple(MARKS)

    def finish() -> Record:
        number, stamp, sender, body, line_mark, body_mark, system = current  # type: ignore[misc]
        while extra and not extra[-1].strip():
            extra.pop()  # blank lines before the next header are the export's spacing, not the message
        text = body if not extra else body + "\n" + "\n".join(extra)
        if system:
            return Record(
                f"line {number}",
                PLATFORM,
                text.translate(STRIP_MARKS),
                None,
                None,
                conversation,
                (),
                stamp,
                note,
                "system",
            )
        kind, deleted, attachments = classify(body, line_mark, body_mark, ios)
        edited = False
        if kind == "message" and "<" in text:
            cut = EDITED.search(text)
            if cut is not None:
                text, edited = text[: cut.start()], True
        if kind == "message" and not body_mark:
            return Record(
                f"line {number}",
                PLATFORM,
                text,
                sender,
                None,
                conversation,
                (),
                stamp,
                note,
                "message",
                (),
                edited,
            )
        if kind == "system":
            return Record(
                f"line {number}",
                PLATFORM,
                f"{sender}: {text.translate(STRIP_MARKS)}",
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
        return Record(
            f"line {number}",
            PLATFORM,
            text.translate(STRIP_MARKS) if body_mark else text,
            sender,
            None,
            conversation,
            (),
            stamp,
            note,
            kind,
            attachments,
            edited,
        )

    for number, line in iter_text_lines(source):
        m = match(line)
        if m is None or (layout is ANDROID and m["sep"] == " " and m["s1"] != ". "):
            if current is None:
                if line.strip():
                    raise fail(source, f"line {number}", "import.whatsapp_no_header")
                continue
            extra.append(line)
            continue
        if current is not None:
            yield finish()
            extra = []
        key = m.group("a", "b", "c", "be")
        day = dates.get(key)
        if day is None:
            try:
                day = dates[key] = make_date(m, order)
            except ValueError:
                raise fail(source, f"line {number}", "import.bad_date") from None
        try:
            stamp = datetime(
                day.year,
                day.month,
                day.day,
                hour_of(m),
                int(m["Mi"]),
                int(m["S"] or 0),  # type: ignore[attr-defined]
                tzinfo=zone,
            )
        except ValueError:
            raise fail(source, f"line {number}", "import.bad_date") from None
        rest = m["rest"]
        line_mark = line.startswith(marks)
        cut = rest.find(": ")
        skip = 2
        if cut < 0:
            # "Name:" or "Name:." — a short name glued to its (empty or tiny) message
            cut, skip = rest.find(":"), 1
            if cut < 0 or rest[:cut].count(" ") > 3 or len(rest) - cut > 4:
                cut = -1
        if cut < 0 or system_name(rest[:cut]):
            current = (number, stamp, None, rest, line_mark, False, True)
            continue
        sender = rest[:cut].strip(MARKS + " ")
        body = rest[cut + skip :]
        body_mark = body.startswith(marks)
        if body_mark:
            body = body.lstrip(MARKS)
        current = (number, stamp, sender, body, line_mark, body_mark, False)
    if current is not None:
        yield finish()


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
