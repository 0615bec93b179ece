"""Telegram Desktop "Export chat history" JSON (``result.json``): one chat, or the whole account
(``chats.list[]``).  Times come from ``date_unixtime`` (UTC) where present; older exports have only
``date``, a local time without zone, read in the assumed zone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from .base import Importer, Options, Record, Source, fail, from_epoch_s
from .jsonio import has_keys, items, load_json, obj, starts_json, text_of

PLATFORM = "telegram"
_NAME = "Telegram"


def sniff(head: bytes) -> int:
    if starts_json(head) != "{":
        return 0
    if has_keys(head, "messages") and (has_keys(head, "date_unixtime") or has_keys(head, "from_id")):
        return 80
    if has_keys(head, "chats", "list") and has_keys(head, "messages"):
        return 80
    if has_keys(head, "messages", "type", "date", "from"):
        return 50
    return 0


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "".join(
            v if isinstance(v, str) else text_of(v.get("text")) if isinstance(v, dict) else "" for v in value
        )
    return text_of(value)


def _when(
    message: dict[str, Any], options: Options, source: Source, where: str
) -> tuple[datetime, str | None]:
    try:
        if message.get("date_unixtime") not in (None, ""):
            return from_epoch_s(message["date_unixtime"]), None
        if isinstance(message.get("date"), str):
            local = datetime.fromisoformat(message["date"])
            if local.tzinfo is not None:
                return local, None
            return local.replace(tzinfo=options.zone), options.zone_note
    except (ValueError, OverflowError, OSError, TypeError):
        raise fail(source, where, "import.bad_date") from None
    raise fail(source, where, "import.bad_record", field="date")


def _chat(chat: dict[str, Any], base: str, source: Source, options: Options) -> Iterator[Record]:
    conversation = text_of(chat.get("name")) or None
    for index, message in enumerate(items(chat.get("messages"), source, f"{base}.messages", _NAME)):
        where = f"{base}.messages[{index}]"
        message = obj(message, source, where, _NAME)
        when, note = _when(message, options, source, where)
        text = _text(message.get("text"))
        attachments = []
        for key in ("photo", "file", "thumbnail"):
            if isinstance(message.get(key), str) and key != "thumbnail":
                attachments.append(
                    {"name": message[key].rsplit("/", 1)[-1], "uri": message[key], "type": key}
                )
        if message.get("sticker_emoji"):
            attachments.append({"type": "sticker", "emoji": text_of(message["sticker_emoji"])})
        reactions = tuple(
            {"reaction": text_of(r.get("emoji") or r.get("document_id")), "count": r.get("count")}
            for r in message.get("reactions") or []
            if isinstance(r, dict)
        )
        common = dict(
            locator=where,
            platform=PLATFORM,
            conversation=conversation,
            timestamp=when,
            timezone_assumed=note,
            attachments=tuple(attachments),
            reactions=reactions,
            edited=bool(message.get("edited") or message.get("edited_unixtime")),
        )
        if message.get("type") == "service":
            actor = text_of(message.get("actor")) or "?"
            action = text_of(message.get("action")) or "service"
            kind = "call" if action == "phone_call" else "system"
            detail = f" {text}" if text else ""
            yield Record(text=f"{actor}: {action}{detail}", kind=kind, **common)  # type: ignore[arg-type]
            continue
        sender = message.get("from")
        yield Record(
            text=text,
            sender=text_of(sender) if sender is not None else None,
            sender_id=text_of(message.get("from_id")) or None,
            kind="media" if attachments and not text else "message",
            **common,  # type: ignore[arg-type]
        )


def parse(source: Source, options: Options) -> Iterator[Record]:
    doc = obj(load_json(source), source, "$", _NAME)
    if "messages" in doc:
        yield from _chat(doc, "$", source, options)
        return
    chats = obj(doc.get("chats"), source, "$.chats", _NAME)
    for index, chat in enumerate(items(chats.get("list"), source, "$.chats.list", _NAME)):
        base = f"$.chats.list[{index}]"
        yield from _chat(obj(chat, source, base, _NAME), base, source, options)


IMPORTERS = (
    Importer(
        name="telegram",
        platform=PLATFORM,
        title="Telegram Desktop 'Export chat history' JSON (result.json, one chat or all chats)",
        sniff=sniff,
        parse=parse,
    ),
)
