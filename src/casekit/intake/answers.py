"""Turning what a person typed (or wrote in an answer file) into an answer value.

The stored form of an answer is JSON-friendly: bool, int/float, a choice value, a list of choice
values, an ISO date string, or ``None`` for "I don't know" / skip.  A value that does not fit raises
``AnswerError`` whose message says what is expected — never echoing what was typed, which may be
sensitive.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from ..errors import IntakeError
from ..i18n import t
from .schema import AnswerType, Question

UNKNOWN_WORDS = {
    "",
    "?",
    "skip",
    "s",
    "unknown",
    "idk",
    "dont know",
    "don't know",
    "i don't know",
    "i dont know",
    "passer",
    "p",
    "inconnu",
    "je ne sais pas",
    "je sais pas",
    "sais pas",
}
YES_WORDS = {"yes", "y", "oui", "o", "true", "1"}
NO_WORDS = {"no", "n", "non", "false", "0", "2"}
TODAY_WORDS = {"today", "aujourd'hui", "aujourdhui"}
YESTERDAY_WORDS = {"yesterday", "hier"}


class AnswerError(IntakeError):
    """An answer that does not fit its question (says what is expected)."""


def _fail(question: Question, expect_key: str, **values: Any) -> AnswerError:
    return AnswerError(  # type: ignore[return-value]
        t("intake.error.answer", question=question.id), t(expect_key, **values)
    )


def is_unknown(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and _norm(raw) in UNKNOWN_WORDS)


def _norm(text: str) -> str:
    return " ".join(text.strip().lower().replace("’", "'").split())


def _choice(question: Question, token: Any) -> str | None:
    """A choice value from its value, its number in the list (1-based) or its label in either language."""
    if isinstance(token, bool):
        return None
    if isinstance(token, int):
        return question.choices[token - 1].value if 1 <= token <= len(question.choices) else None
    text = _norm(str(token))
    if text.isdigit():
        return _choice(question, int(text))
    for c in question.choices:
        if text in (c.value, _norm(c.label.en), _norm(c.label.fr)):
            return c.value
    return None


def _choices_hint(question: Question) -> str:
    return ", ".join(c.value for c in question.choices)


def parse_answer(question: Question, raw: Any, today: date | None = None) -> Any:
    """The answer value for ``question``, or None for "I don't know"."""
    if is_unknown(raw):
        return None
    kind = question.type
    if kind is AnswerType.yes_no:
        if isinstance(raw, bool):
            return raw
        word = _norm(str(raw))
        if word in YES_WORDS:
            return True
        if word in NO_WORDS:
            return False
        raise _fail(question, "intake.expect.yes_no")
    if kind is AnswerType.choice:
        value = _choice(question, raw)
        if value is None:
            raise _fail(question, "intake.expect.choice", choices=_choices_hint(question))
        return value
    if kind is AnswerType.multi_choice:
        return _multi(question, raw)
    if kind in (AnswerType.integer, AnswerType.age):
        if kind is AnswerType.age and not isinstance(raw, int | float):
            value = _choice(question, raw) if not str(raw).strip().isdigit() else None
            if value is not None:
                return value
        number = _as_number(raw)
        low, high = question.min if question.min is not None else 0, question.max or 130
        if number is None or not float(number).is_integer() or not low <= number <= high:
            key = "intake.expect.age" if kind is AnswerType.age else "intake.expect.integer"
            raise _fail(question, key, low=f"{low:g}", high=f"{high:g}")
        return int(number)
    if kind is AnswerType.number:
        number = _as_number(raw)
        if number is None or number < (question.min or 0):
            raise _fail(question, "intake.expect.number")
        return int(number) if float(number).is_integer() else number
    return _date(question, raw, today or date.today())


def _as_number(raw: Any) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    text = str(raw).strip().replace("$", "").replace(",", "").replace(" ", "")
    try:
        return float(text)
    except ValueError:
        return None


def _multi(question: Question, raw: Any) -> list[str]:
    tokens = raw if isinstance(raw, list | tuple) else re.split(r"[,;\s]+", str(raw).strip())
    chosen: list[str] = []
    for token in tokens:
        if isinstance(token, str) and not token.strip():
            continue
        value = _choice(question, token)
        if value is None:
            raise _fail(question, "intake.expect.multi_choice", choices=_choices_hint(question))
        if value not in chosen:
            chosen.append(value)
    if not chosen:
        raise _fail(question, "intake.expect.multi_choice", choices=_choices_hint(question))
    alone = [v for v in chosen if v in question.exclusive]
    if alone and len(chosen) > 1:
        raise _fail(question, "intake.expect.exclusive", choice=alone[0])
    order = [c.value for c in question.choices]
    return sorted(chosen, key=order.index)


def _date(question: Question, raw: Any, today: date) -> str:
    if isinstance(raw, date):
        when = raw
    else:
        word = _norm(str(raw))
        if word in TODAY_WORDS:
            when = today
        elif word in YESTERDAY_WORDS:
            when = today - timedelta(days=1)
        else:
            try:
                when = date.fromisoformat(word)
            except ValueError:
                raise _fail(question, "intake.expect.date") from None
    if when > today:
        raise _fail(question, "intake.expect.past_date")
    return when.isoformat()
