"""Characters the PDF can print.

The PDF embeds only the fonts bundled with Typst (Libertinus Serif, New Computer Modern, DejaVu Sans
Mono), so it is the same on every computer and is valid PDF/A.  They cover Latin (French included),
Greek and Cyrillic, but no emoji, CJK or Arabic, and PDF/A forbids a character drawn with no glyph.  So
before layout, emoji become their names in brackets ("[skateboard]") and any other character the fonts
lack becomes its code point ("[U+4F60]"): nothing a message said disappears or turns into an empty box.
The DOCX and Markdown keep every character as written.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from typing import Any

import typst

_PROBE = b'#set text(font: "Libertinus Serif")\n#sys.inputs.t'
_DROP = {"\u200d", "\ufe0f", "\ufe0e"}  # joiners and presentation selectors: no glyph of their own
_known: dict[str, bool] = {}  # character -> printable, learnt once per process


def _is_pictograph(char: str) -> bool:
    code = ord(char)
    return code >= 0x1F000 or 0x2600 <= code <= 0x27BF or 0x2B00 <= code <= 0x2BFF


def _prints(chars: str) -> bool:
    try:
        typst.compile(_PROBE, sys_inputs={"t": chars}, ignore_system_fonts=True, pdf_standards=["a-2b"])
    except typst.TypstError:
        return False
    return True


def _learn(chars: list[str]) -> None:
    """Find which of ``chars`` the fonts lack: one probe when all print, halving otherwise."""
    if not chars:
        return
    if _prints(" ".join(chars)):
        _known.update(dict.fromkeys(chars, True))
    elif len(chars) == 1:
        _known[chars[0]] = False
    else:
        middle = len(chars) // 2
        _learn(chars[:middle])
        _learn(chars[middle:])


def _unprintable_by_nature(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") and char not in "\n\t"


def _strings(value: Any, out: set[str]) -> None:
    if isinstance(value, str):
        out.update(c for c in value if not c.isascii() or _unprintable_by_nature(c))
    elif isinstance(value, dict):
        for v in value.values():
            _strings(v, out)
    elif isinstance(value, list | tuple):
        for v in value:
            _strings(v, out)


def _spell(char: str) -> str:
    if char in _DROP:
        return ""
    if _is_pictograph(char):
        return f"[{unicodedata.name(char, f'U+{ord(char):04X}').lower()}]"
    return f"[U+{ord(char):04X}]"


def printable(data: Any) -> Any:
    """``data`` (the document as JSON-ready values) with every string made printable by the PDF fonts."""
    found: set[str] = set()
    _strings(data, found)
    unknown = sorted(
        c
        for c in found
        if c not in _known and c not in _DROP and not _is_pictograph(c) and not _unprintable_by_nature(c)
    )
    _learn(unknown)
    swap = {
        c: _spell(c)
        for c in found
        if c in _DROP or _is_pictograph(c) or _unprintable_by_nature(c) or not _known.get(c, False)
    }
    if not swap:
        return data
    return _replace(data, swap)


def _replace(value: Any, swap: dict[str, str]) -> Any:
    if isinstance(value, str):
        return "".join(swap.get(c, c) for c in value) if any(c in swap for c in value) else value
    if isinstance(value, dict):
        return {k: _replace(v, swap) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace(v, swap) for v in value]
    return value


def _xml_bad(char: str) -> bool:
    code = ord(char)
    return (code < 0x20 and char not in "\n\t\r") or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF)


def xml_safe(value: Any) -> Any:
    """``value`` (a Document, its blocks and spans) with the characters XML cannot hold (control
    characters a chat export may carry) written as code points, so Word files can be made from it."""
    if isinstance(value, str):
        return (
            "".join(f"[U+{ord(c):04X}]" if _xml_bad(c) else c for c in value)
            if any(map(_xml_bad, value))
            else value
        )
    if isinstance(value, tuple):
        return tuple(xml_safe(v) for v in value)
    if isinstance(value, list):
        return [xml_safe(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(
            value, **{f.name: xml_safe(getattr(value, f.name)) for f in dataclasses.fields(value)}
        )
    return value
