"""Reading JSON exports: whole-document load with the place of any damage, Meta's mojibake repair, and
small accessors that fail with a JSON path rather than a KeyError."""

from __future__ import annotations

import json
import re
from typing import Any

from .base import Source, fail, head_text, read_text


def load_json(source: Source) -> Any:
    text = read_text(source)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise fail(source, f"line {exc.lineno}, column {exc.colno}", "import.bad_json") from None
    except RecursionError:
        raise fail(source, "line 1", "import.bad_json") from None


def has_keys(head: bytes, *keys: str) -> bool:
    """Whether every ``"key":`` appears in the first bytes (a cheap sniff; no parsing)."""
    text = head_text(head)
    return all(re.search(rf'"{re.escape(key)}"\s*:', text) is not None for key in keys)


def starts_json(head: bytes) -> str:
    """'{' or '[' when the bytes start like a JSON document, else ''."""
    text = head_text(head).lstrip()
    return text[:1] if text[:1] in ("{", "[") else ""


def fix_mojibake(value: Any) -> Any:
    """Meta writes UTF-8 bytes as if each were a latin-1 character ('Ã©' for 'é'); undo that per string.
    A string that was not damaged this way is returned unchanged."""
    if isinstance(value, str):
        try:
            return value.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return value
    if isinstance(value, list):
        return [fix_mojibake(v) for v in value]
    if isinstance(value, dict):
        return {fix_mojibake(k): fix_mojibake(v) for k, v in value.items()}
    return value


def obj(value: Any, source: Source, where: str, format_name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise fail(source, where, "import.bad_shape", format=format_name)
    return value


def items(value: Any, source: Source, where: str, format_name: str) -> list[Any]:
    if not isinstance(value, list):
        raise fail(source, where, "import.bad_shape", format=format_name)
    return value


def text_of(value: Any) -> str:
    """A display string for a value that should be text (None → '', numbers → their digits)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float | bool):
        return str(value)
    return json.dumps(value, ensure_ascii=False)
