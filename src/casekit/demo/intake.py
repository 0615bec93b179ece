"""Demo step: intake (filled in by its part)."""

from __future__ import annotations

from . import DemoContext


def run(ctx: DemoContext) -> None:
    """Nothing yet."""
