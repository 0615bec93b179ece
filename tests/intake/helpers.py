"""Driving the interview with scripted answers, as a person would: one question at a time."""

from __future__ import annotations

from datetime import date
from typing import Any

from casekit.intake import Status, Step, load_interview, parse_answer, walk

TODAY = date(2026, 11, 23)


def drive(script: dict[str, Any], confirmed: tuple[str, ...] = ()) -> tuple[Step, list[str]]:
    """Answer each question the engine asks from ``script`` ("?" where the script is silent) until the
    interview stops or ends.  Returns the last step and the questions asked, in order."""
    interview = load_interview()
    answers: dict[str, Any] = {}
    asked: list[str] = []
    for _ in range(len(interview.questions) + 1):
        step = walk(interview, answers, confirmed)
        if step.status is not Status.asking:
            return step, asked
        question = step.question
        assert question is not None
        asked.append(question.id)
        answers[question.id] = parse_answer(question, script.get(question.id, "?"), TODAY)
    raise AssertionError("the interview did not end")
