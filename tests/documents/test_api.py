"""The documents part's public API is what its docstring promises."""

from __future__ import annotations

import casekit.documents as documents


def test_public_api_is_listed():
    assert set(documents.__all__) == {
        "FORMATS",
        "LANGS",
        "LETTER_KINDS",
        "CaseBundle",
        "Document",
        "build_brief",
        "build_letter",
        "build_statement",
        "export_package",
        "gather",
        "render",
        "write_atomic",
    }
    for name in documents.__all__:
        assert getattr(documents, name) is not None
    assert documents.FORMATS == ("pdf", "docx", "md") and documents.LANGS == ("en", "fr")
    assert documents.LETTER_KINDS == ("preservation", "escalation", "complaint")


def test_every_document_command_has_help():
    from typer.testing import CliRunner

    from casekit.cli import app

    runner = CliRunner()
    for args in (
        ["brief"],
        ["statement"],
        ["letter", "preservation"],
        ["letter", "escalation"],
        ["letter", "complaint"],
        ["export"],
    ):
        result = runner.invoke(app, [*args, "--help"])
        assert result.exit_code == 0, args
        assert "--case" in result.output
