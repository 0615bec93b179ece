"""casekit intake | facts [set | unset]"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
import yaml
from rich.table import Table

from ..errors import CasekitError, IntakeError
from ..i18n import current_lang, set_lang, t
from ..law.facts import FACTS, validate_fact
from ..model import Fact, FactSource
from ..store import CaseRepository, FactRepository
from ._common import JSON_HELP, console, open_store, print_json

if TYPE_CHECKING:
    from ..intake import Intake, Step
    from ..intake.terminal import TerminalInterview

HAND_SET = "casekit facts set"
CASE_HELP = "The case id (see 'casekit case list')."
LANG_HELP = "Language of the questions and advice: en or fr (default: your system's)."


def _lang(lang: str | None) -> None:
    if lang is not None:
        try:
            set_lang(lang)
        except ValueError:
            raise CasekitError.from_key("error.invalid_value", detail="--lang: en | fr") from None


def intake(
    case_id: str = typer.Option(..., "--case", "-c", help=CASE_HELP),
    answers: Path = typer.Option(
        None,
        "--answers",
        help="A YAML file of answers: run without asking (see examples/intake/).",
        dir_okay=False,
    ),
    lang: str = typer.Option(None, "--lang", help=LANG_HELP),
    restart: bool = typer.Option(
        False, "--restart", help="Clear this case's earlier interview answers and start again."
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP + " Only with --answers."),
) -> None:
    """Answer the guided questions about what happened: safety first, then the facts, then what to do."""
    try:
        _run_intake(case_id, answers, lang, restart, as_json)
    finally:
        set_lang(None)  # the language was fixed for this command only


def _run_intake(case_id: str, answers: Path | None, lang: str | None, restart: bool, as_json: bool) -> None:
    # The interview engine is imported here, not at the top: casekit facts, in this module too, never
    # needs it (~45 ms of imports).
    from ..intake import Intake, Status, describe, outcome, read_answer_file, run_answer_file
    from ..intake.terminal import TerminalInterview, print_assessment, print_outcome

    _lang(lang)
    if as_json and answers is None:
        raise IntakeError.from_key("intake.error.json_needs_answers")
    doc = read_answer_file(answers) if answers is not None else None
    store = open_store()
    session = Intake(store, case_id, lang=lang or (doc.lang if doc else None))
    set_lang(session.lang)
    if restart:
        session.restart()
        if not as_json:
            console.print(t("intake.restarted"))
    if doc is not None:
        step = run_answer_file(session, doc)
        if not as_json:
            console.print(t("intake.answers_applied", count=len(doc.answers), file=doc.path.name))
    else:
        terminal = TerminalInterview(session, console)
        step, left = terminal.run()
        if left:
            # Leaving early still leaves with the checklist: what to do (and not do) does not wait.
            print_outcome(console, outcome(step, case_id, session.lang), session.lang)
            return
        step = _follow_up(session, terminal, step)
    result = outcome(step, case_id, session.lang)
    assessment = _assessment(session) if step.status is not Status.stopped else None
    if as_json:
        doc_out: dict[str, Any] = {"case_id": case_id, "lang": session.lang, **result.to_json()}
        doc_out["next_question"] = (
            describe(step.question, session.interview, session.lang)
            if step.status is Status.asking and step.question
            else None
        )
        with store.session() as s:
            doc_out["facts"] = FactRepository(s).as_dict(case_id)
        doc_out["assessment"] = assessment.model_dump(mode="json") if assessment is not None else None
        print_json(doc_out)
        return
    print_outcome(console, result, session.lang)
    if step.status is Status.stopped:
        return
    if step.status is Status.asking and step.question is not None:
        console.print()
        console.print(t("intake.open_questions", question=step.question.id, case_id=case_id))
    else:
        console.print()
        console.print(t("intake.finished"))
    print_assessment(console, assessment, session.lang, case_id)


def _assessment(session: Intake) -> Any:
    from ..intake import assess_step

    with session.store.session() as s:
        facts = FactRepository(s).as_dict(session.case_id)
    return assess_step(facts, session.case.jurisdiction)


def _follow_up(session: Intake, terminal: TerminalInterview, step: Step) -> Step:
    """Offer the questions the main path skipped but the law engine says could change its result."""
    from ..intake import Status

    for round_number in range(3):  # an answer can open one more question (a threat → how soon)
        assessment = _assessment(session) if step.status is Status.finished else None
        wanted = [q.key for q in assessment.questions] if assessment is not None else []
        questions = session.follow_ups(wanted)
        if not questions:
            break
        after = terminal.follow_up(questions, offer=round_number == 0)
        if after is None:
            break
        step = after
        if step.status is Status.stopped:
            break
    return step


facts_app = typer.Typer(help="Show and change a case's facts (what the law engine reads).")


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return t("facts.yes") if value else t("facts.no")
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


@facts_app.callback(invoke_without_command=True)
def facts_show(
    ctx: typer.Context,
    case_id: str = typer.Option(None, "--case", "-c", help=CASE_HELP),
    lang: str = typer.Option(None, "--lang", help="Language of the labels: en or fr."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Show the facts of a case: casekit facts --case ID [--json]."""
    if ctx.invoked_subcommand is not None:
        return
    try:
        _show_facts(case_id, lang, as_json)
    finally:
        set_lang(None)


def _show_facts(case_id: str | None, lang: str | None, as_json: bool) -> None:
    _lang(lang)
    if case_id is None:
        raise CasekitError.from_key("facts.error.case_missing")
    with open_store().session() as s:
        CaseRepository(s).get(case_id)
        facts = FactRepository(s).for_case(case_id)
    if as_json:
        print_json(
            {
                "case_id": case_id,
                "facts": {f.key: f.model_dump(mode="json")["value"] for f in facts},
                "details": [f.model_dump(mode="json", exclude={"case_id"}) for f in facts],
            }
        )
        return
    if not facts:
        console.print(t("facts.none", case_id=case_id))
        return
    lang_now = current_lang()
    table = Table(title=t("facts.title", case_id=case_id))
    table.add_column(t("facts.col.key"), no_wrap=True)
    for col in ("label", "value", "from"):
        table.add_column(t(f"facts.col.{col}"))
    for f in facts:
        spec = FACTS.get(f.key)
        table.add_row(f.key, spec.label(lang_now) if spec else "", _shown(f.value), _origin(f))
    console.print(table)


def _origin(fact: Fact) -> str:
    provenance = fact.provenance or ""
    if provenance.startswith("intake:derived:"):
        return t("facts.from.derived")
    if provenance.startswith("intake:"):
        return t("facts.from.interview")
    if provenance == HAND_SET:
        return t("facts.from.hand")
    return provenance or fact.source.value


def _value(key: str, raw: str) -> Any:
    spec = FACTS.get(key)
    if spec is not None and spec.kind == "list":
        return [part.strip() for part in raw.split(",") if part.strip()]
    if spec is not None and spec.kind in ("enum", "date"):
        return raw
    try:
        return yaml.safe_load(raw)
    except yaml.YAMLError:
        return raw


@facts_app.command("set")
def facts_set(
    key: str = typer.Argument(..., help="The fact, e.g. victim_age (see 'casekit schema facts')."),
    value: str = typer.Argument(..., help="Its value: true/false, a number, a choice, or 'unknown'."),
    case_id: str = typer.Option(..., "--case", "-c", help=CASE_HELP),
) -> None:
    """Set one fact by hand (it takes precedence over the interview's answer)."""
    normalised = validate_fact(key, _value(key, value))
    with open_store().session() as s:
        CaseRepository(s).get(case_id)
        repo = FactRepository(s)
        if normalised is None:
            repo.unset(case_id, key)
        else:
            repo.set(
                Fact(case_id=case_id, key=key, value=normalised, source=FactSource.user, provenance=HAND_SET)
            )
        CaseRepository(s).touch(case_id)
    if normalised is None:
        console.print(t("facts.unset", key=key, case_id=case_id))
    else:
        console.print(t("facts.set", key=key, case_id=case_id, value=_shown(normalised)))


@facts_app.command("unset")
def facts_unset(
    key: str = typer.Argument(..., help="The fact to forget (it becomes unknown)."),
    case_id: str = typer.Option(..., "--case", "-c", help=CASE_HELP),
) -> None:
    """Make one fact unknown again."""
    with open_store().session() as s:
        CaseRepository(s).get(case_id)
        removed = FactRepository(s).unset(case_id, key)
    console.print(t("facts.unset" if removed else "facts.unset_absent", key=key, case_id=case_id))


def register(app: typer.Typer) -> None:
    """Add this part's commands to the casekit app."""
    app.command("intake")(intake)
    app.add_typer(facts_app, name="facts")
