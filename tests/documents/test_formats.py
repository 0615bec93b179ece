"""The same content in DOCX and Markdown; user text is never read as markup; gaps say so plainly."""

from __future__ import annotations

import io

import docx
import pytest

from casekit.documents import LETTER_KINDS, CaseBundle, build_brief, build_letter, build_statement, render
from casekit.documents.views import KeyMessage
from casekit.errors import DocumentError
from casekit.model import Case

from .conftest import pdf_text


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return " ".join(" ".join(parts).split())


def all_documents(bundle: CaseBundle, lang: str):
    yield "brief", build_brief(bundle, lang)
    yield "statement", build_statement(bundle, lang)
    for kind in LETTER_KINDS:
        yield kind, build_letter(bundle, kind, lang)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_docx_and_markdown_say_what_the_model_says(scenario, lang):
    _name, bundle = scenario
    for kind, doc in all_documents(bundle, lang):
        words = " ".join(doc.plain_text().split())
        in_docx = docx_text(render(doc, "docx"))
        in_md = render(doc, "md").decode("utf-8")
        for exhibit in bundle.exhibits if kind in ("brief", "statement") else ():
            assert exhibit.sha256 in in_docx and exhibit.sha256 in in_md, (kind, exhibit.label)
        if not doc.letter:  # a letter's title is its running header; its subject line is checked below
            assert doc.title in in_docx and doc.title in in_md
        # Every heading of the model is in both renderings.
        for block in doc.blocks:
            heading = getattr(block, "text", None)
            if isinstance(heading, str):
                assert heading in in_docx and heading in in_md, (kind, heading)
        subject = next(b for b in doc.blocks if hasattr(b, "spans")) if doc.letter else None
        if subject is not None:
            assert subject.spans[0].text in in_docx
        assert words  # the model itself is not empty


def test_docx_is_editable_with_real_tables_and_a_repeating_header(scenario):
    _name, bundle = scenario
    document = docx.Document(io.BytesIO(render(build_brief(bundle, "en"), "docx")))
    assert len(document.tables) >= 5
    xml = document.tables[1]._tbl.xml
    assert "w:tblHeader" in xml
    assert document.core_properties.title == "Police brief"


def test_user_text_is_never_markup(tmp_path):
    """A message written as Typst or Markdown markup prints as written, in every format."""
    bundle = CaseBundle(case=Case(id="abcdefabcdef", title="*bold* #pagebreak() [x](y) <b>"))
    nasty = '#pagebreak() ]] $x$ *not bold* _u_ `code` <script> | pipe \\ back "quote" @ref'
    bundle.messages = [KeyMessage(None, "#sender", nasty, "SMS", "E1", "0" * 64, "line 1")]
    doc = build_brief(bundle, "en")
    text = pdf_text(render(doc, "pdf"), tmp_path)
    assert nasty in text and "*bold* #pagebreak() [x](y) <b>" in text
    assert nasty in docx_text(render(doc, "docx"))
    md = render(doc, "md").decode()
    assert "\\#pagebreak() \\]\\] $x$ \\*not bold\\*" in md and "\\<script\\> \\| pipe" in md


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_case_with_nothing_recorded_still_gives_every_document(lang, tmp_path):
    bundle = CaseBundle(case=Case(id="0123456789ab", title="Nothing yet"))
    bundle.gaps.update({"assessment", "exhibits", "messages", "oversight"})
    for kind, doc in all_documents(bundle, lang):
        text = pdf_text(render(doc, "pdf"), tmp_path)
        assert text, kind
    brief = pdf_text(render(build_brief(bundle, lang), "pdf"), tmp_path)
    assert ("Not yet recorded." if lang == "en" else "Pas encore consigné.") in brief
    assert ("No exhibits recorded yet." if lang == "en" else "Aucune pièce n'est encore consignée.") in brief
    letter = pdf_text(render(build_letter(bundle, "preservation", lang), "pdf"), tmp_path)
    assert (
        "cannot name what to preserve" if lang == "en" else "ne peut donc pas préciser quoi conserver"
    ) in letter


def test_unknown_format_and_letter_are_plain_errors():
    bundle = CaseBundle(case=Case(id="0123456789ab", title="x"))
    with pytest.raises(DocumentError) as excinfo:
        render(build_brief(bundle, "en"), "odt")
    assert "odt" in excinfo.value.message and "pdf, docx or md" in excinfo.value.hint
    with pytest.raises(DocumentError):
        build_letter(bundle, "threat", "en")


def test_pdf_is_reproducible(scenario):
    _name, bundle = scenario
    doc = build_brief(bundle, "en")
    assert render(doc, "pdf") == render(doc, "pdf")


def test_rendering_writes_no_temporary_file(scenario, tmp_path, monkeypatch):
    """Documents hold message text: they are laid out in memory, never through a temp file."""
    import tempfile

    spool = tmp_path / "tmp"
    spool.mkdir()
    for var in ("TMPDIR", "TEMP", "TMP"):
        monkeypatch.setenv(var, str(spool))
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    _name, bundle = scenario
    for _kind, doc in all_documents(bundle, "fr"):
        for fmt in ("pdf", "docx", "md"):
            assert render(doc, fmt)
    assert list(spool.iterdir()) == []


def test_emoji_in_a_message_are_spelled_out_in_the_pdf_not_lost(tmp_path):
    bundle = CaseBundle(case=Case(id="abcdefabcdef", title="emoji"))
    bundle.messages = [
        KeyMessage(None, "jake", "i skate too \U0001f6f9 \u2764\ufe0f ok", "SMS", "E1", "0" * 64, "line 1")
    ]
    doc = build_brief(bundle, "en")
    text = pdf_text(render(doc, "pdf"), tmp_path)
    assert "i skate too [skateboard] [heavy black heart] ok" in text
    assert "\U0001f6f9" in docx_text(render(doc, "docx"))  # Word and Markdown keep the emoji itself
    assert "\U0001f6f9" in render(doc, "md").decode()


def test_french_documents_hold_no_english_phrase(scenario, monkeypatch):
    """Every phrase is looked up in the document's language, never the terminal's."""
    from importlib import resources

    import yaml

    monkeypatch.setenv("CASEKIT_LANG", "en")
    phrases = yaml.safe_load(
        resources.files("casekit.locale").joinpath("documents.yaml").read_text(encoding="utf-8")
    )
    english = {
        key: texts["en"].split("{")[0].strip()
        for key, texts in phrases.items()
        if texts["en"] != texts["fr"] and len(texts["en"].split("{")[0].strip()) >= 12
    }
    _name, bundle = scenario
    for kind, doc in all_documents(bundle, "fr"):
        words = doc.plain_text()
        leaked = [key for key, start in english.items() if start in words]
        assert leaked == [], (kind, leaked)


def test_a_long_custody_log_is_summarised_not_dropped():
    import hashlib

    from casekit.model import Exhibit

    from .scenarios import _custody

    bundle = CaseBundle(case=Case(id="abcdefabcdef", title="many screenshots"))
    bundle.exhibits = [
        Exhibit(
            case_id=bundle.case.id,
            number=i + 1,
            sha256=hashlib.sha256(bytes([i])).hexdigest(),
            size=1,
            original_name=f"s{i}.png",
        )
        for i in range(60)
    ]
    bundle.custody = _custody(bundle.exhibits)
    md = render(build_brief(bundle, "en"), "md").decode()
    assert "60 acquisition entries (one per exhibit" in md
    assert md.count("| **E") == 60  # every exhibit is still in the index
    assert bundle.custody.head_hash in md


def test_a_layout_failure_is_a_plain_error_without_content(monkeypatch):
    import typst

    from casekit.documents import render_typst

    def broken(*args, **kwargs):
        raise typst.TypstError('unknown variable: "SECRET message text"')

    monkeypatch.setattr(render_typst.typst, "compile", broken)
    with pytest.raises(DocumentError) as excinfo:
        render(build_brief(CaseBundle(case=Case(id="0123456789ab", title="x")), "en"), "pdf")
    assert "SECRET" not in str(excinfo.value) and "unknown variable" in excinfo.value.message
    assert "docx or md" in excinfo.value.hint


def test_characters_the_pdf_fonts_lack_become_code_points_not_failures(tmp_path):
    """PDF/A forbids a character with no glyph: CJK (which the bundled fonts lack) is written as code points."""
    bundle = CaseBundle(case=Case(id="abcdefabcdef", title="scripts"))
    said = "Привет 你好 Ελλάδα déjà vu \x07"
    bundle.messages = [KeyMessage(None, "x", said, "SMS", "E1", "0" * 64, "line 1")]
    doc = build_brief(bundle, "en")
    text = pdf_text(render(doc, "pdf"), tmp_path)
    assert "Привет [U+4F60][U+597D] Ελλάδα déjà vu [U+0007]" in text
    assert "你好" in docx_text(render(doc, "docx"))
