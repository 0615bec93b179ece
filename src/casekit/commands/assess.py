"""casekit assess FACTS.yaml | --case ID;  casekit kb list;  casekit schema facts"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import typer
import yaml
from rich.markup import escape

from ..errors import CasekitError
from ..i18n import current_lang, set_lang, t
from ..law import Assessment, FactError, assess, facts_json_schema, kb
from ..law.schema import Text
from ._common import JSON_HELP, console, open_store, print_json

kb_app = typer.Typer(
    help="The legal knowledge base: offences, powers, agencies, platforms.", no_args_is_help=True
)
schema_app = typer.Typer(help="Print machine-readable schemas.", no_args_is_help=True)

LANG_HELP = "Language of the report: en or fr."
MARK = {"met": "[green]✔[/]", "unknown": "[yellow]?[/]", "not_met": "[red]✘[/]"}
LEVEL_STYLE = {"imminent": "bold white on red", "high": "bold red", "normal": "bold"}


def _set_lang(lang: str | None) -> None:
    if lang is not None:
        try:
            set_lang(lang)
        except ValueError:
            raise CasekitError.from_key("error.invalid_value", detail="--lang: en | fr") from None


def read_facts_file(path: Path) -> tuple[dict[str, Any], str | None]:
    """Facts from a YAML file, and the jurisdiction it names if any.

    The file is a flat ``key: value`` mapping, or ``facts:`` (a mapping) with an optional ``jurisdiction:``.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CasekitError.from_key(
            "law.facts_file.unreadable", file=path.name, reason=exc.strerror or "?"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else "?"
        raise CasekitError.from_key("law.facts_file.not_yaml", file=path.name, line=line) from None
    place = None
    if isinstance(data, dict) and isinstance(data.get("facts"), dict):
        place = data.get("jurisdiction") if isinstance(data.get("jurisdiction"), str) else None
        data = data["facts"]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise CasekitError.from_key("law.facts_file.not_mapping", file=path.name)
    return data, place


def _assess_file(path: Path, jurisdiction: str | None, on: date | None) -> Assessment:
    facts, named = read_facts_file(path)
    try:
        return assess(facts, jurisdiction or named or "CA", on=on)
    except FactError as exc:
        # Same sentence, with the file named first so the user knows where to look.
        raise FactError(t("law.facts_file.in_file", file=path.name, message=exc.message), exc.hint) from None


def _assess_case(case_id: str, jurisdiction: str | None, on: date | None) -> Assessment:
    from ..store import CaseRepository, FactRepository

    with open_store().session() as s:
        case = CaseRepository(s).get(case_id)
        stored = FactRepository(s).as_dict(case_id)
    return assess(stored, jurisdiction or case.jurisdiction, on=on, only_known_keys=True)


def _txt(text: Text | None, lang: str) -> str:
    return escape(text.get(lang)) if text is not None else ""


def _cite(section: str, lang: str) -> str:
    """``s. 172.1`` / ``art. 172.1``; a citation that already says what it is (``18 U.S.C. § 875(d)``) as is."""
    return t("law.report.section", lang, section=section) if " " not in section else section


def _value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value).lower() if isinstance(value, bool) else str(value)


def render(a: Assessment, lang: str) -> None:
    """The assessment as a readable report: the same tree as the JSON and the police brief."""
    say = console.print
    say(f"[bold]{t('law.report.title', lang, jurisdiction=a.jurisdiction, on=a.on.isoformat())}[/]")
    say(f"[{LEVEL_STYLE[a.urgency]}]{t('law.report.urgency', lang)} {t('law.urgency.' + a.urgency, lang)}[/]")
    for reason in a.urgency_reasons:
        say(f"  • {_txt(reason, lang)}")
    say()
    if not a.offences:
        say(t("law.report.no_offence", lang))
    else:
        say(f"[bold underline]{t('law.report.offences', lang)}[/]")
    for off in a.offences:
        status = t(f"law.status.{off.status}", lang)
        style = "bold green" if off.status == "likely" else "bold yellow"
        cite = _cite(off.section, lang)
        say(
            f"\n[{style}]{_txt(off.law, lang)}, {escape(cite)} — {_txt(off.title, lang)}[/] [{style}]({status})[/]"
        )
        say(f"  {_txt(off.summary, lang)}")
        for el in off.elements:
            facts = "; ".join(
                f"{f.key} = {_value(f.value)}" + (f" ← {', '.join(f.derived_from)}" if f.derived_from else "")
                for f in el.decided_by
            )
            if el.status == "unknown":
                facts = t("law.report.not_known", lang, keys=", ".join(el.missing) or "?")
            say(f"  {MARK[el.status]} {_txt(el.text, lang)} [dim]({escape(facts)})[/]")
            if el.evidence:
                say(f"      [dim]{t('law.report.evidence', lang)} {_txt(el.evidence[0], lang)}[/]")
        pen = off.penalty
        say(f"  {t('law.report.penalty', lang)} {_txt(pen.maximum, lang)}")
        if pen.minimum_struck is not None:
            struck = pen.minimum_struck
            say(f"  [dim]{t('law.report.struck', lang, ruling=struck.ruling)} {_txt(struck.scope, lang)}[/]")
        if off.note is not None:
            say(f"  [dim]{_txt(off.note, lang)}[/]")
        for src in off.sources:
            say(f"  [dim]{t('law.report.source', lang)} {escape(src.title)} — {escape(src.url)}[/]")
        say(f"  [dim]{t('law.report.verified', lang, day=off.last_verified.isoformat())}[/]")
        if off.unconfirmed is not None:
            say(f"  [yellow]*[/] [dim]{_txt(off.unconfirmed, lang)}[/]")
    for gone in a.not_in_force:
        day = gone.in_force_from.isoformat()
        cite, title = _cite(gone.section, lang), gone.title.get(lang)
        say(f"\n[dim]{escape(t('law.report.not_in_force', lang, cite=cite, title=title, day=day))}[/]")
    if a.steps:
        say(f"\n[bold underline]{t('law.report.steps', lang)}[/]")
        for n, step in enumerate(a.steps, 1):
            say(f"  {n}. {_txt(step.text, lang)}")
    if a.referrals:
        say(f"\n[bold underline]{t('law.report.referrals', lang)}[/]")
        for ref in a.referrals:
            how = ", ".join(c.label.get(lang) if c.label else c.value for c in ref.contact)
            say(f"  • [bold]{_txt(ref.name, lang)}[/] — {escape(how)}")
            say(f"    [dim]{_txt(ref.when, lang)}[/]")
    if a.powers:
        say(f"\n[bold underline]{t('law.report.powers', lang)}[/]")
        for p in a.powers:
            cite = t("law.report.section", lang, section=p.citation)
            say(f"  • {escape(cite)} {_txt(p.title, lang)} — {_txt(p.summary, lang)}")
    if a.provisions:
        say(f"\n[bold underline]{t('law.report.provisions', lang)}[/]")
        for p in a.provisions:
            say(f"  • {escape(p.citation)} — {_txt(p.title, lang)}: {_txt(p.summary, lang)}")
    if a.questions:
        say(f"\n[bold underline]{t('law.report.questions', lang)}[/]")
        for q in a.questions[:10]:
            say(f"  • {_txt(q.label, lang)} [dim]({q.key})[/]")
    say(f"\n[italic]{_txt(a.disclaimer, lang)}[/]")


def assess_command(
    facts_file: Path = typer.Argument(None, help="A YAML file of facts (see 'casekit schema facts')."),
    case_id: str = typer.Option(None, "--case", help="Assess the facts recorded in this case instead."),
    jurisdiction: str = typer.Option(
        None, "--jurisdiction", "-j", help="Where the victim lives: CA, CA-ON, US, GB, AU (default CA)."
    ),
    on: str = typer.Option(None, "--on", help="Judge under the law in force on this date (YYYY-MM-DD)."),
    lang: str = typer.Option(None, "--lang", help=LANG_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Which offences the facts point to, how urgent it is, and what to do next (legal information only)."""
    _set_lang(lang)
    try:
        day = date.fromisoformat(on) if on else None
    except ValueError:
        raise CasekitError.from_key("error.invalid_value", detail="--on: YYYY-MM-DD") from None
    if case_id:
        result = _assess_case(case_id, jurisdiction, day)
    elif facts_file is not None:
        result = _assess_file(facts_file, jurisdiction, day)
    else:
        raise CasekitError.from_key("law.assess.nothing")
    if as_json:
        print_json(result)
    else:
        render(result, current_lang())


def _entries(jurisdiction: str | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for code in [kb.country_of(jurisdiction)] if jurisdiction else kb.jurisdictions():
        base = kb.load(code)
        for off in base.pack.offences:
            latest = off.versions[-1]
            rows.append(
                dict(
                    jurisdiction=code,
                    kind="offence",
                    id=off.id,
                    citation=off.section,
                    title=latest.title,
                    entry=off,
                )
            )
        for p in base.pack.provisions:
            rows.append(
                dict(jurisdiction=code, kind=p.kind, id=p.id, citation=p.citation, title=p.title, entry=p)
            )
        for ag in base.pack.agencies:
            rows.append(
                dict(
                    jurisdiction=code,
                    kind=ag.kind,
                    id=ag.id,
                    citation=", ".join(ag.regions),
                    title=ag.name,
                    entry=ag,
                )
            )
    for plat in kb.platforms():
        rows.append(
            dict(
                jurisdiction="*",
                kind="platform",
                id=plat.id,
                citation=plat.operator,
                title=Text(en=plat.name, fr=plat.name),
                entry=plat,
            )
        )
    return rows


@kb_app.command("list")
def kb_list(
    jurisdiction: str = typer.Option(None, "--jurisdiction", "-j", help="Only this country: CA, US, GB, AU."),
    lang: str = typer.Option(None, "--lang", help=LANG_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """List the knowledge base: every offence, power, agency and platform, with its sources."""
    _set_lang(lang)
    rows = _entries(jurisdiction)
    if as_json:
        print_json(
            {
                "jurisdictions": kb.jurisdictions(),
                "entries": [
                    {
                        "jurisdiction": r["jurisdiction"],
                        "kind": r["kind"],
                        "id": r["id"],
                        "citation": r["citation"],
                        "title": r["title"],
                        "sources": r["entry"].sources,
                        "last_verified": r["entry"].last_verified,
                        "unconfirmed": r["entry"].unconfirmed,
                    }
                    for r in rows
                ],
            }
        )
        return
    lang_now = current_lang()
    current = None
    for r in rows:
        if r["jurisdiction"] != current:
            current = r["jurisdiction"]
            console.print(f"\n[bold underline]{t('law.kb.heading', lang_now, jurisdiction=current)}[/]")
        entry = r["entry"]
        flag = " [yellow]*[/]" if entry.unconfirmed else ""
        console.print(
            f"  [bold]{escape(r['citation'])}[/] {_txt(r['title'], lang_now)} [dim]({t('law.kind.' + r['kind'], lang_now)}; "
            f"{t('law.report.verified', lang_now, day=entry.last_verified.isoformat())}){flag}[/]"
        )
        for src in entry.sources:
            console.print(f"      [dim]{escape(src.url)}[/]")
    console.print(f"\n[dim]{t('law.kb.legend', lang_now, count=len(rows))}[/]")


@schema_app.command("facts")
def schema_facts() -> None:
    """The facts vocabulary as JSON Schema (for the intake interview and other tools)."""
    print_json(facts_json_schema())


def register(app: typer.Typer) -> None:
    """Add this part's commands to the casekit app."""
    app.command("assess")(assess_command)
    app.add_typer(kb_app, name="kb")
    app.add_typer(schema_app, name="schema")
