"""Demo step: the intake interview, answered from the seed's luring example (a child under 10, lured by
a stranger posing as a child, asked for an image), so the demo case has its facts."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..i18n import t
from ..intake import Intake, read_answer_file, run_answer_file
from . import DemoContext

EXAMPLE = "luring-child-under-10.yaml"


def example_path() -> Path:
    """The worked example shipped in the package (the same file as examples/intake/<EXAMPLE>)."""
    return Path(str(resources.files("casekit.intake") / "data" / "examples" / EXAMPLE))


def run(ctx: DemoContext) -> None:
    doc = read_answer_file(example_path())
    step = run_answer_file(Intake(ctx.store, ctx.case_id, lang=doc.lang), doc)
    ctx.say(t("intake.demo_done", count=len(step.facts), status=step.status.value))
