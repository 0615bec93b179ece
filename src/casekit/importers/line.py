"""LINE "Export chat history" text: a title line, a "Saved on" line, then day headers
(``Mon, 8/19/2019``) followed by ``HH:MM<TAB>Name<TAB>text`` lines; a line with one TAB is an event
(someone left, joined).  Day headers' order (month or day first) is settled over the whole file, as for
WhatsApp."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime

from .base import DateOrderUnknown, Importer, Options, Record, Source, fail, head_text, iter_text_lines

PLATFORM = "line"
_TITLE = re.compile(
    r'(?:\[LINE\] )?(?:Chat history (?:in|with) |Chat (?:in|mit) )"?(?P<name>.*?)"?(?:\.txt)?$'
)
_SAVED = re.compile(r"(?:Saved on|Gespeichert um|保存日時)[:：]")
_DAY = re.compile(
    r"(?:[^\d\t]{1,12}[,.]? )?(?P<a>\d{1,4})[./-](?P<b>\d{1,2})[./-](?P<c>\d{1,4})(?:\s*\([^)]*\))?$"
)
_MSG = re.compile(r"(?P<h>\d{1,2}):(?P<m>\d{2})\t(?P<who>[^\t]*)\t(?P<text>.*)")
_EVENT = re.compile(r"(?P<h>\d{1,2}):(?P<m>\d{2})\t(?P<text>[^\t]*)")


def sniff(head: bytes) -> int:
    lines = head_text(head).splitlines()[:6]
    if len(lines) >= 2 and _TITLE.match(lines[0].strip()) and _SAVED.match(lines[1].strip()):
        return 90
    return 0


def _order(source: Source, options: Options) -> str:
    seen = False
    for _number, line in iter_text_lines(source):
        m = _DAY.match(line)
        if m is None or "\t" in line:
            continue
        if len(m["a"]) == 4:
            return "YMD"
        seen = True
        if int(m["a"]) > 12:
            return "DMY"
        if int(m["b"]) > 12:
            return "MDY"
    if not seen or options.date_order:
        return options.date_order or "MDY"
    from ..i18n import t

    raise DateOrderUnknown(
        t("import.date_order_unknown", file=source.name, where="line 4"),
        t("import.date_order_unknown.hint", file=source.name, where="line 4"),
        file=source.name,
        where="line 4",
        choices=("DMY", "MDY"),
    )


def parse(source: Source, options: Options) -> Iterator[Record]:
    order = _order(source, options)
    zone, note = options.zone, options.zone_note
    conversation = None
    day: date | None = None
    pending: list | None = None
    for number, line in iter_text_lines(source):
        if number == 1:
            title = _TITLE.match(line.strip())
            conversation = title["name"] if title else None
            continue
        if number == 2 and _SAVED.match(line):
            continue
        msg = _MSG.match(line) or _EVENT.match(line)
        if msg is None and "\t" not in line and (d := _DAY.match(line)) is not None:
            a, b, c = int(d["a"]), int(d["b"]), int(d["c"])
            try:
                day = _day(a, b, c, order if len(d["a"]) != 4 else "YMD")
            except ValueError:
                raise fail(source, f"line {number}", "import.bad_date") from None
            continue
        if msg is None or day is None:
            if pending is not None:
                pending[3].append(line)
            elif line.strip():
                raise fail(source, f"line {number}", "import.bad_shape", format="LINE")
            continue
        if pending is not None:
            yield _record(conversation, note, *pending)
        try:
            when = datetime(day.year, day.month, day.day, int(msg["h"]), int(msg["m"]), tzinfo=zone)
        except ValueError:
            raise fail(source, f"line {number}", "import.bad_date") from None
        who = msg.groupdict().get("who")
        pending = [number, when, who, [msg["text"]]]
    if pending is not None:
        yield _record(conversation, note, *pending)


def _day(a: int, b: int, c: int, order: str) -> date:
    if order == "YMD":
        return date(a, b, c)
    return date(c, b, a) if order == "DMY" else date(c, a, b)


def _record(conversation, note, number, when, who, lines) -> Record:
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()  # the blank line before the next day header belongs to no message
    text = "\n".join(lines)
    kind = (
        "system"
        if who is None
        else "media"
        if text in ("[Photo]", "[Sticker]", "[Video]", "[File]")
        else "message"
    )
    return Record(f"line {number}", PLATFORM, text, who, None, conversation, (), when, note, kind)


IMPORTERS = (
    Importer(
        name="line",
        platform=PLATFORM,
        title="LINE 'Export chat history' text (English and German layouts)",
        sniff=sniff,
        parse=parse,
    ),
)
