"""Snapchat "My Data" chat history JSON (``chat_history.json``), in both layouts Snapchat has used:
the older ``{"Received Saved Chat History": [...], "Sent Saved Chat History": [...]}`` with
``From``/``To``, and the newer object keyed by conversation, each message with ``From``, ``Content``,
``Created``, ``IsSender``.  ``Created`` is written in UTC (``2023-01-02 10:11:12 UTC``).
Snapchat keeps only saved messages, so an export shows what was saved, not every snap."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from .base import Importer, Options, Record, Source, fail, from_epoch_ms
from .jsonio import has_keys, items, load_json, obj, starts_json, text_of

PLATFORM = "snapchat"
_NAME = "Snapchat"
_OLD = (
    "Received Saved Chat History",
    "Sent Saved Chat History",
    "Received Chat History",
    "Sent Chat History",
)


def sniff(head: bytes) -> int:
    if starts_json(head) != "{":
        return 0
    if any(has_keys(head, key) for key in _OLD):
        return 90
    if has_keys(head, "From", "Media Type", "Created"):
        return 80
    return 0


def _when(message: dict[str, Any], source: Source, where: str) -> datetime:
    micro = message.get("Created(microseconds)")
    try:
        if isinstance(micro, int | float) and not isinstance(micro, bool):
            return from_epoch_ms(int(micro) // 1000 if micro > 1e14 else micro)
        raw = text_of(message.get("Created")).replace(" UTC", "").strip()
        return datetime.strptime(raw[:19], "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except (ValueError, OverflowError, OSError):
        raise fail(source, where, "import.bad_date") from None


def _record(message: Any, source: Source, where: str, conversation: str | None, sent: bool | None) -> Record:
    message = obj(message, source, where, _NAME)
    sender = message.get("From")
    if sent is None:
        sent = bool(message.get("IsSender"))
    if not isinstance(sender, str) and not sent:
        raise fail(source, where, "import.bad_record", field="From")
    media = text_of(message.get("Media Type"))
    text = text_of(message.get("Content") if "Content" in message else message.get("Text"))
    to = text_of(message.get("To")) or conversation
    return Record(
        locator=where,
        platform=PLATFORM,
        text=text,
        sender=text_of(sender) or "(me)",
        conversation=text_of(message.get("Conversation Title")) or conversation or to or None,
        recipients=(to,) if to and sent else (),
        timestamp=_when(message, source, where),
        kind="media" if media and media.upper() not in ("TEXT", "") and not text else "message",
        attachments=({"type": media.lower(), "ids": text_of(message.get("Media IDs"))},)
        if media and media.upper() != "TEXT"
        else (),
    )


def parse(source: Source, options: Options) -> Iterator[Record]:
    doc = obj(load_json(source), source, "$", _NAME)
    for key, value in doc.items():
        base = f"$[{key!r}]"
        old = key in _OLD
        for index, message in enumerate(items(value, source, base, _NAME)):
            sent = key.startswith("Sent") if old else None
            yield _record(message, source, f"{base}[{index}]", None if old else key, sent)


IMPORTERS = (
    Importer(
        name="snapchat",
        platform=PLATFORM,
        title="Snapchat 'My Data' chat history JSON (saved chats)",
        sniff=sniff,
        parse=parse,
    ),
)
