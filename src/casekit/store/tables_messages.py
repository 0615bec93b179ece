"""Tables owned by the messages part of casekit (migration ``0003_messages``).

* ``chat_imports``: one row per chat file read into a case — which exhibit, which importer, how many
  messages, how dates and zones were settled.
* ``messages``: one row per message or event.  What the message *says* (text, sender, recipients,
  attachments, reactions, conversation) is evidence, so it is kept sealed with the case's key
  (``payload``, AES-256-GCM); only what is needed to sort and filter the timeline is clear: the time,
  the platform, the kind, and where in which exhibit it was read (SHA-256 + locator).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime


class ChatImportRow(Base):
    __tablename__ = "chat_imports"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    exhibit_sha256: Mapped[str] = mapped_column(String(64))
    source_name: Mapped[str] = mapped_column(Text)
    importer: Mapped[str] = mapped_column(String(40))
    platform: Mapped[str] = mapped_column(String(40))
    message_count: Mapped[int] = mapped_column(Integer)
    date_order: Mapped[str | None] = mapped_column(String(8), nullable=True)
    timezone: Mapped[str | None] = mapped_column(String(64), nullable=True)
    timezone_assumed: Mapped[str | None] = mapped_column(String(64), nullable=True)
    imported: Mapped[datetime] = mapped_column(UTCDateTime())


class MessageRow(Base):
    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_case_id_timestamp", "case_id", "timestamp"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    import_id: Mapped[str] = mapped_column(ForeignKey("chat_imports.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    exhibit_sha256: Mapped[str] = mapped_column(String(64))
    locator: Mapped[str] = mapped_column(Text)
    platform: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(16))
    timestamp: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    timezone_assumed: Mapped[str | None] = mapped_column(String(64), nullable=True)
    edited: Mapped[bool] = mapped_column(Boolean, default=False)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    payload: Mapped[bytes] = mapped_column(LargeBinary)
