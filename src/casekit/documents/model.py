"""One intermediate document model, rendered three ways (Typst PDF, DOCX, Markdown).

Builders (brief, statement, letters) produce a ``Document``; renderers never decide content, only
layout.  That keeps the three formats saying exactly the same thing.  Text is carried as plain strings
in ``Span``s — never as markup — so a chat message containing ``*`` or ``#`` prints as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    mono: bool = False


Text = tuple[Span, ...]


def text(*parts: str | Span) -> Text:
    """Build a run of spans; plain strings become unstyled spans."""
    return tuple(p if isinstance(p, Span) else Span(p) for p in parts if p != "")


def plain(value: Text) -> str:
    return "".join(s.text for s in value)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Para:
    spans: Text
    style: Literal["body", "note", "quote", "small"] = "body"


@dataclass(frozen=True)
class Bullets:
    items: tuple[Text, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    """A table that may run across pages; the header row repeats on each page in the PDF."""

    header: tuple[str, ...]
    rows: tuple[tuple[Text, ...], ...]
    widths: tuple[float, ...] = ()  # relative column widths; empty = equal


@dataclass(frozen=True)
class Fields:
    """Label / value pairs, e.g. the title block or a person's identifiers."""

    rows: tuple[tuple[str, Text], ...]


@dataclass(frozen=True)
class Address:
    """A letter's address block: one line per entry."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Signature:
    """Lines to sign on: label under each rule (signature, name, date)."""

    labels: tuple[str, ...]
    name: str | None = None


Block = Heading | Para | Bullets | Table | Fields | Address | Signature


@dataclass
class Document:
    kind: str  # brief | statement | letter-preservation | letter-escalation | letter-complaint
    lang: str
    title: str
    subtitle: str = ""
    meta: list[tuple[str, str]] = field(default_factory=list)  # title-block rows
    header: str = ""  # running header (case id, "confidential")
    footer: str = ""  # running footer, left of the page number (default: the title)
    generated_ts: float = 0  # seconds since the epoch: the PDF's creation date
    disclaimer: str = ""  # printed at the foot of the last page
    letter: bool = False  # letters have no title block, a letterhead layout instead
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> Document:
        self.blocks.extend(blocks)
        return self

    def plain_text(self) -> str:
        """Everything the document says, for tests and search (no layout)."""
        out: list[str] = [self.title, self.subtitle]
        out += [f"{k}: {v}" for k, v in self.meta]
        for b in self.blocks:
            if isinstance(b, Heading):
                out.append(b.text)
            elif isinstance(b, Para):
                out.append(plain(b.spans))
            elif isinstance(b, Bullets):
                out += [plain(i) for i in b.items]
            elif isinstance(b, Table):
                out.append(" | ".join(b.header))
                out += [" | ".join(plain(c) for c in row) for row in b.rows]
            elif isinstance(b, Fields):
                out += [f"{k}: {plain(v)}" for k, v in b.rows]
            elif isinstance(b, Address):
                out += list(b.lines)
            elif isinstance(b, Signature):
                out += list(b.labels)
        out.append(self.disclaimer)
        return "\n".join(x for x in out if x)
