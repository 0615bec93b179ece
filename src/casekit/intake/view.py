"""A question as plain data in one language, for front ends that are not the terminal (the web wizard,
``--json``): everything needed to draw it, nothing needed to judge it."""

from __future__ import annotations

from typing import Any

from .engine import Step
from .schema import Interview, Question


def describe(question: Question, interview: Interview, lang: str) -> dict[str, Any]:
    return {
        "id": question.id,
        "section": question.section,
        "section_title": interview.section(question.section).title.get(lang),
        "type": question.type.value,
        "text": question.text.get(lang),
        "why": question.why.get(lang),
        "choices": [{"value": c.value, "label": c.label.get(lang)} for c in question.choices],
        "exclusive": list(question.exclusive),
        "min": question.min,
        "max": question.max,
        "triage": question.triage,
        "can_skip": True,  # every question takes "I don't know"
    }


def step_view(step: Step, interview: Interview, lang: str) -> dict[str, Any]:
    """Where the interview stands: status, the question to ask (if any), and how far it has gone."""
    return {
        "status": step.status.value,
        "question": describe(step.question, interview, lang) if step.question else None,
        "answered": len(step.known.asked),
        "stop_reasons": list(step.stop_reasons),
    }
