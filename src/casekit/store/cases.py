"""Repositories for cases and what hangs off them.  They take a Session and speak domain models, so no
other part of casekit sees an ORM row."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..errors import CaseNotFound
from ..model import Case, Contact, Fact, Person, TimelineEvent, utcnow
from .all_tables import metadata
from .tables import CaseRow, ContactRow, FactRow, PersonRow, TimelineEventRow


def _case(row: CaseRow) -> Case:
    return Case(
        id=row.id,
        title=row.title,
        jurisdiction=row.jurisdiction,
        status=row.status,
        created=row.created,
        updated=row.updated,
    )


class CaseRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, case: Case) -> Case:
        self.session.add(CaseRow(**case.model_dump(mode="python")))
        self.session.flush()
        return case

    def get(self, case_id: str) -> Case:
        row = self.session.get(CaseRow, case_id)
        if row is None:
            raise CaseNotFound(case_id)
        return _case(row)

    def list(self) -> list[Case]:
        rows = self.session.scalars(select(CaseRow).order_by(CaseRow.created, CaseRow.id))
        return [_case(r) for r in rows]

    def update(self, case_id: str, **changes: Any) -> Case:
        row = self.session.get(CaseRow, case_id)
        if row is None:
            raise CaseNotFound(case_id)
        merged = Case.model_validate({**_case(row).model_dump(), **changes})  # validates the changes
        for key in changes:
            setattr(row, key, getattr(merged, key))
        row.updated = utcnow()
        self.session.flush()
        return _case(row)

    def touch(self, case_id: str) -> None:
        row = self.session.get(CaseRow, case_id)
        if row is None:
            raise CaseNotFound(case_id)
        row.updated = utcnow()

    def delete(self, case_id: str) -> None:
        row = self.session.get(CaseRow, case_id)
        if row is None:
            raise CaseNotFound(case_id)
        # Every table with a case_id column, children first: other parts' tables need not declare
        # ON DELETE CASCADE, and deleting explicitly keeps SQLite and PostgreSQL identical.
        for table in reversed(metadata.sorted_tables):
            if "case_id" in table.c and table.name != CaseRow.__tablename__:
                self.session.execute(delete(table).where(table.c.case_id == case_id))
        self.session.delete(row)
        self.session.flush()

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(CaseRow)) or 0


class PersonRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, person: Person) -> Person:
        data = person.model_dump(mode="json", exclude={"id", "case_id", "role"})
        self.session.add(PersonRow(id=person.id, case_id=person.case_id, role=person.role.value, data=data))
        self.session.flush()
        return person

    def for_case(self, case_id: str) -> list[Person]:
        rows = self.session.scalars(
            select(PersonRow).where(PersonRow.case_id == case_id).order_by(PersonRow.id)
        )
        return [Person(id=r.id, case_id=r.case_id, role=r.role, **r.data) for r in rows]


class FactRepository:
    """Facts are keyed by (case, key): setting a key again replaces its value."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def set(self, fact: Fact) -> Fact:
        row = self.session.get(FactRow, (fact.case_id, fact.key))
        values = fact.model_dump(mode="python")
        values["value"] = fact.model_dump(mode="json")["value"]
        if row is None:
            self.session.add(FactRow(**values))
        else:
            for key, value in values.items():
                setattr(row, key, value)
        self.session.flush()
        return fact

    def unset(self, case_id: str, key: str) -> bool:
        result = self.session.execute(delete(FactRow).where(FactRow.case_id == case_id, FactRow.key == key))
        return bool(result.rowcount)

    def for_case(self, case_id: str) -> list[Fact]:
        rows = self.session.scalars(select(FactRow).where(FactRow.case_id == case_id).order_by(FactRow.key))
        return [
            Fact(
                case_id=r.case_id,
                key=r.key,
                value=r.value,
                source=r.source,
                provenance=r.provenance,
                recorded=r.recorded,
            )
            for r in rows
        ]

    def as_dict(self, case_id: str) -> dict[str, Any]:
        return {f.key: f.value for f in self.for_case(case_id)}


class ContactRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, contact: Contact) -> Contact:
        self.session.add(ContactRow(**contact.model_dump(mode="python")))
        self.session.flush()
        return contact

    def for_case(self, case_id: str) -> list[Contact]:
        rows = self.session.scalars(
            select(ContactRow).where(ContactRow.case_id == case_id).order_by(ContactRow.when, ContactRow.id)
        )
        return [
            Contact.model_validate({c.name: getattr(r, c.name) for c in ContactRow.__table__.columns})
            for r in rows
        ]


class TimelineRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, event: TimelineEvent) -> TimelineEvent:
        self.session.add(TimelineEventRow(**event.model_dump(mode="python")))
        self.session.flush()
        return event

    def for_case(self, case_id: str) -> list[TimelineEvent]:
        rows = self.session.scalars(
            select(TimelineEventRow)
            .where(TimelineEventRow.case_id == case_id)
            .order_by(TimelineEventRow.when, TimelineEventRow.seq)
        )
        return [
            TimelineEvent(
                id=r.id,
                case_id=r.case_id,
                when=r.when,
                title=r.title,
                detail=r.detail,
                source=r.source,
                reference=r.reference,
            )
            for r in rows
        ]
