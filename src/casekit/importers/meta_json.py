"""Instagram and Facebook Messenger "Download your information" JSON (``message_1.json`` per thread).

Both products write the same layout — ``participants``, ``messages`` (newest first) with
``sender_name``, ``timestamp_ms``, ``content``, media lists, ``reactions`` — and the same damage: every
string's UTF-8 bytes escaped as latin-1 characters, repaired here (``jsonio.fix_mojibake``).  The two are
told apart only by marks such as links to instagram.com or Messenger's ``"type": "Generic"``; when a
file carries neither, detection refuses to guess and the user chooses with ``--format``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .base import Importer, Options, Record, Source, fail, from_epoch_ms
from .jsonio import fix_mojibake, has_keys, items, load_json, obj, starts_json, text_of

_MEDIA = ("photos", "videos", "audio_files", "files", "gifs")
_MESSENGER_SIGNS = (
    b'"type": "Generic"',
    b'"type":"Generic"',
    b'"sender_id_INTERNAL"',
    b"facebook.com",
    b"your_facebook_activity",
    b"messenger.com",
)
_INSTAGRAM_SIGNS = (b"instagram.com", b"your_instagram_activity", b"cdninstagram")


def _looks_meta(head: bytes) -> bool:
    return starts_json(head) == "{" and has_keys(head, "messages") and has_keys(head, "timestamp_ms")


def _lean(head: bytes) -> int:
    """+1 when the bytes carry only Instagram's marks, -1 only Messenger's, 0 when they cannot tell (then
    both importers claim the file equally and the user is asked to choose with --format)."""
    insta = any(sign in head for sign in _INSTAGRAM_SIGNS)
    meta = any(sign in head for sign in _MESSENGER_SIGNS)
    return int(insta) - int(meta)


def sniff_instagram(head: bytes) -> int:
    return 60 + 10 * _lean(head) if _looks_meta(head) else 0


def sniff_messenger(head: bytes) -> int:
    return 60 - 10 * _lean(head) if _looks_meta(head) else 0


def _attachments(message: dict[str, Any]) -> tuple[dict[str, Any], ...]:
    found: list[dict[str, Any]] = []
    for key in _MEDIA:
        for item in message.get(key) or []:
            if isinstance(item, dict) and item.get("uri"):
                found.append(
                    {"name": str(item["uri"]).rsplit("/", 1)[-1], "uri": str(item["uri"]), "type": key}
                )
    sticker = message.get("sticker")
    if isinstance(sticker, dict) and sticker.get("uri"):
        found.append(
            {"name": str(sticker["uri"]).rsplit("/", 1)[-1], "uri": str(sticker["uri"]), "type": "sticker"}
        )
    share = message.get("share")
    if isinstance(share, dict) and share.get("link"):
        found.append({"link": str(share["link"]), "type": "share"})
    return tuple(found)


def _parse(platform: str, name: str) -> Any:
    def parse(source: Source, options: Options) -> Iterator[Record]:
        doc = fix_mojibake(obj(load_json(source), source, "$", name))
        people = [
            text_of(p.get("name"))
            for p in doc.get("participants") or []
            if isinstance(p, dict) and p.get("name")
        ]
        conversation = text_of(doc.get("title")) or ", ".join(people) or None
        for index, message in enumerate(items(doc.get("messages"), source, "$.messages", name)):
            where = f"$.messages[{index}]"
            message = obj(message, source, where, name)
            sender = message.get("sender_name")
            stamp = message.get("timestamp_ms")
            if not isinstance(sender, str):
                raise fail(source, where, "import.bad_record", field="sender_name")
            if isinstance(stamp, bool) or not isinstance(stamp, int | float):
                raise fail(source, where, "import.bad_record", field="timestamp_ms")
            try:
                when = from_epoch_ms(stamp)
            except (OverflowError, OSError, ValueError):
                raise fail(source, where, "import.bad_date") from None
            kind = {"Call": "call", "Subscribe": "system", "Unsubscribe": "system"}.get(
                text_of(message.get("type")), "message"
            )
            attachments = _attachments(message)
            if attachments and kind == "message" and not message.get("content"):
                kind = "media"
            reactions = tuple(
                {"reaction": text_of(r.get("reaction")), "actor": text_of(r.get("actor"))}
                for r in message.get("reactions") or []
                if isinstance(r, dict)
            )
            text = text_of(message.get("content"))
            if kind == "system":
                text, sender = f"{sender}: {text}", None
            yield Record(
                locator=where,
                platform=platform,
                text=text,
                sender=sender,
                conversation=conversation,
                recipients=tuple(p for p in people if p != sender),
                timestamp=when,
                kind=kind,
                attachments=attachments,
                deleted=bool(message.get("is_unsent")),
                reactions=reactions,
            )

    return parse


IMPORTERS = (
    Importer(
        name="instagram_json",
        platform="instagram",
        title="Instagram 'Download your information' messages, JSON (message_1.json)",
        sniff=sniff_instagram,
        parse=_parse("instagram", "Instagram"),
    ),
    Importer(
        name="messenger_json",
        platform="messenger",
        title="Facebook Messenger 'Download your information' messages, JSON (message_1.json)",
        sniff=sniff_messenger,
        parse=_parse("messenger", "Messenger"),
    ),
)
