"""casekit <command> imports only that command's module (cli.COMMAND_MODULES says which), and behaves as with all."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import pytest
import typer

from casekit.cli import COMMAND_MODULES, _modules_for

FULL_APP = "import sys; from casekit.cli import app; sys.argv[0] = 'casekit'; app(prog_name='casekit')"
# main() as the casekit script runs it; on exit, the names of the imported modules go to a file
MAIN_LISTING_MODULES = """import atexit, os, sys
atexit.register(lambda: open(os.environ["MODULES_TO"], "w").write("\\n".join(sys.modules)))
sys.argv[0] = "casekit"
from casekit.cli import main
main()
"""


def _run(
    *args: str, full: bool = False, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    entry = ["-c", FULL_APP] if full else ["-m", "casekit.cli"]
    env = {**os.environ, "COLUMNS": "100", "TERM": "dumb", **(env or {})}
    return subprocess.run(
        [sys.executable, *entry, *args], capture_output=True, text=True, env=env, timeout=120
    )


def _imported(tmp_path: Path, *args: str) -> set[str]:
    listing = tmp_path / "modules.txt"
    env = {**os.environ, "MODULES_TO": str(listing)}
    command = [sys.executable, "-c", MAIN_LISTING_MODULES, *args]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    return set(listing.read_text().split())


def test_each_module_registers_the_commands_the_table_names() -> None:
    for module, commands in COMMAND_MODULES.items():
        app = typer.Typer()
        import_module(f"casekit.commands.{module}").register(app)
        infos = (*app.registered_commands, *app.registered_groups)
        assert sorted(i.name or i.callback.__name__ for i in infos) == sorted(commands), module


def test_which_modules_a_command_line_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _modules_for(["evidence", "add", "x"]) == ("evidence",)
    assert _modules_for(["--debug", "verify", "--case", "x"]) == ("evidence",)
    assert _modules_for(["letter", "complaint"]) == ("documents",)
    assert _modules_for(["--version"]) == ()
    for args in ([], ["--help"], ["--debug"], ["evidenc"], ["--help", "evidence"]):
        assert _modules_for(args) == COMMAND_MODULES, args
    monkeypatch.setenv("_CASEKIT_COMPLETE", "bash_complete")
    assert _modules_for(["evidence"]) == COMMAND_MODULES


def test_evidence_add_help_imports_no_other_command_nor_the_store(tmp_path: Path) -> None:
    modules = _imported(tmp_path, "evidence", "add", "--help")
    assert "casekit.commands.evidence" in modules
    others = {"casekit.commands." + m for m in COMMAND_MODULES} - {"casekit.commands.evidence"}
    others |= {f"casekit.{part}" for part in ("analysis", "demo", "documents", "followup", "importers")}
    others |= {"casekit.intake", "casekit.law", "casekit.store", "casekit.vault"}
    assert sorted(modules & others) == []


def test_version_imports_no_command(tmp_path: Path) -> None:
    modules = _imported(tmp_path, "--version")
    assert sorted(m for m in modules if m.startswith(("casekit.commands.", "casekit.store"))) == []


@pytest.mark.parametrize(
    "args", [["--help"], ["evidence", "--help"], ["letter", "escalation", "--help"], ["evidenc"]]
)
def test_same_output_as_with_every_command(args: list[str]) -> None:
    lone, full = _run(*args), _run(*args, full=True)
    assert (lone.returncode, lone.stdout, lone.stderr) == (full.returncode, full.stdout, full.stderr)
