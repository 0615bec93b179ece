"""The ``casekit`` command: a thin front door over the library.

Each group of commands lives in ``casekit/commands/<name>.py`` and registers itself on the app; the table
below is explicit and sorted so a missing or duplicated command is visible at a glance.  ``casekit <command>``
imports only the module of that command, so a command starts without loading every other one's libraries;
``casekit`` alone, ``--help``, an unknown name and shell completion load them all.  ``app`` (for tests and
other Python callers) has every command.  Errors a user can meet are ``CasekitError``: they print one plain
sentence (what happened, what to do) on stderr and exit with status 2; a traceback is shown only with
``--debug``.
"""

from __future__ import annotations

import atexit
import os
import sys
import traceback
from collections.abc import Iterable
from importlib import import_module
from typing import NoReturn

import typer
from typer.core import TyperGroup

from . import __version__
from .errors import CasekitError

# module in casekit/commands -> the top-level commands its register() adds (tests/test_cli_startup.py checks)
COMMAND_MODULES = {
    "assess": ("assess", "kb", "schema"),
    "case": ("case",),
    "contact": ("contact", "next", "remind"),
    "demo": ("demo",),
    "documents": ("brief", "statement", "letter", "export"),
    "evidence": ("evidence", "hash", "verify"),
    "importing": ("import", "timeline", "findings"),
    "intake": ("intake", "facts"),
}
_MODULE_OF = {command: module for module, commands in COMMAND_MODULES.items() for command in commands}

INTERNAL_ERROR_EXIT = 3


def _report(exc: BaseException, debug: bool) -> int:
    # Imported on the first error, not at start-up: Rich's console and the phrase files cost ~45 ms.
    from .commands._common import err_console
    from .i18n import t

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


_app = typer.Typer(
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


@_app.callback()
def _root(
    ctx: typer.Context,
    debug: bool = typer.Option(False, "--debug", help="Show full error details (tracebacks)."),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the casekit version and exit."
    ),
) -> None:
    ctx.obj = {"debug": debug}


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


_registered: set[str] = set()


def _register(modules: Iterable[str]) -> typer.Typer:
    """Add the commands of these modules (each once) to the app, in their panels and order."""
    for name in COMMAND_MODULES:  # table order, whatever order asked for
        if name in modules and name not in _registered:
            import_module(f"casekit.commands.{name}").register(_app)
            _registered.add(name)
    for infos in (_app.registered_commands, _app.registered_groups):
        for info in infos:
            info.rich_help_panel = _PANEL_OF.get(_name_of(info), "More")
        infos.sort(key=lambda i: _ORDER.index(_name_of(i)) if _name_of(i) in _ORDER else len(_ORDER))
    return _app


def _modules_for(args: list[str]) -> Iterable[str]:
    """The command modules a command line needs: the invoked command's, or all of them."""
    if any(key.startswith("_") and key.endswith("_COMPLETE") for key in os.environ):
        return COMMAND_MODULES  # shell completion lists every command
    rest = [arg for arg in args if arg != "--debug"]
    if rest[:1] == ["--version"]:
        return ()  # eager: prints the version and exits before any command is looked at
    if rest and rest[0] in _MODULE_OF:
        return (_MODULE_OF[rest[0]],)
    return COMMAND_MODULES  # bare casekit, --help, an unknown name: the full list or click's own error


def __getattr__(name: str):
    # ``from casekit.cli import app`` gets every command; main() registers only what the command line needs.
    if name == "app":
        return _register(COMMAND_MODULES)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    _register(_modules_for(sys.argv[1:]))
    try:
        _app(prog_name="casekit")
    except SystemExit as done:
        _leave(done.code)
    _leave(0)


def _leave(code: object) -> NoReturn:
    """Exit as ``sys.exit(code)`` would, but without tearing every module down one by one.

    The exit handlers still run and the output is flushed; what is skipped is the interpreter's
    teardown of the modules loaded, which, once SQLAlchemy is among them, cost 0.10-0.15 s of every
    command that opens the store (measured with strace between the last handler and the process's
    end).  casekit leaves nothing to that teardown: files are closed by ``with`` and every
    transaction is committed or rolled back before a command returns."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): Python prints it and exits with 1
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    main()
