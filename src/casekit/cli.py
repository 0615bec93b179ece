"""The ``casekit`` command: a thin front door over the library.

Each group of commands lives in ``casekit/commands/<name>.py`` and registers itself on the app; the list
below is explicit and sorted so a missing or duplicated command is visible at a glance.  Errors a user can
meet are ``CasekitError``: they print one plain sentence (what happened, what to do) on stderr and exit
with status 2; a traceback is shown only with ``--debug``.
"""

from __future__ import annotations

import sys
import traceback
from importlib import import_module

import typer
from typer.core import TyperGroup

from . import __version__
from .commands._common import err_console
from .errors import CasekitError
from .i18n import t

COMMAND_MODULES = (
    "assess",
    "case",
    "contact",
    "demo",
    "documents",
    "evidence",
    "importing",
    "intake",
)

INTERNAL_ERROR_EXIT = 3


def _report(exc: BaseException, debug: bool) -> int:
    if debug:
        traceback.print_exception(exc)
    if isinstance(exc, CasekitError):
        err_console.print(f"[bold red]{t('cli.error_prefix')}[/] {exc.message}", highlight=False)
        if exc.hint:
            err_console.print(exc.hint, highlight=False)
        return exc.exit_code
    if isinstance(exc, KeyboardInterrupt):
        err_console.print(t("error.interrupted"), highlight=False)
        return 130
    # An unexpected error is a bug: say so plainly, but print only its type, never its arguments, which
    # could hold evidence (a message's text, a file's bytes).
    err_console.print(f"[bold red]{t('cli.error_prefix')}[/] {t('error.internal', kind=type(exc).__name__)}")
    err_console.print(t("error.internal.hint"), highlight=False)
    return INTERNAL_ERROR_EXIT


def _is_cli_control(exc: BaseException) -> bool:
    """Exit, Abort and usage errors belong to the command-line framework (Typer, which vendors click in
    recent versions and depends on it in older ones): let it handle them."""
    return type(exc).__module__.split(".")[0] in ("typer", "click")


class _Root(TyperGroup):
    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        # The one place errors become exit codes.
        except (Exception, KeyboardInterrupt) as exc:
            if _is_cli_control(exc):
                raise
            debug = bool(ctx.obj and ctx.obj.get("debug")) or "--debug" in sys.argv
            ctx.exit(_report(exc, debug))


app = typer.Typer(
    cls=_Root,
    name="casekit",
    help="casekit helps you turn what happened to a child online into a case police can act on. "
    "It gives legal information, not legal advice.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"casekit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    debug: bool = typer.Option(False, "--debug", help="Show full error details (tracebacks)."),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the casekit version and exit."
    ),
) -> None:
    ctx.obj = {"debug": debug}


for _name in COMMAND_MODULES:
    import_module(f"casekit.commands.{_name}").register(app)

# --help groups the commands in the order a family meets them, whatever order the modules register in.
PANELS = {
    "Start here": ("case", "intake", "facts", "demo"),
    "Evidence and messages": ("evidence", "import", "timeline", "findings", "hash", "verify"),
    "The law": ("assess", "kb", "schema"),
    "Documents": ("brief", "statement", "letter", "export"),
    "Following up": ("contact", "next", "remind"),
}
_ORDER = [name for names in PANELS.values() for name in names]
_PANEL_OF = {name: panel for panel, names in PANELS.items() for name in names}


def _name_of(info) -> str:  # info: a Typer CommandInfo or TyperInfo
    return info.name or (info.callback.__name__ if info.callback else "")


for _infos in (app.registered_commands, app.registered_groups):
    for _info in _infos:
        _info.rich_help_panel = _PANEL_OF.get(_name_of(_info), "More")
    _infos.sort(key=lambda i: _ORDER.index(_name_of(i)) if _name_of(i) in _ORDER else len(_ORDER))


def main() -> None:
    app(prog_name="casekit")


if __name__ == "__main__":
    main()
