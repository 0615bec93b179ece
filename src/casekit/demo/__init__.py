"""``casekit demo``: a made-up case built from synthetic content shipped in ``casekit/demo/data``.

The demo is a list of steps, one module per part of casekit, run in order on one case.  Each step
module exposes ``run(ctx: DemoContext) -> None``; a part adds its step by adding a module and a line to
``STEPS``.  Nothing here is a real person's data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

from ..i18n import t
from ..settings import Settings
from ..store import Store

STEPS = ("case", "intake", "evidence", "chats", "assessment", "followup", "documents")

DATA = Path(__file__).parent / "data"
DEMO_PASSPHRASE = "casekit demo passphrase (made up)"


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
    # Every step opens the vault the way the commands do (CASEKIT_PASSPHRASE).  Without one, the demo uses
    # a made-up passphrase for the length of the run and says so, so the user can open the vault later.
    own = os.environ.get("CASEKIT_PASSPHRASE")
    if not own:
        os.environ["CASEKIT_PASSPHRASE"] = DEMO_PASSPHRASE
        say(t("demo.passphrase", passphrase=DEMO_PASSPHRASE))
    try:
        for name in STEPS:
            import_module(f"casekit.demo.{name}").run(ctx)
    finally:
        if not own:
            os.environ.pop("CASEKIT_PASSPHRASE", None)
    return ctx
