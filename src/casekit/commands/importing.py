"""casekit import | timeline — chat exports into the case's one timeline, and the timeline back out."""

from __future__ import annotations

import csv
import io
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

import typer
from rich.table import Table

from ..errors import CasekitError
from ..i18n import t
from ..importers import DateOrderUnknown, Options, import_chats, importers, timeline
from ..importers.base import local_zone_name, zone_for
from ..importers.csv_generic import parse_mapping
from ..model import Message
from ._common import JSON_HELP, console, err_console, open_store, print_json

CASE_HELP = "The case id (see 'casekit case list')."


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


def _format_help() -> str:
    return "auto (recognise by content), or one of: " + ", ".join(importers())


def import_command(
    paths: list[Path] = typer.Argument(
        ..., help="The export: a file, a folder, or the .zip the app produced."
    ),
    case_id: str = typer.Option(..., "--case", "-c", help=CASE_HELP),
    format_name: str = typer.Option("auto", "--format", "-f", help="The export's format: " + _format_help()),
    timezone: str | None = typer.Option(
        None, "--timezone", "-z", help="The zone the phone's clock was in, e.g. America/Toronto."
    ),
    date_order: str | None = typer.Option(
        None, "--date-order", help="DMY (day first) or MDY (month first), when the file cannot tell."
    ),
    columns: str | None = typer.Option(
        None, "--columns", help="For --format csv: time=Column,sender=Column,text=Column[,recipients=…]."
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Read chat exports into a case: each export is added to the evidence first, and every message
    points back to its exhibit and its place in the file."""
    from .evidence import _vault

    if date_order is not None and date_order.upper() not in ("DMY", "MDY", "YMD"):
        raise CasekitError.from_key("import.cli_bad_order", value=date_order)
    if timezone is not None:
        zone_for(timezone)  # a wrong zone is refused before anything is read
    mapping = None
    if columns:
        try:
            mapping = parse_mapping(columns)
        except ValueError:
            raise CasekitError.from_key("import.cli_bad_columns", value=columns) from None
    options = Options(
        timezone=timezone, date_order=date_order.upper() if date_order else None, columns=mapping
    )
    store = open_store()
    vault = _vault(store)
    while True:
        try:
            result = import_chats(store, vault, case_id, paths, options, format_name=format_name)
            break
        except DateOrderUnknown as exc:
            if not _interactive():
                raise
            err_console.print(exc.message, highlight=False)
            answer = ""
            while answer not in exc.choices:
                answer = typer.prompt(t("import.cli_ask_order"), err=True).strip().upper()
            options = Options(timezone=timezone, date_order=answer.upper(), columns=mapping)
    if as_json:
        print_json(
            {
                "case_id": case_id,
                "messages": result.message_count,
                "files": [
                    {
                        "file": f.source.name,
                        "format": f.importer.name,
                        "platform": f.importer.platform,
                        "messages": f.messages,
                        "exhibit_sha256": f.sha256,
                        "timezone_assumed": f.zone_assumed,
                        "already_imported": f.already,
                    }
                    for f in result.files
                ],
                "exhibits": [e.label for e in result.exhibits],
            }
        )
        return
    labels = {e.sha256: e.label for e in result.exhibits}
    console.print(t("import.cli_done", count=result.message_count, files=len(result.files), case_id=case_id))
    for f in result.files:
        if f.already:
            console.print(t("import.cli_file_again", file=f.source.name, exhibit=labels.get(f.sha256, "?")))
            continue
        console.print(
            t(
                "import.cli_file",
                file=f.source.name,
                format=f.importer.name,
                count=f.messages,
                exhibit=labels.get(f.sha256, "?"),
                sha=f.sha256[:12],
            )
        )
    assumed = sorted({f.zone_assumed for f in result.files if f.zone_assumed})
    if assumed:
        console.print(t("import.cli_zone_assumed", zone=", ".join(assumed)))


def _day(value: str | None, option: str, end: bool = False) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise CasekitError.from_key("import.cli_bad_day", option=option, value=value) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone_for(local_zone_name()))
    if end and len(value) <= 10:  # --to 2024-05-02 includes all of that day
        parsed = datetime.combine(parsed.date(), time(), parsed.tzinfo) + timedelta(days=1)
    return parsed


def _row(message: Message) -> dict[str, str]:
    when = message.timestamp.isoformat() if message.timestamp else ""
    files = "; ".join(a.get("label") or a.get("name") or a.get("uri") or "" for a in message.attachments)
    return {
        "time_utc": when,
        "timezone_assumed": message.timezone_assumed or "",
        "platform": message.platform,
        "conversation": message.conversation or "",
        "sender": message.sender or "",
        "kind": message.kind,
        "text": message.text,
        "attachments": files,
        "edited": "yes" if message.edited else "",
        "deleted": "yes" if message.deleted else "",
        "exhibit_sha256": message.exhibit_sha256,
        "locator": message.locator,
        "id": message.id,
    }


def timeline_command(
    case_id: str = typer.Option(..., "--case", "-c", help=CASE_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    as_csv: bool = typer.Option(False, "--csv", help="Print CSV (one row per message) on standard output."),
    start: str | None = typer.Option(None, "--from", help="Only from this day or time on (2024-05-01)."),
    end: str | None = typer.Option(None, "--to", help="Only up to this day (included) or time."),
    sender: str | None = typer.Option(None, "--sender", help="Only messages whose sender contains this."),
    platform: list[str] = typer.Option([], "--platform", help="Only this platform (repeatable)."),
    search: str | None = typer.Option(None, "--search", help="Only messages whose text contains this."),
    zone: str | None = typer.Option(
        None, "--zone", help="Show times in this zone (default: this computer's), e.g. America/Toronto."
    ),
) -> None:
    """Show every imported message of a case, all apps merged in time order, each with its source."""
    from .evidence import _vault

    store = open_store()
    messages = timeline(
        store,
        _vault(store),
        case_id,
        start=_day(start, "--from"),
        end=_day(end, "--to", end=True),
        platforms=[p.lower() for p in platform] or None,
        sender=sender,
        search=search,
    )
    if as_json:
        print_json(messages)
        return
    if as_csv:
        buffer = io.StringIO()
        rows = [_row(m) for m in messages]
        writer = csv.DictWriter(
            buffer,
            fieldnames=list(
                _row(Message(case_id=case_id, exhibit_sha256="", locator="", platform="")).keys()
            ),
        )
        writer.writeheader()
        writer.writerows(rows)
        sys.stdout.write(buffer.getvalue())
        return
    if not messages:
        console.print(t("import.cli_timeline_empty", case_id=case_id))
        return
    table = Table(title=t("import.cli_timeline_title", case_id=case_id, count=len(messages)))
    for key in ("when", "app", "who", "what", "source"):
        table.add_column(t(f"import.cli_col.{key}"))
    shown = zone_for(zone or local_zone_name())  # one clock for every app, so the order reads right
    for m in messages:
        when = m.timestamp.astimezone(shown) if m.timestamp else None
        stamp = f"{when:%Y-%m-%d %H:%M %Z}" if when else "?"
        if when and m.timezone_assumed:  # the export had no zone: say the shown one was assumed
            stamp += " " + t("import.cli_assumed")
        who = m.sender or t("import.cli_event")
        text = m.text if m.kind != "media" or m.text else t("import.cli_media")
        flags = (" " + t("import.cli_deleted")) if m.deleted else ""
        flags += (" " + t("import.cli_edited")) if m.edited else ""
        table.add_row(stamp, m.platform, who, text + flags, f"{m.exhibit_sha256[:12]} {m.locator}")
    console.print(table)


def findings_command(
    case_id: str = typer.Option(..., "--case", "-c", help=CASE_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    region: str = typer.Option(
        "CA", "--region", help="Country for reading local phone numbers (CA, US, FR…)."
    ),
) -> None:
    """List what the imported messages show — handles, phone numbers, e-mails, links, payment handles,
    and warning signs — each pointing to the message it came from.  Signposts to read, not conclusions."""
    from ..analysis import analyse
    from .evidence import _vault

    store = open_store()
    found = analyse(timeline(store, _vault(store), case_id), region=region.upper())
    if as_json:
        print_json(
            {
                "identifiers": [{**i.__dict__, "cites": i.cites} for i in found.identifiers],
                "indicators": [{**i.__dict__, "cites": i.cites} for i in found.indicators],
            }
        )
        return
    if not found.identifiers and not found.indicators:
        console.print(t("findings.none", case_id=case_id))
        return
    if any(i.category == "self_harm" for i in found.indicators):
        console.print(f"[bold]{t('findings.self_harm')}[/]")
    if found.indicators:
        table = Table(title=t("findings.signs_title"))
        for key in ("category", "note", "source"):
            table.add_column(t(f"findings.col.{key}"))
        for i in found.indicators:
            table.add_row(t(f"findings.category.{i.category}"), i.note, i.cites)
        console.print(table)
    if found.identifiers:
        table = Table(title=t("findings.ids_title"))
        for key in ("kind", "value", "source"):
            table.add_column(t(f"findings.col.{key}"))
        for i in found.identifiers:
            value = f"{i.value} ({i.platform})" if i.platform else i.value
            table.add_row(i.kind, value, i.cites)
        console.print(table)
    console.print(t("findings.caveat"))


def register(app: typer.Typer) -> None:
    """Add this part's commands to the casekit app."""
    app.command("import")(import_command)
    app.command("timeline")(timeline_command)
    app.command("findings")(findings_command)


__all__ = ["date", "register"]
