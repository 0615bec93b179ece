"""Evaluating a ``Condition`` against what is known so far.  Pure: two dicts in, a bool out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .schema import Condition


def _number(value: Any) -> float | None:
    # True is an int in Python; an age is never a bool, so a bool is not compared as a number.
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def holds(
    cond: Condition, answers: Mapping[str, Any], facts: Mapping[str, Any], *, routing_open: bool = False
) -> bool:
    """Whether ``cond`` is true given the answers (question id → value, None for "I don't know") and
    the facts (key → value; an absent key is unknown).

    ``routing_open`` treats every test on an answer as true, so only the facts decide: used to find
    questions worth asking after the main interview even though the person's choice of topics skipped them.
    """
    if cond.all is not None:
        return all(holds(c, answers, facts, routing_open=routing_open) for c in cond.all)
    if cond.any is not None:
        return any(holds(c, answers, facts, routing_open=routing_open) for c in cond.any)
    if cond.not_ is not None:
        return not holds(cond.not_, answers, facts, routing_open=routing_open)
    if routing_open and cond.answer is not None:
        return True
    source = answers if cond.answer is not None else facts
    name = cond.answer if cond.answer is not None else cond.fact
    value = source.get(name)  # type: ignore[arg-type]
    known = value is not None
    if cond.known is not None:
        return known == cond.known
    if not known:
        return False
    if "is_" in cond.model_fields_set:
        return value == cond.is_
    if cond.in_ is not None:
        return value in cond.in_
    if cond.has is not None:
        return isinstance(value, list | tuple) and cond.has in value
    number = _number(value)
    if number is None:
        return False
    if cond.lt is not None:
        return number < cond.lt
    return cond.ge is not None and number >= cond.ge
