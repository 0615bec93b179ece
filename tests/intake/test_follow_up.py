"""After the interview: ask the skipped questions whose facts the law engine says could change its result."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from casekit.intake import Intake, Status, load_interview, read_answer_file, walk
from casekit.intake.engine import FOLLOW_UP, follow_ups
from casekit.intake.progress import IntakeRepository
from casekit.model import Case
from casekit.settings import Settings
from casekit.store import CaseRepository, FactRepository, Store

from .helpers import drive

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "intake"


def _luring() -> dict:
    return read_answer_file(EXAMPLES / "luring-child-under-10.yaml").answers


def test_only_unasked_questions_for_wanted_facts_that_make_sense_now() -> None:
    step, asked = drive(_luring())
    wanted = ["threat_of_death_or_bodily_harm", "threat_timing", "insults", "victim_age", "danger_now"]
    ids = [q.id for q in follow_ups(load_interview(), step, wanted)]
    # threat_timing needs a threat first; victim_age was asked; triage is never a follow-up.
    assert ids == ["threat_of_death_or_bodily_harm", "insults"]
    assert not set(ids) & set(asked)


def test_follow_up_answers_write_facts_and_can_open_the_next_one() -> None:
    interview = load_interview()
    step, _ = drive(_luring())
    answers = {q: v for q, v in step.known.answers.items()}
    answers[FOLLOW_UP + "threat_of_death_or_bodily_harm"] = True
    step = walk(interview, answers)
    assert step.status is Status.finished
    assert step.facts["threat_of_death_or_bodily_harm"] is True
    assert (
        step.known.facts["threat_of_death_or_bodily_harm"].provenance
        == "intake:threat_of_death_or_bodily_harm"
    )
    assert [q.id for q in follow_ups(interview, step, ["threat_timing"])] == ["threat_timing"]


def test_a_follow_up_can_still_stop_for_danger() -> None:
    interview = load_interview()
    step, _ = drive(_luring())
    answers = dict(step.known.answers)
    answers[FOLLOW_UP + "threat_of_death_or_bodily_harm"] = True
    answers[FOLLOW_UP + "threat_timing"] = "imminent"
    step = walk(interview, answers)
    assert step.status is Status.stopped and step.stop_reasons == ("threat_imminent",)


def test_no_follow_ups_before_the_interview_is_finished() -> None:
    step = walk(load_interview(), {"danger_now": ["none"]})
    assert follow_ups(load_interview(), step, ["victim_age"]) == []


def test_service_records_follow_ups_apart_from_the_main_answers(store: Store) -> None:
    with store.session() as s:
        case_id = CaseRepository(s).add(Case(title="follow-up (synthetic)")).id
    intake = Intake(store, case_id, today=date(2026, 11, 23))
    intake.answer_many({k: intake.parse(k, v) for k, v in _luring().items()})
    assert [q.id for q in intake.follow_ups(["insults"])] == ["insults"]
    step = intake.answer_follow_up("insults", "no")
    assert step.status is Status.finished and intake.follow_ups(["insults"]) == []
    assert intake.answers()[FOLLOW_UP + "insults"] is False
    with store.session() as s:
        facts = {f.key: f for f in FactRepository(s).for_case(case_id)}
    assert facts["insults"].value is False and facts["insults"].provenance == "intake:insults"


def _typed(value: object) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, list):
        return ",".join(map(str, value))
    return str(value)


def test_terminal_offers_the_follow_ups_and_records_them(cli) -> None:
    case_id = json.loads(cli("case", "new", "follow-up (synthetic)", "--json").stdout)["id"]
    answers = _luring()
    _, path = drive(answers)
    lines = [_typed(answers[q]) for q in path] + ["yes", "no", "q"]
    result = cli("intake", "--case", case_id, input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    assert "A few more answers" in result.stdout and "A few more questions" in result.stdout
    assert "While you wait" in result.stdout and "What the law may say" in result.stdout
    store = Store(Settings.from_env())
    with store.session() as s:
        recorded = IntakeRepository(s).answers(case_id)
        facts = FactRepository(s).as_dict(case_id)
    store.close()
    follow = {k.removeprefix(FOLLOW_UP): v for k, v in recorded.items() if k.startswith(FOLLOW_UP)}
    assert list(follow.values()) == [False]  # the first follow-up, answered "no"; then "q"
    question = load_interview().question(next(iter(follow)))
    assert question is not None and question.fact is not None and facts[question.fact] is False


def test_terminal_follow_ups_can_be_declined(cli) -> None:
    case_id = json.loads(cli("case", "new", "follow-up (synthetic)", "--json").stdout)["id"]
    answers = _luring()
    _, path = drive(answers)
    lines = [_typed(answers[q]) for q in path] + ["no"]
    result = cli("intake", "--case", case_id, input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    assert "A few more questions" not in result.stdout and "What the law may say" in result.stdout
