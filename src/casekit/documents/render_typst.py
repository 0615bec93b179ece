"""Document → PDF through Typst (the ``typst`` package), entirely in memory.

The layout is ``templates/document.typ``; the content is passed as JSON through ``sys.inputs`` so user
text is data, never markup.  Nothing is written to a temporary file (the document holds evidence).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from functools import cache
from importlib import resources
from typing import Any

import typst

from ..errors import DocumentError
from ..i18n import t
from .glyphs import printable
from .model import Address, Bullets, Document, Fields, Heading, Para, Signature, Table, Text


def _spans(value: Text) -> list[dict[str, Any]]:
    return [{"t": s.text, "b": s.bold, "i": s.italic, "m": s.mono} for s in value]


def _block(block: Any) -> dict[str, Any]:
    if isinstance(block, Heading):
        return {"type": "heading", "text": block.text, "level": block.level}
    if isinstance(block, Para):
        return {"type": "para", "spans": _spans(block.spans), "style": block.style}
    if isinstance(block, Bullets):
        return {"type": "bullets", "items": [_spans(i) for i in block.items], "numbered": block.numbered}
    if isinstance(block, Table):
        return {
            "type": "table",
            "header": list(block.header),
            "rows": [[_spans(c) for c in row] for row in block.rows],
            "widths": list(block.widths),
        }
    if isinstance(block, Fields):
        return {"type": "fields", "rows": [[k, _spans(v)] for k, v in block.rows]}
    if isinstance(block, Address):
        return {"type": "address", "lines": list(block.lines)}
    if isinstance(block, Signature):
        return {"type": "signature", **asdict(block)}
    raise TypeError(type(block).__name__)


def document_json(doc: Document) -> str:
    """The document as the template reads it, every character printable by the bundled fonts."""
    return json.dumps(
        printable(
            {
                "title": doc.title,
                "subtitle": doc.subtitle,
                "meta": [list(m) for m in doc.meta],
                "header": doc.header,
                "footer": doc.footer or doc.title,
                "disclaimer": doc.disclaimer,
                "letter": doc.letter,
                "lang": doc.lang,
                "page_label": t("doc.page", doc.lang),
                "blocks": [_block(b) for b in doc.blocks],
            }
        ),
        ensure_ascii=False,
    )


@cache
def _template() -> bytes:
    return resources.files("casekit.documents").joinpath("templates/document.typ").read_bytes()


def render_pdf(doc: Document) -> bytes:
    try:
        return typst.compile(
            _template(),
            sys_inputs={"doc": document_json(doc)},
            ignore_system_fonts=True,
            # A fixed creation date keeps the PDF identical between runs; the brief carries its own date.
            timestamp=int(doc.generated_ts),
            # PDF/A-2b: the archival form records systems keep; Typst refuses to write a non-conforming file.
            pdf_standards=["a-2b"],
        )
    except RuntimeError as exc:
        # Keep Typst's first line, with anything it quotes removed: a quoted value could be evidence text.
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        detail = re.sub(r'"[^"]*"|`[^`]*`|\'[^\']*\'', "…", first)[:200]
        raise DocumentError.from_key("error.document_render", kind=doc.title, detail=detail) from None
