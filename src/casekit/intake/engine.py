"""The interview engine: from the answers given so far to the next question, a stop, or the end.

It is pure and knows nothing of terminals, web pages or databases: ``walk`` replays the answers in the
interview's order, skipping questions whose condition is false, and returns a ``Step``.  Replaying
(rather than keeping a cursor) means a changed answer re-routes the interview and takes back the facts
of questions that no longer apply, and that resuming after a week is the same as never having left.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ..errors import CasekitError
from ..law.facts import validate_fact
from .answers import parse_answer
from .conditions import holds
from .schema import AnswerType, Interview, Question


class Status(StrEnum):
    asking = "asking"  # a question is waiting for an answer
    stopped = "stopped"  # someone is in danger: show what to do now, ask nothing more
    finished = "finished"


@dataclass(frozen=True)
class FactValue:
    key: str
    value: Any
    provenance: str  # "intake:<question id>" or "intake:derived:<rule id>"
    derived: bool = False


FOLLOW_UP = "followup:"  # answer key prefix for questions asked after the main interview


@dataclass
class Known:
    """What the interview knows at one point: the answers on the path taken, and the facts they wrote."""

    answers: dict[str, Any] = field(default_factory=dict)
    facts: dict[str, FactValue] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)
    followed_up: list[str] = field(default_factory=list)

    def values(self) -> dict[str, Any]:
        return {k: f.value for k, f in self.facts.items()}


@dataclass(frozen=True)
class Step:
    status: Status
    known: Known
    question: Question | None = None
    stop_reasons: tuple[str, ...] = ()

    @property
    def facts(self) -> dict[str, Any]:
        return self.known.values()


def facts_for(question: Question, value: Any) -> dict[str, Any]:
    """The facts one answer writes, normalised by the law vocabulary (empty for "I don't know")."""
    if value is None:
        return {}
    written: dict[str, Any] = {}
    if question.type is AnswerType.multi_choice:
        chosen = [question.choice(v) for v in value]
        if question.fact:
            names = [c.value for c in chosen if c is not None and c.value != "other"]
            if names:
                written[question.fact] = names
        for c in chosen:
            if c is not None:
                written.update(c.facts)
    else:
        if question.fact:
            written[question.fact] = value
        choice = question.choice(value) if isinstance(value, str) else None
        if choice is not None:
            written.update(choice.facts)
    clean = {k: validate_fact(k, v) for k, v in written.items()}
    return {k: v for k, v in clean.items() if v is not None}


def _derive(interview: Interview, known: Known) -> None:
    for key in [k for k, f in known.facts.items() if f.derived]:
        del known.facts[key]
    for rule in interview.derived:
        if holds(rule.when, known.answers, known.values()):
            for key, value in rule.set.items():
                if key not in known.facts:
                    known.facts[key] = FactValue(
                        key, validate_fact(key, value), f"intake:derived:{rule.id}", derived=True
                    )


def active_dangers(interview: Interview, known: Known) -> tuple[str, ...]:
    facts = known.values()
    return tuple(r.id for r in interview.stop_when if holds(r.when, known.answers, facts))


def walk(interview: Interview, answers: Mapping[str, Any], safety_confirmed: Collection[str] = ()) -> Step:
    """Replay ``answers`` (question id → stored value, None for "I don't know") and say what comes next.

    The interview stops when a danger rule holds that the person has not yet said is handled
    (``safety_confirmed``).  Dangers are checked once triage is over and after every later answer, so
    the triage questions (where is the person in danger?) are all asked before the stop.
    """
    known = Known()

    def new_dangers() -> tuple[str, ...]:
        return tuple(r for r in active_dangers(interview, known) if r not in safety_confirmed)

    for question in interview.questions:
        if question.when is not None and not holds(question.when, known.answers, known.values()):
            continue
        if not question.triage and (dangers := new_dangers()):
            return Step(Status.stopped, known, question, dangers)
        if question.id not in answers or not _still_fits(question, answers[question.id]):
            return Step(Status.asking, known, question)
        _apply(interview, known, question, answers[question.id])
        known.asked.append(question.id)
    # Follow-up answers: questions the main path skipped, asked afterwards because the law engine said
    # their facts could change the result.  Applied last, so the main path never depends on them.
    for question in interview.questions:
        key = FOLLOW_UP + question.id
        if key in answers and question.id not in known.asked and _still_fits(question, answers[key]):
            _apply(interview, known, question, answers[key])
            known.followed_up.append(question.id)
    if dangers := new_dangers():
        return Step(Status.stopped, known, None, dangers)
    return Step(Status.finished, known)


def _still_fits(question: Question, value: Any) -> bool:
    """Whether a stored answer still fits its question.  A newer interview may have renamed a choice or
    narrowed a range; such an answer is asked again rather than written as a wrong fact."""
    try:
        parse_answer(question, value)
        facts_for(question, value)
    except CasekitError:
        return False
    return True


def _apply(interview: Interview, known: Known, question: Question, value: Any) -> None:
    known.answers[question.id] = value
    for key, fact_value in facts_for(question, value).items():
        known.facts[key] = FactValue(key, fact_value, f"intake:{question.id}")
    _derive(interview, known)


def follow_ups(interview: Interview, step: Step, wanted: Collection[str]) -> list[Question]:
    """Questions worth asking after the interview: each writes a fact in ``wanted`` (the facts the law
    engine says could change its result), was not asked, and makes sense given the facts so far."""
    if step.status is not Status.finished:
        return []
    done = set(step.known.asked) | set(step.known.followed_up)
    facts = step.known.values()
    return [
        q
        for q in interview.questions
        if not q.triage
        and q.fact in wanted
        and q.fact not in facts
        and q.id not in done
        and (q.when is None or holds(q.when, step.known.answers, facts, routing_open=True))
    ]
