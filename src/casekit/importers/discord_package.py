"""Discord's own data package ("Request all of my data"): ``messages/c<channel id>/messages.csv``
(``ID,Timestamp,Contents,Attachments``) or, in newer packages, ``messages.json`` (a list of objects
with the same fields).  The package holds only the messages its owner sent, so every record's sender
is "(account owner)"; the channel id (from the folder name) is the conversation."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from .base import Importer, Options, Record, Source, fail, head_text, read_text
from .jsonio import items, load_json, obj, starts_json, text_of

PLATFORM = "discord"
OWNER = "(account owner)"
_NAME = "Discord data package"
_CHANNEL = re.compile(r"(?:^|[/\\])c?(\d{5,})[/\\]messages\.(?:csv|json)$")


def sniff(head: bytes) -> int:
    text = head_text(head)
    first = text.split("\n", 1)[0].strip().replace('"', "")
    if first.startswith("ID,Timestamp,Contents"):
        return 85
    if starts_json(head) == "[" and re.search(r'"ID"\s*:', text) and re.search(r'"Timestamp"\s*:', text):
        return 85
    return 0


def _channel(source: Source) -> str | None:
    m = _CHANNEL.search(source.name)
    return f"channel {m.group(1)}" if m else None


def _when(raw: Any, options: Options, source: Source, where: str) -> tuple[datetime, str | None]:
    try:
        stamp = datetime.fromisoformat(text_of(raw).strip())
    except ValueError:
        raise fail(source, where, "import.bad_date") from None
    if stamp.tzinfo is None:  # Discord writes these in UTC
        from datetime import UTC

        return stamp.replace(tzinfo=UTC), None
    return stamp, None


def _record(
    where: str, raw_id: Any, stamp: Any, text: str, files: str, conversation, options, source
) -> Record:
    when, note = _when(stamp, options, source, where)
    attachments = tuple({"uri": u} for u in files.split() if u)
    return Record(
        locator=where,
        platform=PLATFORM,
        text=text,
        sender=OWNER,
        sender_id=None,
        conversation=conversation,
        timestamp=when,
        timezone_assumed=note,
        kind="media" if attachments and not text else "message",
        attachments=attachments,
    )


def parse(source: Source, options: Options) -> Iterator[Record]:
    conversation = _channel(source)
    if starts_json(source.head(64)) == "[":
        for index, row in enumerate(items(load_json(source), source, "$", _NAME)):
            where = f"$[{index}]"
            row = obj(row, source, where, _NAME)
            if "Timestamp" not in row:
                raise fail(source, where, "import.bad_record", field="Timestamp")
            yield _record(
                where,
                row.get("ID"),
                row["Timestamp"],
                text_of(row.get("Contents")),
                text_of(row.get("Attachments")),
                conversation,
                options,
                source,
            )
        return
    reader = csv.reader(io.StringIO(read_text(source), newline=""))
    try:
        header = next(reader, None)
        if not header or [h.strip() for h in header[:3]] != ["ID", "Timestamp", "Contents"]:
            raise fail(source, "line 1", "import.bad_shape", format=_NAME)
        start = reader.line_num + 1
        for row in reader:
            where, start = f"line {start}", reader.line_num + 1
            if not any(row):
                continue
            if len(row) < 3:
                raise fail(source, where, "import.bad_record", field="Timestamp")
            yield _record(
                where, row[0], row[1], row[2], row[3] if len(row) > 3 else "", conversation, options, source
            )
    except csv.Error:
        raise fail(source, f"line {reader.line_num}", "import.bad_shape", format=_NAME) from None


IMPORTERS = (
    Importer(
        name="discord_package",
        platform=PLATFORM,
        title="Discord's own data package: messages/c<id>/messages.csv or messages.json",
        sniff=sniff,
        parse=parse,
    ),
)
