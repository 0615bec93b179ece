"""Demo step: the full police package for the demo case — brief, statement and letters (PDF, English
and French) and the BagIt evidence package — written to ``ctx.output_dir`` or <CASEKIT_HOME>/casekit-demo/."""

from __future__ import annotations

from ..documents import (
    LETTER_KINDS,
    build_brief,
    build_letter,
    build_statement,
    export_package,
    gather,
    render,
)
from ..documents.gather import open_vault
from ..documents.render import write_atomic
from ..i18n import t
from . import DemoContext


def run(ctx: DemoContext) -> None:
    out = ctx.output_dir or ctx.settings.home / "casekit-demo"
    vault = open_vault(ctx.store, ctx.settings)
    bundle = gather(ctx.store, ctx.case_id, ctx.settings, vault=vault)
    for lang in ("en", "fr"):
        docs = {"brief": build_brief(bundle, lang), "statement": build_statement(bundle, lang)}
        for kind in LETTER_KINDS:
            docs[f"letter-{kind}"] = build_letter(bundle, kind, lang)
        for name, doc in docs.items():
            path = write_atomic(out / f"{ctx.case_id}-{name}-{lang}.pdf", render(doc, "pdf"))
            ctx.produced[f"{name.replace('-', '_')}_{lang}"] = path
    package = export_package(bundle, out / f"{ctx.case_id}-evidence-package", lang="en", vault=vault)
    ctx.produced["evidence_package"] = package.path
    ctx.say(t("doc.written", path=package.path))
