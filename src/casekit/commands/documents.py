"""casekit brief | statement | letter preservation|escalation|complaint | export"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from ..errors import DocumentError
from ..i18n import t
from ..settings import Settings
from ._common import console, err_console, open_store

CASE_HELP = "The case id (see 'casekit case list')."
FORMAT_HELP = "pdf (to print or send), docx (to edit in Word or LibreOffice) or md (plain text)."
LANG_HELP = "Language of the document: en or fr."
OUT_HELP = "Where to write the document (default: <case>-<document>-<lang>.<format> in this folder)."

letter_app = typer.Typer(
    help="Write a letter: preservation (to the platform), escalation (to the watch commander), "
    "complaint (to the police oversight body).",
    no_args_is_help=True,
)


def _check(fmt: str, lang: str) -> None:
    from ..documents import FORMATS, LANGS

    if fmt not in FORMATS:
        raise DocumentError.from_key("error.document_format", format=fmt)
    if lang not in LANGS:
        raise DocumentError.from_key("error.document_lang", lang=lang)


def _vault(store, passphrase_needed: bool = False):
    """The vault, with CASEKIT_PASSPHRASE, or asked for at a terminal once evidence exists: message text
    is sealed with the case key, so quoting it needs the passphrase."""
    from ..vault import Vault

    passphrase = os.environ.get("CASEKIT_PASSPHRASE")
    if (
        not passphrase
        and sys.stdin.isatty()
        and (passphrase_needed or Vault(store, passphrase="").has_setup())
    ):
        passphrase = typer.prompt(t("evidence.passphrase_prompt"), hide_input=True, err=True)
    return Vault(store, Settings.from_env(), passphrase=passphrase)


def _say_gaps(bundle, lang: str) -> None:
    if "messages_locked" in bundle.gaps:
        err_console.print(t("doc.messages_locked", lang), highlight=False)


def _write_document(case_id: str, name: str, build, fmt: str, lang: str, output: Path | None) -> None:
    from ..documents import gather, render, write_atomic

    _check(fmt, lang)
    store = open_store()
    bundle = gather(store, case_id, vault=_vault(store))
    _say_gaps(bundle, lang)
    data = render(build(bundle, lang), fmt)
    path = write_atomic(output or Path(f"{case_id}-{name}-{lang}.{fmt}"), data)
    console.print(t("doc.written", lang, path=path))


def brief(
    case_id: str = typer.Option(..., "--case", "-c", help=CASE_HELP),
    fmt: str = typer.Option("pdf", "--format", "-f", help=FORMAT_HELP),
    lang: str = typer.Option("en", "--lang", "-l", help=LANG_HELP),
    output: Path | None = typer.Option(None, "--output", "-o", help=OUT_HELP),
) -> None:
    """Write the police brief: what happened, the evidence and its custody, the law, the steps police can take."""
    from ..documents import build_brief

    _write_document(case_id, "brief", build_brief, fmt, lang, output)


def statement(
    case_id: str = typer.Option(..., "--case", "-c", help=CASE_HELP),
    fmt: str = typer.Option("pdf", "--format", "-f", help=FORMAT_HELP),
    lang: str = typer.Option("en", "--lang", "-l", help=LANG_HELP),
    output: Path | None = typer.Option(None, "--output", "-o", help=OUT_HELP),
    narrative: Path | None = typer.Option(
        None,
        "--narrative",
        help="A text file with what happened in your own words; it is kept with the case and quoted as written.",
    ),
) -> None:
    """Write your statement: first person, in time order, with exhibit numbers and a place to sign."""
    from ..documents import build_statement

    if narrative is not None:
        _save_narrative(case_id, narrative, lang)
    _write_document(case_id, "statement", build_statement, fmt, lang, output)


def _save_narrative(case_id: str, path: Path, lang: str) -> None:
    """Keep the person's own account with the case, as an undated timeline entry of source "narrative"
    (not a fact: facts are the law part's vocabulary, and an unknown key would upset its checks).  The
    latest account given is the one statements quote."""
    from ..documents.bundle import NARRATIVE_SOURCE
    from ..model import TimelineEvent
    from ..store import CaseRepository, TimelineRepository

    try:
        words = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        raise DocumentError.from_key("error.narrative_read", path=path.name, reason=reason) from None
    if not words:
        raise DocumentError.from_key("error.narrative_empty", path=path.name)
    with open_store().session() as s:
        CaseRepository(s).get(case_id)
        TimelineRepository(s).add(
            TimelineEvent(
                case_id=case_id,
                title=t("statement.h.own_words", lang),
                detail=words,
                source=NARRATIVE_SOURCE,
                reference=f"file:{path.name}",
            )
        )
    console.print(t("statement.narrative_saved", lang))


def _letter_command(kind: str, doc_help: str):
    def command(
        case_id: str = typer.Option(..., "--case", "-c", help=CASE_HELP),
        fmt: str = typer.Option("pdf", "--format", "-f", help=FORMAT_HELP),
        lang: str = typer.Option("en", "--lang", "-l", help=LANG_HELP),
        output: Path | None = typer.Option(None, "--output", "-o", help=OUT_HELP),
        platform: str | None = typer.Option(
            None, "--platform", "-p", help="For preservation: which platform (default: the first recorded)."
        ),
    ) -> None:
        from ..documents import build_letter

        def build(bundle, lang_):
            return build_letter(bundle, kind, lang_, platform)

        _write_document(case_id, f"letter-{kind}", build, fmt, lang, output)

    command.__doc__ = doc_help
    return command


letter_app.command("preservation")(
    _letter_command("preservation", "Ask the platform to preserve the suspect's account data.")
)
letter_app.command("escalation")(
    _letter_command("escalation", "Ask the watch commander to review a decision not to investigate.")
)
letter_app.command("complaint")(
    _letter_command("complaint", "Complain to your province's police oversight body.")
)


def export(
    directory: Path = typer.Argument(..., help="A new folder to write the evidence package into."),
    case_id: str = typer.Option(..., "--case", "-c", help=CASE_HELP),
    lang: str = typer.Option("en", "--lang", "-l", help=LANG_HELP),
    include_files: bool = typer.Option(
        False,
        "--include-files",
        help="Also include the exhibits' contents (decrypted). Sensitive items are never included.",
    ),
) -> None:
    """Write the evidence package: a BagIt bag with the documents, custody log, CASE/UCO description and README."""
    from ..documents import export_package, gather

    _check("pdf", lang)
    store = open_store()
    vault = _vault(store, passphrase_needed=include_files)
    bundle = gather(store, case_id, vault=vault)
    _say_gaps(bundle, lang)
    result = export_package(bundle, directory, lang=lang, include_files=include_files, vault=vault)
    console.print(t("export.done", lang, path=result.path, files=len(result.files)))
    if result.verified is False:
        err_console.print(t("export.verify_failed", lang), highlight=False)
    if result.sensitive_skipped:
        console.print(t("export.sensitive_skipped", lang, count=len(result.sensitive_skipped)))


def register(app: typer.Typer) -> None:
    """Add this part's commands to the casekit app."""
    app.command("brief")(brief)
    app.command("statement")(statement)
    app.add_typer(letter_app, name="letter")
    app.command("export")(export)
