"""The interview against a real store: saved as it goes, resumable, facts in sync, hand edits kept."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import inspect

from casekit.errors import CaseNotFound
from casekit.intake import Intake, Status
from casekit.model import Case, Fact, FactSource
from casekit.store import CaseRepository, FactRepository, Store

TODAY = date(2026, 11, 23)


@pytest.fixture
def case_id(any_store: Store) -> str:
    with any_store.session() as s:
        return CaseRepository(s).add(Case(title="Intake test (synthetic)")).id


def _facts(store: Store, case_id: str) -> dict[str, Fact]:
    with store.session() as s:
        return {f.key: f for f in FactRepository(s).for_case(case_id)}


def test_intake_tables_exist_after_migration(any_store: Store) -> None:
    tables = set(inspect(any_store.engine).get_table_names())
    assert {"intake_progress", "intake_answers"} <= tables


def test_each_answer_is_saved_with_its_fact_as_it_is_given(any_store: Store, case_id: str) -> None:
    intake = Intake(any_store, case_id, lang="en", today=TODAY)
    assert intake.start().question.id == "danger_now"  # type: ignore[union-attr]
    intake.answer("danger_now", "none")
    intake.answer("who_answers", "parent")
    step = intake.answer("victim_age", "9")
    assert step.question is not None and step.question.id == "incident_date"
    facts = _facts(any_store, case_id)
    assert facts["victim_age"].value == 9
    assert facts["victim_age"].source is FactSource.user
    assert facts["victim_age"].provenance == "intake:victim_age"
    assert facts["victim_type"].source is FactSource.derived
    progress = intake.progress()
    assert progress is not None and progress.status == "asking"
    assert progress.current_question == "incident_date" and progress.lang == "en"


def test_leaving_and_coming_back_resumes_at_the_same_question(any_store: Store, case_id: str) -> None:
    first = Intake(any_store, case_id, lang="fr", today=TODAY)
    first.answer("danger_now", ["none"])
    first.answer("who_answers", "self")
    # A new process, days later: nothing but the store is shared.
    later = Intake(any_store, case_id, today=TODAY)
    assert later.lang == "fr"  # the language the interview was started in
    step = later.step()
    assert step.status is Status.asking and step.question is not None and step.question.id == "victim_age"
    assert later.answers() == {"danger_now": ["none"], "who_answers": "self"}


def test_i_dont_know_is_kept_as_an_answer_but_writes_no_fact(any_store: Store, case_id: str) -> None:
    intake = Intake(any_store, case_id, today=TODAY)
    intake.answer("danger_now", "none")
    intake.answer("who_answers", "?")
    step = intake.answer("victim_age", "?")
    assert step.question is not None and step.question.id == "incident_date"  # not asked again
    assert intake.answers()["victim_age"] is None
    assert "victim_age" not in _facts(any_store, case_id)


def test_going_back_forgets_the_last_answer_and_its_fact(any_store: Store, case_id: str) -> None:
    intake = Intake(any_store, case_id, today=TODAY)
    intake.answer("danger_now", "none")
    intake.answer("who_answers", "parent")
    intake.answer("victim_age", 12)
    step = intake.back()
    assert step is not None and step.question is not None and step.question.id == "victim_age"
    assert "victim_age" not in _facts(any_store, case_id)
    intake.back()
    intake.back()
    assert intake.back() is None  # nothing before the first question


def test_a_fact_set_by_hand_wins_over_the_interview(any_store: Store, case_id: str) -> None:
    intake = Intake(any_store, case_id, today=TODAY)
    intake.answer("danger_now", "none")
    intake.answer("who_answers", "parent")
    intake.answer("victim_age", 9)
    with any_store.session() as s:
        FactRepository(s).set(
            Fact(case_id=case_id, key="victim_age", value=8, provenance="casekit facts set")
        )
    intake.answer("incident_date", "2026-11-01")
    assert _facts(any_store, case_id)["victim_age"].value == 8
    intake.restart()
    facts = _facts(any_store, case_id)
    assert facts["victim_age"].value == 8  # hand-set: kept
    assert "incident_date" not in facts and "victim_type" not in facts  # the interview's: cleared
    assert intake.answers() == {} and intake.progress() is None


def test_a_danger_stop_is_recorded_and_confirming_safety_goes_on(any_store: Store, case_id: str) -> None:
    intake = Intake(any_store, case_id, today=TODAY)
    intake.answer("danger_now", "meeting")
    step = intake.answer("danger_where", "here")
    assert step.status is Status.stopped and step.stop_reasons == ("meeting_arranged",)
    progress = intake.progress()
    assert progress is not None and progress.status == "stopped"
    assert _facts(any_store, case_id)["meeting_proposed"].value is True
    # A new run: still stopped until the person says everyone is safe.
    again = Intake(any_store, case_id, today=TODAY)
    assert again.step().status is Status.stopped
    step = again.confirm_safe()
    assert step.status is Status.asking and step.question is not None and step.question.id == "who_answers"
    progress = again.progress()
    assert progress is not None and progress.safety_confirmed == ("meeting_arranged",)
    assert progress.status == "asking"


def test_deleting_the_case_deletes_its_interview(any_store: Store, case_id: str) -> None:
    intake = Intake(any_store, case_id, today=TODAY)
    intake.answer("danger_now", "none")
    with any_store.session() as s:
        CaseRepository(s).delete(case_id)
    with any_store.session() as s, pytest.raises(CaseNotFound):
        CaseRepository(s).get(case_id)
    from casekit.intake.progress import IntakeRepository

    with any_store.session() as s:
        assert IntakeRepository(s).answers(case_id) == {}
        assert IntakeRepository(s).progress(case_id) is None


def test_unknown_case_is_a_plain_error(any_store: Store) -> None:
    with pytest.raises(CaseNotFound):
        Intake(any_store, "nosuchcase00")
