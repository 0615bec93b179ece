"""Repositories of the evidence part: exhibits, the custody log and the vault's wrapped keys.

They take a Session and speak domain models (``Exhibit``, ``CustodyEntry``); only the vault calls them.
"""

from __future__ import annotations

from typing import Any

from pydantic_core import to_jsonable_python
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from ..model import Exhibit, utcnow
from ..vault.custody import CustodyEntry
from ..vault.packs import Span
from .tables_evidence import CaseKeyRow, CustodyRow, ExhibitRow, SigningKeyRow

_LOCATION = ("pack", "pack_offset", "pack_length")  # the vault's business, not the domain model's
_EXHIBIT_COLUMNS = [c.key for c in ExhibitRow.__mapper__.column_attrs if c.key not in ("meta", *_LOCATION)]


def _exhibit(row: ExhibitRow) -> Exhibit:
    values: dict[str, Any] = {key: getattr(row, key) for key in _EXHIBIT_COLUMNS}
    return Exhibit(metadata=dict(row.meta or {}), **values)


class ExhibitRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def next_number(self, case_id: str) -> int:
        top = self.session.scalar(select(func.max(ExhibitRow.number)).where(ExhibitRow.case_id == case_id))
        return (top or 0) + 1

    def add(self, exhibit: Exhibit) -> Exhibit:
        values = exhibit.model_dump(mode="python", exclude={"metadata"})
        self.session.add(ExhibitRow(meta=exhibit.model_dump(mode="json")["metadata"], **values))
        self.session.flush()
        return exhibit

    def add_many(self, exhibits: list[Exhibit], spans: dict[str, Span] | None = None) -> None:
        """Insert a batch in one executemany (ingest records hundreds of files per transaction);
        ``spans`` says where each stored exhibit's blob is, by SHA-256."""
        if not exhibits:
            return
        spans = spans or {}
        rows = []
        for e in exhibits:
            row = dict(e.__dict__)  # the fields, as model_dump gives them, at a tenth of the cost
            row["metadata"] = to_jsonable_python(e.metadata)
            span = spans.get(e.sha256)
            row["pack"], row["pack_offset"], row["pack_length"] = (
                (span.pack, span.offset, span.length) if span else (None, None, None)
            )
            rows.append(row)
        self.session.execute(insert(ExhibitRow.__table__), rows)

    def span(self, case_id: str, sha256: str) -> Span | None:
        """Where the exhibit's blob is in a pack; None for a blob kept in a file of its own."""
        row = self.session.execute(
            select(ExhibitRow.pack, ExhibitRow.pack_offset, ExhibitRow.pack_length).where(
                ExhibitRow.case_id == case_id, ExhibitRow.sha256 == sha256
            )
        ).first()
        return Span(row[0], row[1], row[2]) if row is not None and row[0] is not None else None

    def spans(self, case_id: str) -> dict[str, Span]:
        """Every packed blob of the case, by SHA-256 (``verify`` reads them all)."""
        rows = self.session.execute(
            select(ExhibitRow.sha256, ExhibitRow.pack, ExhibitRow.pack_offset, ExhibitRow.pack_length).where(
                ExhibitRow.case_id == case_id, ExhibitRow.pack.is_not(None)
            )
        )
        return {sha: Span(pack, offset, length) for sha, pack, offset, length in rows}

    def packs(self, case_id: str) -> set[str]:
        """The names of the packs that rows of the case point into."""
        rows = self.session.scalars(
            select(ExhibitRow.pack)
            .where(ExhibitRow.case_id == case_id, ExhibitRow.pack.is_not(None))
            .distinct()
        )
        return set(rows)

    def identities(self, case_id: str) -> list[tuple[str, int, str | None]]:
        """(sha256, size, original path) of every exhibit of the case: what ingest needs to skip bytes
        it already keeps without reading a row's every column."""
        rows = self.session.execute(
            select(ExhibitRow.sha256, ExhibitRow.size, ExhibitRow.original_path).where(
                ExhibitRow.case_id == case_id
            )
        )
        return [(sha, size, path) for sha, size, path in rows]

    def by_sha256(self, case_id: str, sha256: str) -> Exhibit | None:
        row = self.session.scalar(
            select(ExhibitRow).where(ExhibitRow.case_id == case_id, ExhibitRow.sha256 == sha256)
        )
        return _exhibit(row) if row is not None else None

    def by_number(self, case_id: str, number: int) -> Exhibit | None:
        row = self.session.scalar(
            select(ExhibitRow).where(ExhibitRow.case_id == case_id, ExhibitRow.number == number)
        )
        return _exhibit(row) if row is not None else None

    def for_case(self, case_id: str) -> list[Exhibit]:
        rows = self.session.scalars(
            select(ExhibitRow).where(ExhibitRow.case_id == case_id).order_by(ExhibitRow.number)
        )
        return [_exhibit(r) for r in rows]

    def by_sha256s(self, case_id: str, sha256s: list[str]) -> dict[str, Exhibit]:
        """The exhibits among ``sha256s`` already in the case (one query per call, for batches)."""
        found: dict[str, Exhibit] = {}
        for start in range(0, len(sha256s), 500):  # keep each IN (…) list well under driver limits
            rows = self.session.scalars(
                select(ExhibitRow).where(
                    ExhibitRow.case_id == case_id, ExhibitRow.sha256.in_(sha256s[start : start + 500])
                )
            )
            found.update((r.sha256, _exhibit(r)) for r in rows)
        return found


class CustodyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def head(self, case_id: str) -> CustodyEntry | None:
        row = self.session.scalar(
            select(CustodyRow).where(CustodyRow.case_id == case_id).order_by(CustodyRow.seq.desc()).limit(1)
        )
        return _entry(row) if row is not None else None

    def append(self, entry: CustodyEntry) -> CustodyEntry:
        self.session.add(CustodyRow(**entry.model_dump(mode="python")))
        self.session.flush()
        return entry

    def append_many(self, entries: list[CustodyEntry]) -> None:
        if entries:
            self.session.execute(insert(CustodyRow.__table__), [dict(e.__dict__) for e in entries])

    def for_case(self, case_id: str) -> list[CustodyEntry]:
        rows = self.session.scalars(
            select(CustodyRow).where(CustodyRow.case_id == case_id).order_by(CustodyRow.seq)
        )
        return [_entry(r) for r in rows]


def _entry(row: CustodyRow) -> CustodyEntry:
    return CustodyEntry(
        case_id=row.case_id,
        seq=row.seq,
        time=row.time,
        actor=row.actor,
        action=row.action,
        exhibit_sha256=row.exhibit_sha256,
        detail=row.detail,
        prev_hash=row.prev_hash,
        entry_hash=row.entry_hash,
        signature=row.signature,
    )


class KeyRepository:
    """Wrapped case keys and the signing key.  Nothing here is ever in clear except the public key."""

    SIGNING_ID = 1

    def __init__(self, session: Session) -> None:
        self.session = session

    def case_key(self, case_id: str) -> tuple[bytes, dict[str, Any]] | None:
        row = self.session.get(CaseKeyRow, case_id)
        return (row.wrapped, dict(row.kdf)) if row is not None else None

    def set_case_key(self, case_id: str, wrapped: bytes, kdf: dict[str, Any]) -> None:
        self.session.add(CaseKeyRow(case_id=case_id, wrapped=wrapped, kdf=kdf, created=utcnow()))
        self.session.flush()

    def signing_key(self) -> tuple[str, bytes, dict[str, Any]] | None:
        row = self.session.get(SigningKeyRow, self.SIGNING_ID)
        return (row.public_pem, row.wrapped_private, dict(row.kdf)) if row is not None else None

    def set_signing_key(self, public_pem: str, wrapped: bytes, kdf: dict[str, Any]) -> None:
        self.session.add(
            SigningKeyRow(
                id=self.SIGNING_ID, public_pem=public_pem, wrapped_private=wrapped, kdf=kdf, created=utcnow()
            )
        )
        self.session.flush()
