"""Documents: the police brief, the statement, three letters, and the verifiable evidence package.

::

    from casekit.documents import gather, build_brief, build_statement, build_letter, render, export_package

    bundle = gather(store, case_id)            # CaseBundle: facts, people, exhibits, custody, law, messages
    doc = build_brief(bundle, "fr")            # one Document model …
    pdf = render(doc, "pdf")                   # … three renderers: "pdf" (Typst), "docx", "md"
    export_package(bundle, Path("package"), lang="en", include_files=False, vault=None)  # BagIt + CASE/UCO

Every statement in a document cites a recorded fact (``[fact key]``) or an exhibit (E-number, listed with
its SHA-256).  Sensitive exhibits appear only as a description and hashes; nothing is ever shown as an
image, and no document or package ever holds a sensitive item's content.
"""

from __future__ import annotations

from .brief import build_brief
from .bundle import CaseBundle
from .export import export_package
from .gather import gather
from .letters import LETTER_KINDS, build_letter
from .model import Document
from .render import FORMATS, render, write_atomic
from .statement import build_statement

LANGS = ("en", "fr")

__all__ = [
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
]
