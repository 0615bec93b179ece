"""The legal assessment shown at the end of the interview, from the law engine (issue 4).

Kept apart so the interview still runs — and says so plainly — where the law engine cannot be loaded.
"""

from __future__ import annotations

from typing import Any

from ..errors import CasekitError


def _assess() -> Any | None:
    try:
        from ..law import assess  # type: ignore[attr-defined]
    except ImportError:
        try:
            from ..law.engine import assess
        except ImportError:
            return None
    return assess


def assess_step(facts: dict[str, Any], jurisdiction: str) -> Any | None:
    """``casekit.law.assess(facts, jurisdiction)``, or None where the law engine is not available.

    A ``CasekitError`` from the engine (e.g. no knowledge base for this place) is passed on: it is a plain
    sentence the person can act on.
    """
    assess = _assess()
    if assess is None:
        return None
    try:
        return assess(facts, jurisdiction)
    except CasekitError:
        raise
