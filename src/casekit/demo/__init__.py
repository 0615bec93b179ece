"""``casekit demo``: a made-up case built from synthetic content shipped in ``casekit/demo/data``.

The demo is a list of steps, one module per part of casekit, run in order on one case.  Each step
module exposes ``run(ctx: DemoContext) -> None``; a part adds its step by adding a module and a line to
``STEPS``.  Nothing here is a real person's data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

from ..settings import Settings
from ..store import Store

STEPS = ("case", "intake", "evidence", "assessment", "documents")

DATA = Path(__file__).parent / "data"


@dataclass
class DemoContext:
    store: Store
    settings: Settings
    say: Any  # callable(str) -> None: prints a line for the user
    case_id: str = ""
    output_dir: Path | None = None
    produced: dict[str, Path] = field(default_factory=dict)


def run_demo(settings: Settings, say: Any, output_dir: Path | None = None) -> DemoContext:
    store = Store(settings)
    ctx = DemoContext(store=store, settings=settings, say=say, output_dir=output_dir)
    for name in STEPS:
        import_module(f"casekit.demo.{name}").run(ctx)
    return ctx
