"""Repository for chat imports and messages.  Speaks ``Message`` models; what a message says is sealed
and opened by a ``cipher`` handed in (the case's key from the vault in casekit, anything with
``seal(bytes, aad) -> bytes`` / ``open(bytes, aad) -> bytes`` in tests), so this module never sees a
key source."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from ..model import Message, utcnow
from .tables_messages import ChatImportRow, MessageRow

_SEALED = ("text", "sender", "sender_id", "recipients", "conversation", "attachments", "reactions")
_BATCH = 2000
_INSERT = insert(MessageRow.__table__)  # a Core insert: executemany, without the ORM's per-row work


class Cipher(Protocol):
    def seal(self, plaintext: bytes, aad: bytes) -> bytes: ...

    def open(self, sealed: bytes, aad: bytes) -> bytes: ...


@dataclass(frozen=True)
class ChatImport:
    id: str
    case_id: str
    exhibit_sha256: str
    source_name: str
    importer: str
    platform: str
    message_count: int
    date_order: str | None
    timezone: str | None
    timezone_assumed: str | None
    imported: datetime


def _aad(case_id: str, message_id: str) -> bytes:
    return f"casekit message {case_id} {message_id}".encode()


class MessageRepository:
    def __init__(self, session: Session, cipher: Cipher) -> None:
        self.session = session
        self.cipher = cipher

    def add_import(self, chat_import: ChatImport, messages: Iterable[Message]) -> int:
        """Store one import and its messages (batched inserts in the caller's transaction)."""
        values = chat_import.__dict__.copy()
        self.session.add(ChatImportRow(**values))
        self.session.flush()
        count, batch = 0, []
        for seq, message in enumerate(messages):
            batch.append(self._row(message, chat_import.id, seq))
            if len(batch) >= _BATCH:
                self.session.execute(_INSERT, batch)
                count, batch = count + len(batch), []
        if batch:
            self.session.execute(_INSERT, batch)
            count += len(batch)
        row = self.session.get(ChatImportRow, chat_import.id)
        if row is not None:
            row.message_count = count
        self.session.flush()
        return count

    def _row(self, message: Message, import_id: str, seq: int) -> dict:
        sealed = {key: getattr(message, key) for key in _SEALED}
        payload = json.dumps(sealed, ensure_ascii=False, default=str).encode()
        return {
            "id": message.id,
            "case_id": message.case_id,
            "import_id": import_id,
            "seq": seq,
            "exhibit_sha256": message.exhibit_sha256,
            "locator": message.locator,
            "platform": message.platform,
            "kind": message.kind,
            "timestamp": message.timestamp,
            "timezone_assumed": message.timezone_assumed,
            "edited": message.edited,
            "deleted": message.deleted,
            "payload": self.cipher.seal(payload, _aad(message.case_id, message.id)),
        }

    def imports(self, case_id: str) -> list[ChatImport]:
        rows = self.session.scalars(
            select(ChatImportRow).where(ChatImportRow.case_id == case_id).order_by(ChatImportRow.imported)
        )
        return [
            ChatImport(**{c.name: getattr(r, c.name) for c in ChatImportRow.__table__.columns}) for r in rows
        ]

    def count(self, case_id: str) -> int:
        query = select(func.count()).select_from(MessageRow).where(MessageRow.case_id == case_id)
        return self.session.scalar(query) or 0

    def for_case(
        self,
        case_id: str,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        platforms: Iterable[str] | None = None,
        keep: Callable[[dict], bool] | None = None,
    ) -> Iterator[Message]:
        """The case's messages in time order (undated ones last, then by import and place in file).
        ``keep`` sees each message's opened content (text, sender…) first, so filtering by what a message
        says costs no model building for the messages it drops."""
        t = MessageRow.__table__.c
        query = select(
            t.id, t.case_id, t.exhibit_sha256, t.locator, t.platform, t.kind, t.timestamp, t.timezone_assumed,
            t.edited, t.deleted, t.payload,
        ).where(t.case_id == case_id)  # fmt: skip
        if start is not None:
            query = query.where(t.timestamp >= start)
        if end is not None:
            query = query.where(t.timestamp < end)
        if platforms:
            query = query.where(t.platform.in_(list(platforms)))
        query = query.order_by(t.timestamp.is_(None), t.timestamp, t.import_id, t.seq)
        # Plain rows, not ORM objects: a case can hold hundreds of thousands of messages.
        for row in self.session.execute(query):
            sealed = json.loads(self.cipher.open(row.payload, _aad(row.case_id, row.id)))
            if keep is not None and not keep(sealed):
                continue
            yield Message(
                id=row.id,
                case_id=row.case_id,
                exhibit_sha256=row.exhibit_sha256,
                locator=row.locator,
                platform=row.platform,
                kind=row.kind,
                timestamp=row.timestamp,
                timezone_assumed=row.timezone_assumed,
                edited=row.edited,
                deleted=row.deleted,
                **sealed,
            )


def new_import(
    case_id: str, exhibit_sha256: str, source_name: str, importer: str, platform: str, **extra
) -> ChatImport:
    from ..model import new_id

    return ChatImport(
        id=new_id(),
        case_id=case_id,
        exhibit_sha256=exhibit_sha256,
        source_name=source_name,
        importer=importer,
        platform=platform,
        message_count=0,
        date_order=extra.get("date_order"),
        timezone=extra.get("timezone"),
        timezone_assumed=extra.get("timezone_assumed"),
        imported=utcnow(),
    )
