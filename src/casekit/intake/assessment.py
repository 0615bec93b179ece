"""The legal assessment shown at the end of the interview: ``casekit.law.assess`` (issue 4)."""

from __future__ import annotations

from typing import Any

from ..errors import KnowledgeBaseError


def assess_step(facts: dict[str, Any], jurisdiction: str) -> Any | None:
    """``casekit.law.assess(facts, jurisdiction)``, or None where the law engine cannot be loaded (the
    interview still ends with its advice, and says the assessment is unavailable).

    A place without a knowledge base also gives None: the interview's own advice still stands, and the
    person has already done the hard part.
    """
    try:
        from ..law import assess
    except ImportError:
        return None
    try:
        return assess(facts, jurisdiction)
    except KnowledgeBaseError:
        return None
