"""The repositories behave the same on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from casekit.errors import CaseNotFound
from casekit.model import Case, Contact, Fact, FactSource, Handle, Person, PersonRole, TimelineEvent
from casekit.store import (
    CaseRepository,
    ContactRepository,
    FactRepository,
    PersonRepository,
    Store,
    TimelineRepository,
)


def _new_case(store: Store, title: str = "Instagram contact", jurisdiction: str = "CA-QC") -> Case:
    case = Case(title=title, jurisdiction=jurisdiction)
    with store.session() as s:
        CaseRepository(s).add(case)
    return case


def test_case_round_trip(any_store: Store) -> None:
    case = _new_case(any_store)
    with any_store.session() as s:
        got = CaseRepository(s).get(case.id)
    assert got == case
    assert got.created.tzinfo is not None


def test_cases_listed_oldest_first(any_store: Store) -> None:
    first = _new_case(any_store, "first")
    second = _new_case(any_store, "second")
    with any_store.session() as s:
        ids = [c.id for c in CaseRepository(s).list()]
    assert ids == [first.id, second.id]


def test_update_changes_value_and_time(any_store: Store) -> None:
    case = _new_case(any_store)
    with any_store.session() as s:
        updated = CaseRepository(s).update(case.id, status="reported")
    assert updated.status == "reported"
    assert updated.updated >= case.updated


def test_unknown_case_raises(any_store: Store) -> None:
    with any_store.session() as s, pytest.raises(CaseNotFound, match="no case with id 'missing'"):
        CaseRepository(s).get("missing")


def test_person_with_handles(any_store: Store) -> None:
    case = _new_case(any_store)
    suspect = Person(
        case_id=case.id,
        role=PersonRole.suspect,
        aliases=["Jake"],
        handles=[Handle(platform="instagram", value="jake.skater09")],
    )
    with any_store.session() as s:
        PersonRepository(s).add(suspect)
    with any_store.session() as s:
        (got,) = PersonRepository(s).for_case(case.id)
    assert got == suspect


def test_fact_set_replaces_and_unset_forgets(any_store: Store) -> None:
    case = _new_case(any_store)
    with any_store.session() as s:
        facts = FactRepository(s)
        facts.set(Fact(case_id=case.id, key="victim_age", value=9))
        facts.set(Fact(case_id=case.id, key="platform", value=["instagram", "snapchat"]))
        facts.set(Fact(case_id=case.id, key="victim_age", value=10, provenance="intake:victim_age"))
    with any_store.session() as s:
        assert FactRepository(s).as_dict(case.id) == {"platform": ["instagram", "snapchat"], "victim_age": 10}
        assert FactRepository(s).unset(case.id, "platform") is True
        assert FactRepository(s).unset(case.id, "platform") is False
    with any_store.session() as s:
        (fact,) = FactRepository(s).for_case(case.id)
    assert (fact.key, fact.value, fact.source, fact.provenance) == (
        "victim_age",
        10,
        FactSource.user,
        "intake:victim_age",
    )


def test_contacts_in_time_order(any_store: Store) -> None:
    case = _new_case(any_store)
    now = datetime(2026, 11, 2, 14, 30, tzinfo=UTC)
    later = Contact(
        case_id=case.id, when=now + timedelta(days=1), agency="Ottawa Police Service", rank="Sergeant"
    )
    first = Contact(
        case_id=case.id,
        when=now,
        agency="Ottawa Police Service",
        officer_name="Cst. Example",
        badge_number="1234",
        file_number="OPS-26-000123",
        summary="Report taken at the front desk.",
        follow_up_due=date(2026, 11, 9),
    )
    with any_store.session() as s:
        ContactRepository(s).add(later)
        ContactRepository(s).add(first)
    with any_store.session() as s:
        assert ContactRepository(s).for_case(case.id) == [first, later]


def test_timeline_events(any_store: Store) -> None:
    case = _new_case(any_store)
    event = TimelineEvent(case_id=case.id, when=datetime(2026, 10, 1, tzinfo=UTC), title="First message")
    with any_store.session() as s:
        TimelineRepository(s).add(event)
    with any_store.session() as s:
        assert TimelineRepository(s).for_case(case.id) == [event]


def test_delete_removes_case_and_everything_in_it(any_store: Store) -> None:
    keep = _new_case(any_store, "keep")
    gone = _new_case(any_store, "gone")
    for case in (keep, gone):
        with any_store.session() as s:
            FactRepository(s).set(Fact(case_id=case.id, key="victim_age", value=12))
            PersonRepository(s).add(Person(case_id=case.id, role=PersonRole.victim))
            ContactRepository(s).add(Contact(case_id=case.id, agency="RCMP"))
    with any_store.session() as s:
        CaseRepository(s).delete(gone.id)
    with any_store.session() as s:
        assert [c.id for c in CaseRepository(s).list()] == [keep.id]
        assert FactRepository(s).for_case(gone.id) == []
        assert PersonRepository(s).for_case(gone.id) == []
        assert FactRepository(s).as_dict(keep.id) == {"victim_age": 12}
        assert len(ContactRepository(s).for_case(keep.id)) == 1


def test_failed_unit_of_work_is_rolled_back(any_store: Store) -> None:
    case = _new_case(any_store)
    with pytest.raises(RuntimeError), any_store.session() as s:
        FactRepository(s).set(Fact(case_id=case.id, key="victim_age", value=9))
        raise RuntimeError("crash in the middle")
    with any_store.session() as s:
        assert FactRepository(s).as_dict(case.id) == {}
