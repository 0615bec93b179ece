"""The project's promises about itself: README commands, CI, phrases in both languages."""

from __future__ import annotations

import re
from pathlib import Path

from casekit.i18n import LANGS, catalog

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", readme, flags=re.S)


def test_readme_opens_with_setup_and_test_commands() -> None:
    commands = _readme_commands()
    assert commands[0] == 'pip install -e ".[dev]" && casekit demo'
    assert "pytest" in commands[1] and "ruff check" in commands[1]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    test_command = _readme_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.rstrip().splitlines()[-1] == test_command


def test_every_phrase_has_english_and_french() -> None:
    missing = [key for key, texts in catalog().items() if any(not texts.get(lang) for lang in LANGS)]
    assert missing == []


def test_phrases_use_the_same_placeholders_in_both_languages() -> None:
    field = re.compile(r"\{(\w+)\}")
    differ = [
        key
        for key, texts in catalog().items()
        if set(field.findall(texts["en"])) != set(field.findall(texts["fr"]))
    ]
    assert differ == []


def test_no_direct_click_import() -> None:
    # Recent Typer vendors click and no longer installs it: importing click works on a developer's machine
    # that happens to have it, and fails on a clean one.  Use typer's names instead.
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "src").rglob("*.py")
        if re.search(r"^\s*(import click|from click)", path.read_text(encoding="utf-8"), flags=re.M)
    ]
    assert offenders == []


def test_every_command_is_in_the_readme_and_in_a_help_panel() -> None:
    from casekit.cli import PANELS, app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [i.name or i.callback.__name__ for i in (*app.registered_commands, *app.registered_groups)]
    paneled = {name for group in PANELS.values() for name in group}
    assert sorted(set(names) - paneled) == []
    assert [name for name in names if f"casekit {name}" not in readme] == []
