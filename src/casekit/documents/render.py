"""Pick a renderer by format and write the result safely (whole file or nothing)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from ..errors import DocumentError
from .model import Document

FORMATS = ("pdf", "docx", "md")


def render(doc: Document, fmt: str) -> bytes:
    if fmt == "pdf":
        from .render_typst import render_pdf

        return render_pdf(doc)
    if fmt == "docx":
        from .render_docx import render_docx

        return render_docx(doc)
    if fmt == "md":
        from .render_markdown import render_markdown

        return render_markdown(doc)
    raise DocumentError.from_key("error.document_format", format=fmt)


def write_atomic(path: Path, data: bytes) -> Path:
    """Write beside the target then rename, so a failure never leaves half a document (or half an old one)."""
    path = Path(path)
    part = path.with_name(f".{path.name}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(part, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(part, path)
    except OSError as exc:
        with contextlib.suppress(OSError):  # the folder itself may be unusable: nothing to clean then
            part.unlink(missing_ok=True)
        raise DocumentError.from_key(
            "error.document_write", path=path, reason=exc.strerror or type(exc).__name__
        ) from None
    return path
