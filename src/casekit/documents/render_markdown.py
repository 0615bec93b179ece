"""Document → Markdown (GitHub-flavoured: pipe tables).  Text is escaped, never interpreted."""

from __future__ import annotations

import re

from .model import Address, Bullets, Document, Fields, Heading, Para, Signature, Table, Text

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~])")


def _esc(value: str) -> str:
    return _SPECIAL.sub(r"\\\1", value)


def _spans(value: Text, *, cell: bool = False) -> str:
    out = []
    for s in value:
        body = s.text
        if s.mono:
            # A code span cannot be escaped inside; hashes and handles have no backticks worth keeping.
            body = "`" + body.replace("`", "'").replace("\n", " ") + "`"
        else:
            body = _esc(body)
        lead = body[: len(body) - len(body.lstrip())]
        trail = body[len(body.rstrip()) :]
        if s.bold and body.strip():
            body = f"{lead}**{body.strip()}**{trail}"
        elif s.italic and body.strip():
            body = f"{lead}*{body.strip()}*{trail}"
        out.append(body)
    joined = "".join(out)
    return joined.replace("\n", "<br>" if cell else "  \n")


def render_markdown(doc: Document) -> bytes:
    lines: list[str] = []
    if doc.header:
        lines += [f"> {_esc(doc.header)}", ""]
    lines += [f"# {_esc(doc.title)}", ""]
    if doc.subtitle:
        lines += [f"**{_esc(doc.subtitle)}**", ""]
    if doc.meta:
        lines += ["| | |", "|---|---|"]
        lines += [f"| {_esc(k)} | {_esc(v)} |" for k, v in doc.meta]
        lines.append("")
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines += [f"{'#' * (block.level + 1)} {_esc(block.text)}", ""]
        elif isinstance(block, Para):
            body = _spans(block.spans)
            if block.style in ("quote", "note"):
                body = "> " + body.replace("\n", "\n> ")
            lines += [body, ""]
        elif isinstance(block, Bullets):
            for i, item in enumerate(block.items, 1):
                lines.append(f"{i}. {_spans(item)}" if block.numbered else f"- {_spans(item)}")
            lines.append("")
        elif isinstance(block, Table):
            lines.append("| " + " | ".join(_esc(h) for h in block.header) + " |")
            lines.append("|" + "---|" * len(block.header))
            for row in block.rows:
                lines.append("| " + " | ".join(_spans(c, cell=True) for c in row) + " |")
            lines.append("")
        elif isinstance(block, Fields):
            colon = " :" if doc.lang == "fr" else ":"
            for label, value in block.rows:
                lines.append(f"- **{_esc(label)}{colon}** {_spans(value)}")
            lines.append("")
        elif isinstance(block, Address):
            lines += [_esc(line) + "  " for line in block.lines]
            lines.append("")
        elif isinstance(block, Signature):
            if block.name:
                lines += [_esc(block.name), ""]
            for label in block.labels:
                lines += [f"{_esc(label)}: ______________________________", ""]
    if doc.disclaimer:
        lines += ["---", "", f"*{_esc(doc.disclaimer)}*", ""]
    return "\n".join(lines).encode("utf-8")
