"""casekit case new | list | show | delete"""

from __future__ import annotations

import typer
from pydantic import ValidationError
from rich.table import Table

from ..errors import CasekitError
from ..i18n import t
from ..model import Case
from ..store import CaseRepository, ContactRepository, FactRepository, PersonRepository
from ._common import JSON_HELP, console, open_store, print_json

case_app = typer.Typer(help="Create, list, show and delete cases.", no_args_is_help=True)


def _validation_error(exc: ValidationError) -> CasekitError:
    detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
    return CasekitError.from_key("error.invalid_value", detail=detail)


@case_app.command("new")
def new(
    title: str = typer.Argument(..., help='A short title, e.g. "Instagram contact with Sam".'),
    jurisdiction: str = typer.Option(
        "CA-ON",
        "--jurisdiction",
        "-j",
        help="Where the victim lives: country and province, e.g. CA-ON, CA-QC.",
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Start a new case."""
    try:
        case = Case(title=title.strip(), jurisdiction=jurisdiction)
    except ValidationError as exc:
        raise _validation_error(exc) from None
    store = open_store()
    with store.session() as s:
        CaseRepository(s).add(case)
    if as_json:
        print_json(case)
    else:
        console.print(t("case.created", case_id=case.id, title=case.title, jurisdiction=case.jurisdiction))


@case_app.command("list")
def list_(as_json: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
    """List the cases on this computer (or server)."""
    with open_store().session() as s:
        cases = CaseRepository(s).list()
    if as_json:
        print_json(cases)
        return
    if not cases:
        console.print(t("case.none"))
        return
    table = Table(title=t("case.list_title"))
    for col in ("id", "title", "jurisdiction", "status", "updated"):
        table.add_column(t(f"case.col.{col}"))
    for c in cases:
        table.add_row(c.id, c.title, c.jurisdiction, c.status.value, f"{c.updated:%Y-%m-%d %H:%M} UTC")
    console.print(table)


@case_app.command("show")
def show(
    case_id: str = typer.Argument(..., help="The case id (see 'casekit case list')."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Show one case: its details, people, facts and police contacts."""
    with open_store().session() as s:
        case = CaseRepository(s).get(case_id)
        people = PersonRepository(s).for_case(case_id)
        facts = FactRepository(s).for_case(case_id)
        contacts = ContactRepository(s).for_case(case_id)
    if as_json:
        doc = case.model_dump(mode="json")
        doc.update(
            persons=[p.model_dump(mode="json") for p in people],
            facts={f.key: f.value for f in facts},
            contacts=[c.model_dump(mode="json") for c in contacts],
        )
        print_json(doc)
        return
    table = Table(show_header=False, box=None)
    for col, value in (
        ("id", case.id),
        ("title", case.title),
        ("jurisdiction", case.jurisdiction),
        ("status", case.status.value),
        ("created", f"{case.created:%Y-%m-%d %H:%M} UTC"),
        ("updated", f"{case.updated:%Y-%m-%d %H:%M} UTC"),
    ):
        table.add_row(f"[bold]{t(f'case.col.{col}')}[/]", value)
    console.print(table)
    if facts:
        console.print()
        facts_table = Table("fact", "value", "source")
        for f in facts:
            facts_table.add_row(f.key, str(f.value), f.source.value)
        console.print(facts_table)


@case_app.command("delete")
def delete(
    case_id: str = typer.Argument(..., help="The case id (see 'casekit case list')."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    """Delete a case and everything recorded in it (asks first)."""
    store = open_store()
    with store.session() as s:
        case = CaseRepository(s).get(case_id)
    if not yes and not typer.confirm(
        t("case.delete_confirm", case_id=case.id, title=case.title), default=False
    ):
        console.print(t("case.delete_kept"))
        raise typer.Exit(1)
    with store.session() as s:
        CaseRepository(s).delete(case_id)
    # The rows went first, in one transaction; the encrypted blobs follow.  A crash between the two leaves
    # only unreadable ciphertext whose key is already gone, and the next delete sweeps it.
    from ..vault import purge_case  # here: the vault (~70 ms of imports) serves only this subcommand

    purge_case(store.settings, case_id)
    console.print(t("case.deleted", case_id=case_id))


def register(app: typer.Typer) -> None:
    app.add_typer(case_app, name="case")
