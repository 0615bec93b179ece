"""Tables owned by the evidence part of casekit (migration ``0002_evidence``).

* ``exhibits``: one row per piece of evidence in a case (the encrypted bytes live in the vault folder,
  in a pack file at the offset the row gives, migration ``0005_packs``; sensitive items have no bytes).
* ``custody_log``: the append-only, hash-chained chain of custody, one row per event.
* ``vault_case_keys``: each case's data key, wrapped by the passphrase (Argon2id + AES-GCM).
* ``vault_signing_keys``: the installation's Ed25519 key; private half sealed, public half clear.

Keys live in the database rather than in files so a PostgreSQL set-up serves an organisation as well as
SQLite serves one family.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, JSONType, UTCDateTime


class ExhibitRow(Base):
    __tablename__ = "exhibits"
    __table_args__ = (
        UniqueConstraint("case_id", "sha256", name="uq_exhibits_case_id_sha256"),
        UniqueConstraint("case_id", "number", name="uq_exhibits_case_id_number"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    original_name: Mapped[str] = mapped_column(Text)
    original_path: Mapped[str | None] = mapped_column(Text, nullable=True)
    media_type: Mapped[str | None] = mapped_column(String(128), nullable=True)
    md5: Mapped[str | None] = mapped_column(String(32), nullable=True)
    pdq: Mapped[str | None] = mapped_column(String(64), nullable=True)
    pdq_quality: Mapped[int | None] = mapped_column(Integer, nullable=True)
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    stored: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", JSONType)
    acquired: Mapped[datetime] = mapped_column(UTCDateTime())
    # Where the encrypted blob is (vault/packs.py); NULL for hash-only items and for blobs kept one
    # file each by casekit before packs.
    pack: Mapped[str | None] = mapped_column(String(64), nullable=True)
    pack_offset: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    pack_length: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class CustodyRow(Base):
    __tablename__ = "custody_log"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    time: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(32))
    exhibit_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str | None] = mapped_column(String(128), nullable=True)


class CaseKeyRow(Base):
    __tablename__ = "vault_case_keys"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    kdf: Mapped[dict[str, Any]] = mapped_column(JSONType)
    created: Mapped[datetime] = mapped_column(UTCDateTime())


class SigningKeyRow(Base):
    __tablename__ = "vault_signing_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    public_pem: Mapped[str] = mapped_column(Text)
    wrapped_private: Mapped[bytes] = mapped_column(LargeBinary)
    kdf: Mapped[dict[str, Any]] = mapped_column(JSONType)
    created: Mapped[datetime] = mapped_column(UTCDateTime())
