"""casekit demo"""

from __future__ import annotations

from pathlib import Path

import typer

from ..demo import run_demo
from ..i18n import t
from ..settings import Settings
from ._common import JSON_HELP, console, print_json


def demo(
    output: Path = typer.Option(
        None,
        "--output",
        "-o",
        help="Folder for the demo's documents (default: 'casekit-demo' in the data folder).",
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Build a sample case from made-up data, to see what casekit does."""
    settings = Settings.from_env()
    quiet = as_json
    ctx = run_demo(settings, say=(lambda _msg: None) if quiet else console.print, output_dir=output)
    if as_json:
        print_json({"case_id": ctx.case_id, "home": str(settings.home), "produced": ctx.produced})
    else:
        console.print(t("demo.done", case_id=ctx.case_id, home=settings.home))
        for name, path in ctx.produced.items():
            console.print(f"  {name}: {path}")


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
