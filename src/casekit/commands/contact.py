"""casekit contact add | list, casekit next, casekit remind — the follow-through log."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import typer
from rich.table import Table

from ..errors import CasekitError
from ..followup import next_step, reminders_ics
from ..i18n import current_lang, t
from ..model import Contact, ContactKind, utcnow
from ..store import CaseRepository, ContactRepository
from ._common import JSON_HELP, console, open_store, print_json

contact_app = typer.Typer(
    help="Record each contact with police or an agency, and list them.", no_args_is_help=True
)
CASE_HELP = "The case id (see 'casekit case list')."


def _when(value: str | None) -> datetime:
    if not value:
        return utcnow()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise CasekitError.from_key("followup.bad_date", value=value) from None
    return parsed if parsed.tzinfo else parsed.astimezone()  # a bare time is the user's local time


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CasekitError.from_key("followup.bad_date", value=value) from None


@contact_app.command("add")
def add(
    case: str = typer.Option(..., "--case", "-c", help=CASE_HELP),
    agency: str = typer.Option(..., "--agency", help="Who you reached, e.g. 'Ottawa Police Service'."),
    when: str = typer.Option(None, "--when", help="When (YYYY-MM-DD HH:MM, your local time). Default: now."),
    kind: ContactKind = typer.Option(
        ContactKind.call, "--kind", help="call, visit, email, letter or online."
    ),
    officer: str = typer.Option(None, "--officer", help="The officer's name."),
    badge: str = typer.Option(None, "--badge", help="The officer's badge number."),
    rank: str = typer.Option(None, "--rank", help="The officer's rank, e.g. Constable, Sergeant."),
    file_number: str = typer.Option(None, "--file-number", help="The police file (occurrence) number."),
    summary: str = typer.Option("", "--summary", help="What was said, in a sentence or two."),
    outcome: str = typer.Option(
        None, "--outcome", help="What came of it, e.g. 'declined', 'assigned to ICE unit'."
    ),
    follow_up: str = typer.Option(
        None, "--follow-up", help="When to follow up if there is no news (YYYY-MM-DD)."
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Record a call, visit, e-mail or letter with police or another agency."""
    entry = Contact(
        case_id=case,
        when=_when(when),
        kind=kind,
        agency=agency,
        officer_name=officer,
        badge_number=badge,
        rank=rank,
        file_number=file_number,
        summary=summary,
        outcome=outcome,
        follow_up_due=_day(follow_up),
    )
    with open_store().session() as s:
        CaseRepository(s).touch(case)
        ContactRepository(s).add(entry)
    if as_json:
        print_json(entry)
        return
    console.print(t("followup.added", case_id=case, agency=agency, when=f"{entry.when:%Y-%m-%d %H:%M}"))
    missing = [
        t(f"followup.col.{name}")
        for name, value in (("officer", officer), ("badge", badge), ("file_number", file_number))
        if not value
    ]
    if missing:
        console.print(t("followup.missing_details", missing=", ".join(missing)))


@contact_app.command("list")
def list_(
    case: str = typer.Option(..., "--case", "-c", help=CASE_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """List the contacts recorded for a case, oldest first."""
    with open_store().session() as s:
        CaseRepository(s).get(case)
        contacts = ContactRepository(s).for_case(case)
    if as_json:
        print_json(contacts)
        return
    if not contacts:
        console.print(t("followup.none", case_id=case))
        return
    table = Table(title=t("followup.title"))
    for col in ("when", "agency", "officer", "badge", "file_number", "outcome"):
        table.add_column(t(f"followup.col.{col}"))
    for c in contacts:
        officer = " ".join(filter(None, (c.rank, c.officer_name)))
        table.add_row(
            f"{c.when:%Y-%m-%d %H:%M}",
            c.agency,
            officer,
            c.badge_number or "",
            c.file_number or "",
            c.outcome or "",
        )
    console.print(table)


def next_(
    case: str = typer.Option(..., "--case", "-c", help=CASE_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Say what to ask for next, and from whom, from the contact log (the escalation ladder)."""
    with open_store().session() as s:
        CaseRepository(s).get(case)
        contacts = ContactRepository(s).for_case(case)
    step = next_step(contacts, date.today())
    lang = current_lang()
    if as_json:
        print_json(
            {
                "rung": step.rung.id,
                "who": step.rung.who(lang),
                "ask": step.rung.ask(lang),
                "due": step.due.isoformat(),
                "reason": step.reason,
                "after_contact": step.after.id if step.after else None,
            }
        )
        return
    console.print(f"[bold]{t('followup.next.title')}[/]")
    console.print(t(f"followup.reason.{step.reason}"))
    console.print(t("followup.next.who", who=step.rung.who(lang)))
    console.print(t("followup.next.ask", ask=step.rung.ask(lang)))
    console.print(t("followup.next.due", due=step.due.isoformat()))


def remind(
    case: str = typer.Option(..., "--case", "-c", help=CASE_HELP),
    output: Path = typer.Option(..., "--output", "-o", help="Where to write the .ics calendar file."),
) -> None:
    """Write the follow-up dates as a calendar file (.ics) to open in any calendar app."""
    with open_store().session() as s:
        CaseRepository(s).get(case)
        contacts = ContactRepository(s).for_case(case)
    step = next_step(contacts, date.today())
    extra = [(step.due, step.rung.who(current_lang()), step.rung.ask(current_lang()))]
    data = reminders_ics(case, contacts, extra)
    output.write_bytes(data)
    count = data.count(b"BEGIN:VEVENT")
    console.print(t("followup.ics.written", path=output, count=count))


def register(app: typer.Typer) -> None:
    app.add_typer(contact_app, name="contact")
    app.command("next")(next_)
    app.command("remind")(remind)
