"""What every command shares: consoles, the store, JSON output."""

from __future__ import annotations

import atexit
import json
import sys
from typing import TYPE_CHECKING, Any

from rich.console import Console

if TYPE_CHECKING:
    from ..store import Store

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

JSON_HELP = "Print one JSON document on standard output instead of a readable report."


def open_store() -> Store:
    # Imported here: the store pulls in SQLAlchemy and every table, which --version and the commands
    # without a case (casekit kb, schema) never need.
    from ..settings import Settings
    from ..store import Store

    store = Store(Settings.from_env())
    atexit.register(store.close)  # connections closed properly: cli.main leaves with os._exit
    return store


def to_jsonable(value: Any) -> Any:
    from pydantic import BaseModel  # here, not at the top: --version and --help never print JSON

    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    return value


def print_json(value: Any) -> None:
    """Exactly one JSON document on stdout — plain print, so no Rich wrapping or colour breaks it."""
    sys.stdout.write(json.dumps(to_jsonable(value), ensure_ascii=False, indent=2, default=str) + "\n")
    sys.stdout.flush()
