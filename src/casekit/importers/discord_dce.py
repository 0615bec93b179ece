"""Discord channels saved with DiscordChatExporter: its JSON (``guild``, ``channel``, ``messages``) and
its CSV (``AuthorID,Author,Date,Content,Attachments,Reactions``).

Discord's own event messages (member joined, channel renamed, pinned…) are kept as ``system`` records
with no author; calls are ``call`` records.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from .base import Importer, Options, Record, Source, fail, head_text, read_text
from .jsonio import has_keys, items, load_json, obj, starts_json, text_of

PLATFORM = "discord"
_NAME = "DiscordChatExporter"
_CSV_HEADER = ("AuthorID", "Author", "Date", "Content", "Attachments", "Reactions")


def sniff_json(head: bytes) -> int:
    if starts_json(head) == "{" and has_keys(head, "guild", "channel", "messages"):
        return 90
    return 0


def sniff_csv(head: bytes) -> int:
    first = head_text(head).split("\n", 1)[0].strip().replace('"', "")
    return 90 if tuple(first.split(",")[:4]) == _CSV_HEADER[:4] else 0


def _when(value: Any, options: Options, source: Source, where: str) -> tuple[datetime, str | None]:
    try:
        stamp = datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise fail(source, where, "import.bad_date") from None
    if stamp.tzinfo is None:
        return stamp.replace(tzinfo=options.zone), options.zone_note
    return stamp, None


def _who(author: dict[str, Any]) -> str:
    name, nick = text_of(author.get("name")), text_of(author.get("nickname"))
    return name if not nick or nick == name else f"{nick} ({name})"


def parse_json(source: Source, options: Options) -> Iterator[Record]:
    doc = obj(load_json(source), source, "$", _NAME)
    guild = doc.get("guild") if isinstance(doc.get("guild"), dict) else {}
    channel = doc.get("channel") if isinstance(doc.get("channel"), dict) else {}
    place = text_of(channel.get("name")) or None
    if guild.get("name") and guild.get("name") != "Direct Messages":
        place = f"{guild['name']} / {place}"
    for index, message in enumerate(items(doc.get("messages"), source, "$.messages", _NAME)):
        where = f"$.messages[{index}]"
        message = obj(message, source, where, _NAME)
        author = obj(message.get("author"), source, f"{where}.author", _NAME)
        when, note = _when(message.get("timestamp"), options, source, where)
        kind_name = text_of(message.get("type")) or "Default"
        attachments = tuple(
            {"name": text_of(a.get("fileName")), "uri": text_of(a.get("url"))}
            for a in message.get("attachments") or []
            if isinstance(a, dict)
        )
        reactions = tuple(
            {"reaction": text_of((r.get("emoji") or {}).get("name")), "count": r.get("count")}
            for r in message.get("reactions") or []
            if isinstance(r, dict) and isinstance(r.get("emoji"), dict)
        )
        text = text_of(message.get("content"))
        who = _who(author)
        if kind_name in ("Default", "Reply"):
            kind, sender = ("media" if attachments and not text else "message"), who
        elif kind_name == "Call":
            kind, sender = "call", who
        else:
            kind, sender, text = "system", None, f"{who}: {text or kind_name}"
        yield Record(
            locator=where,
            platform=PLATFORM,
            text=text,
            sender=sender,
            sender_id=text_of(author.get("id")) or None if sender else None,
            conversation=place,
            timestamp=when,
            timezone_assumed=note,
            kind=kind,
            attachments=attachments,
            edited=bool(message.get("timestampEdited")),
            reactions=reactions,
        )


def parse_csv(source: Source, options: Options) -> Iterator[Record]:
    reader = csv.reader(io.StringIO(read_text(source), newline=""))
    try:
        header = next(reader, None)
        if header is None or tuple(header[:4]) != _CSV_HEADER[:4]:
            raise fail(source, "line 1", "import.bad_shape", format=_NAME)
        start = reader.line_num + 1
        for row in reader:
            where, start = f"line {start}", reader.line_num + 1  # a quoted cell may span lines
            if not any(row):
                continue
            if len(row) < 4:
                raise fail(source, where, "import.bad_record", field="Date")
            when, note = _when(row[2], options, source, where)
            files = tuple(
                {"uri": u} for u in (row[4].split(",") if len(row) > 4 and row[4] else []) if u.strip()
            )
            yield Record(
                locator=where,
                platform=PLATFORM,
                text=row[3],
                sender=row[1],
                sender_id=row[0] or None,
                timestamp=when,
                timezone_assumed=note,
                kind="media" if files and not row[3] else "message",
                attachments=files,
                reactions=({"reaction": row[5]},) if len(row) > 5 and row[5] else (),
            )
    except csv.Error:
        raise fail(source, f"line {reader.line_num}", "import.bad_shape", format=_NAME) from None


IMPORTERS = (
    Importer(
        name="discord_dce_csv",
        platform=PLATFORM,
        title="Discord channel saved by DiscordChatExporter as CSV",
        sniff=sniff_csv,
        parse=parse_csv,
    ),
    Importer(
        name="discord_dce_json",
        platform=PLATFORM,
        title="Discord channel saved by DiscordChatExporter as JSON",
        sniff=sniff_json,
        parse=parse_json,
    ),
)
