"""Demo step: the case itself, its people and the user's own facts."""

from __future__ import annotations

from ..model import Case, Handle, Person, PersonRole
from ..store import CaseRepository, PersonRepository
from . import DemoContext


def run(ctx: DemoContext) -> None:
    case = Case(title="Demo — Instagram contact with 'jake.skater09' (made up)", jurisdiction="CA-ON")
    with ctx.store.session() as s:
        CaseRepository(s).add(case)
        people = PersonRepository(s)
        people.add(
            Person(
                case_id=case.id, role=PersonRole.victim, names=["Maya (demo)"], age=9, location="Ottawa, ON"
            )
        )
        people.add(
            Person(
                case_id=case.id, role=PersonRole.reporter, names=["Alex (demo parent)"], location="Ottawa, ON"
            )
        )
        people.add(
            Person(
                case_id=case.id,
                role=PersonRole.suspect,
                names=["unknown"],
                aliases=["Jake"],
                handles=[Handle(platform="instagram", value="jake.skater09")],
            )
        )
    ctx.case_id = case.id
