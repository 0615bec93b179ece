"""Whatever a person answers, the interview behaves: it always asks, stops or ends; it ends within the
number of questions; every fact it writes is valid in the law vocabulary; replaying gives the same."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casekit.intake import Status, load_interview, outcome, parse_answer, walk
from casekit.intake.schema import AnswerType, Question
from casekit.law.facts import validate_fact

from .helpers import TODAY


def _answer(question: Question, data: st.DataObject) -> Any:
    if data.draw(st.integers(0, 5), label=f"{question.id} unknown?") == 0:
        return None
    kind = question.type
    values = [c.value for c in question.choices]
    if kind is AnswerType.yes_no:
        return data.draw(st.booleans())
    if kind is AnswerType.choice:
        return data.draw(st.sampled_from(values))
    if kind is AnswerType.multi_choice:
        chosen = data.draw(st.lists(st.sampled_from(values), min_size=1, unique=True))
        alone = [v for v in chosen if v in question.exclusive]
        return [alone[0]] if alone else chosen
    if kind is AnswerType.date:
        return data.draw(st.dates(max_value=TODAY)).isoformat()
    if kind is AnswerType.number:
        return data.draw(st.integers(0, 100_000))
    low, high = int(question.min or 0), int(question.max or 130)
    if kind is AnswerType.age and data.draw(st.booleans()):
        return data.draw(st.sampled_from(values))
    return data.draw(st.integers(low, high))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_answers_give_a_sound_interview(data: st.DataObject) -> None:
    interview = load_interview()
    answers: dict[str, Any] = {}
    step = walk(interview, answers)
    for _ in range(len(interview.questions) + 1):
        if step.status is not Status.asking:
            break
        question = step.question
        assert question is not None and question.id not in answers
        answers[question.id] = parse_answer(question, _answer(question, data), TODAY)
        step = walk(interview, answers)
    assert step.status in (Status.finished, Status.stopped)
    for key, value in step.facts.items():
        assert validate_fact(key, value) == value
    assert walk(interview, answers).facts == step.facts  # replaying is deterministic
    for lang in ("en", "fr"):
        result = outcome(step, "c1", lang)
        if step.status is Status.stopped:
            assert result.emergency and result.emergency[-1].id == "come_back_later"
        else:
            assert result.while_you_wait and result.next_hour
        for advice in result.emergency + result.while_you_wait + result.next_hour:
            assert "{" not in advice.title + advice.text
