"""Evaluating a ``Condition`` over facts with three values: met, unknown, not met.

An absent fact is unknown, and unknown spreads the way it does in Kleene's logic: ``all`` is not met as soon
as one part is not met, ``any`` is met as soon as one part is met.  Each outcome keeps the facts that decided
it (for the explanation) and the missing facts that could change it (for the questions).

Ages are compared as ranges, so "suspect_age: adult" (18 or more) is enough to decide "gte 18" but not
"gte 21"; ``age_gap`` is the suspect's age minus the victim's, also a range (see ``derive.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .schema import Condition

AGE_RANGES = {"adult": (18.0, 130.0), "minor": (0.0, 17.0)}


class Status(StrEnum):
    met = "met"
    unknown = "unknown"
    not_met = "not_met"


@dataclass(frozen=True)
class Outcome:
    status: Status
    decided_by: tuple[tuple[str, Any], ...] = ()  # (fact key, value) pairs that settled it
    missing: tuple[str, ...] = field(default=())  # fact keys whose answer could change it


def _range(value: Any) -> tuple[float, float] | None:
    if isinstance(value, tuple):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return (float(value), float(value))
    if isinstance(value, str):
        return AGE_RANGES.get(value)
    return None


def _compare(op: str, bound: float, span: tuple[float, float]) -> Status:
    lo, hi = span
    tests = {
        "lt": (hi < bound, lo >= bound),
        "lte": (hi <= bound, lo > bound),
        "gt": (lo > bound, hi <= bound),
        "gte": (lo >= bound, hi < bound),
    }
    yes, no = tests[op]
    return Status.met if yes else Status.not_met if no else Status.unknown


def _fact(cond: Condition, facts: dict[str, Any]) -> Outcome:
    key = cond.fact or ""
    if key not in facts or facts[key] == "unknown":
        return Outcome(Status.unknown, missing=(key,))
    value = facts[key]
    shown = value if not isinstance(value, tuple) else f"{value[0]:g}..{value[1]:g}"
    if cond.equals is not None:
        ok = value == cond.equals
    elif cond.in_ is not None:
        ok = value in cond.in_
    elif cond.contains is not None:
        ok = cond.contains in value
    elif cond.nonempty is not None:
        ok = bool(value) == cond.nonempty
    else:
        for op in ("lt", "lte", "gt", "gte"):
            bound = getattr(cond, op)
            if bound is not None:
                span = _range(value)
                if span is None:
                    return Outcome(Status.unknown, missing=(key,))
                status = _compare(op, bound, span)
                missing = (key,) if status is Status.unknown else ()
                return Outcome(status, ((key, shown),), missing)
        ok = value is True
    return Outcome(Status.met if ok else Status.not_met, ((key, shown),))


def _tag(tag: str, tags: dict[str, Status]) -> Outcome:
    status = tags.get(tag, Status.not_met)
    return Outcome(status, ((f"offences:{tag}", status.value),))


def evaluate(cond: Condition, facts: dict[str, Any], tags: dict[str, Status] | None = None) -> Outcome:
    """Evaluate ``cond``; ``tags`` maps an offence tag to met (a likely offence has it) or unknown."""
    if cond.fact is not None:
        return _fact(cond, facts)
    if cond.tag is not None:
        return _tag(cond.tag, tags or {})
    if cond.not_ is not None:
        inner = evaluate(cond.not_, facts, tags)
        flipped = {Status.met: Status.not_met, Status.not_met: Status.met}.get(inner.status, Status.unknown)
        return Outcome(flipped, inner.decided_by, inner.missing)
    parts = [evaluate(c, facts, tags) for c in (cond.all if cond.all is not None else cond.any or [])]
    decisive, absorbing = (
        (Status.not_met, Status.met) if cond.all is not None else (Status.met, Status.not_met)
    )
    hits = [p for p in parts if p.status is decisive]
    if hits:
        # One decisive part settles it; name only the first, which is what a reader needs.
        return Outcome(decisive, hits[0].decided_by)
    if all(p.status is absorbing for p in parts):
        return Outcome(absorbing, tuple(d for p in parts for d in p.decided_by))
    unknown = [p for p in parts if p.status is Status.unknown]
    known = tuple(d for p in parts if p.status is absorbing for d in p.decided_by)
    missing = tuple(dict.fromkeys(k for p in unknown for k in p.missing))
    return Outcome(Status.unknown, known, missing)
