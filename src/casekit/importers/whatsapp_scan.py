"""WhatsApp's blocks and header patterns: the file is read in large blocks, and message headers are
found with one ``finditer`` per block, so the regex engine — not a Python loop — walks over
continuation lines.

The header pattern can be *specialised* to the shape of the file's first header (its separators,
seconds or not, 12 h or not), which is several times cheaper than the general pattern that accepts
every shape; the fast lane (``whatsapp_fast``) splits blocks with it, and a block in which a line of
another shape is a header goes to the general pattern (``general_items``), so speed never costs a
message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .base import Source, fail
from .whatsapp_stamps import _JOIN, _M, _TIME, ANDROID, IOS, IOS_TIME_FIRST, MARKS

BLOCK = 1 << 20  # 1 MB of text: big enough for C-speed scanning, small enough to keep memory flat
_DATE_NAMED = (
    rf"(?P<a>\d{{1,4}}){_M}(?P<s1>[./\-]|\. ){_M}(?P<b>\d{{1,2}}){_M}(?:[./\-]|\. ){_M}"
    rf"(?P<c>\d{{1,4}}|[MTSHR]\d{{1,2}})(?P<be> BE)?\.?"
)
GENERAL = {
    ANDROID: re.compile(rf"^{_M}{_DATE_NAMED}{_JOIN}{_TIME}(?P<sep> [-–] |: | )", re.M),
    IOS: re.compile(rf"^{_M}\[{_M}{_DATE_NAMED}{_JOIN}{_TIME}{_M}\] ", re.M),
    IOS_TIME_FIRST: re.compile(rf"^{_M}\[{_M}{_TIME}, {_DATE_NAMED}{_M}\] ", re.M),
}
_AMPM = r"(?P<ap>[AaPp]\.?[ \u00a0\u202f]?[Mm]\.?|[\u0635\u0645]|午前|午後|上午|下午|오전|오후)"


def specialise(first: re.Match[str]) -> re.Pattern[str] | None:
    """A pattern for headers shaped exactly like ``first`` (same group names), or None when the first
    header is unusual enough (marks inside the stamp, time first, eras) to keep the general one."""
    if first.re is IOS_TIME_FIRST or first["be"] or not first["c"].isdigit():
        return None
    text = first.string
    stamp = text[first.start("a") : first.end("Mi")]
    if any(mark in stamp for mark in MARKS) or not stamp.isascii():
        return None
    s1 = re.escape(first["s1"])
    join = re.escape(text[first.end("c") : first.start("H")])
    colon = re.escape(text[first.end("H") : first.start("Mi")])
    seconds = rf"{colon}(?P<S>\d{{2}})" if first["S"] else "(?P<S>)"
    after = text[
        first.end("S") if first["S"] else first.end("Mi") : (first.start("ap") if first["ap"] else None)
    ]
    dot = r"\.?" if after.startswith(".") else ""
    ampm = rf"[ \u00a0\u202f]?{_AMPM}" if first["ap"] else "(?P<ap>)"
    head = (
        rf"(?P<a>\d{{1,4}})(?P<s1>{s1})(?P<b>\d{{1,2}}){s1}(?P<c>\d{{1,4}})(?P<be>)"
        rf"{join}(?P<H>\d{{1,2}}){colon}(?P<Mi>\d{{2}}){seconds}{dot}{ampm}"
    )
    if first.re is IOS:
        return re.compile(rf"^{_M}\[{head}\] ", re.M)
    return re.compile(rf"^{_M}{head}(?P<sep>{re.escape(first['sep'])})", re.M)


def blocks(source: Source) -> Iterator[tuple[int, str, bytes | None]]:
    """(number of the block's first line, text, the UTF-8 bytes it was decoded from, or None for a
    UTF-16 file) for blocks that end at a line end."""
    line = 1
    with source.open() as fh:
        first = fh.read(4)
        if first[:2] in (b"\xff\xfe", b"\xfe\xff"):
            fh.seek(0)
            try:
                yield 1, fh.read().decode("utf-16").replace("\r\n", "\n"), None
            except UnicodeDecodeError:
                raise fail(source, "line 1", "import.bad_encoding") from None
            return
        carry = first[3:] if first[:3] == b"\xef\xbb\xbf" else first
        while True:
            data = fh.read(BLOCK)
            chunk = carry + data
            if not data:
                if chunk:
                    yield line, _decode(chunk, source, line), chunk
                return
            cut = chunk.rfind(b"\n") + 1
            if cut == 0:
                carry = chunk
                continue
            carry = chunk[cut:]
            chunk = chunk[:cut]
            text = _decode(chunk, source, line)
            yield line, text, chunk
            line += text.count("\n")


def _decode(data: bytes, source: Source, line: int) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = line + data.count(b"\n", 0, exc.start)
        raise fail(source, f"line {bad_line}", "import.bad_encoding") from None
    return text.replace("\r\n", "\n") if "\r" in text else text  # whatsapp_split.decode too


def _matches(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    found = pattern.finditer(text)
    if pattern is GENERAL[ANDROID]:
        # Android's bare-space separator only counts after a "D. M. YYYY." date (Croatian, Czech)
        return [m for m in found if m["sep"] != " " or m["s1"] == ". "]
    return list(found)


FIELDS = ("a", "b", "c", "be", "H", "Mi", "S", "ap")
# One item per message of the general reader:
# (line mark or "", a, b, c, be, hour, minute, second, am/pm, body after the header)
Item = tuple[str, str, str, str, str, str, str, str, str, str]


def general_items(text: str, general: re.Pattern[str]) -> tuple[int, list[Item]]:
    """(offset of the first header or len(text), items) read with the general pattern."""
    found = _matches(general, text)
    if not found:
        return len(text), []
    items: list[Item] = []
    ends = [m.start() - 1 for m in found[1:]] + [len(text)]
    for m, end in zip(found, ends, strict=True):
        mark = text[m.start()] if text[m.start()] in MARKS else ""
        a, b, c, be, hour, minute, second, ap = m.group(*FIELDS)
        items.append((mark, a, b, c, be or "", hour, minute, second or "", ap or "", text[m.end() : end]))
    return found[0].start(), items
