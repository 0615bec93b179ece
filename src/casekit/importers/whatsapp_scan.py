"""The WhatsApp hot path: the file is read in large blocks and message headers are found with one
``finditer`` per block, so the regex engine — not a Python loop — walks over continuation lines.

The header pattern is first *specialised* to the shape of the file's first header (its separators,
seconds or not, 12 h or not), which is several times cheaper than the general pattern that accepts
every shape.  A block in which the specialised pattern misses a line that the general one would take as
a header (a file that changes shape midway) is read again with the general pattern, so speed never
costs a message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from .base import Source, fail
from .whatsapp_stamps import _JOIN, _M, _TIME, ANDROID, IOS, IOS_TIME_FIRST, MARKS

BLOCK = 4 << 20
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
    special = re.compile(rf"^{_M}{head}(?P<sep>{re.escape(first['sep'])})", re.M)
    _SEPARATORS[special] = first["sep"]
    return special


def blocks(source: Source) -> Iterator[tuple[int, str]]:
    """(number of the block's first line, text) for blocks that end at a line end."""
    line = 1
    with source.open() as fh:
        first = fh.read(4)
        if first[:2] in (b"\xff\xfe", b"\xfe\xff"):
            fh.seek(0)
            try:
                yield 1, fh.read().decode("utf-16").replace("\r\n", "\n")
            except UnicodeDecodeError:
                raise fail(source, "line 1", "import.bad_encoding") from None
            return
        carry = first[3:] if first[:3] == b"\xef\xbb\xbf" else first
        while True:
            data = fh.read(BLOCK)
            chunk = carry + data
            if not data:
                if chunk:
                    yield line, _decode(chunk, source, line)
                return
            cut = chunk.rfind(b"\n") + 1
            if cut == 0:
                carry = chunk
                continue
            carry = chunk[cut:]
            text = _decode(chunk[:cut], source, line)
            yield line, text
            line += text.count("\n")


def _decode(data: bytes, source: Source, line: int) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = line + data.count(b"\n", 0, exc.start)
        raise fail(source, f"line {bad_line}", "import.bad_encoding") from None
    return text.replace("\r\n", "\n") if "\r" in text else text


def _bare_space_ok(m: re.Match[str]) -> bool:
    # Android's bare-space separator only counts after a "D. M. YYYY." date (Croatian, Czech)
    return m["sep"] != " " or m["s1"] == ". "


def _matches(
    pattern: re.Pattern[str], text: str, low: int = 0, high: int | None = None
) -> list[re.Match[str]]:
    found = pattern.finditer(text, low, len(text) if high is None else high)
    if pattern is GENERAL[ANDROID] or _SEPARATORS.get(pattern) == " ":
        return [m for m in found if _bare_space_ok(m)]
    return list(found)


_SEPARATORS: dict[re.Pattern[str], str] = {}
_STAMP_START = re.compile(rf"^[\d\[{MARKS}]", re.M)


def headers(
    text: str, pattern: re.Pattern[str], general: re.Pattern[str]
) -> tuple[list[re.Match[str]], bool]:
    """The header matches in ``text``, and whether a line the general pattern takes as a header was
    missed (then the caller reads the block again with ``general``)."""
    found = _matches(pattern, text)
    if pattern is general:
        return found, False
    ends = [0] + [text.find("\n", m.end()) + 1 or len(text) for m in found]
    starts = [m.start() for m in found] + [len(text)]
    for low, high in zip(ends, starts, strict=True):
        # only a continuation line starting like a stamp (a digit, "[" or a mark) can be a missed header
        if low < high and _STAMP_START.search(text, low, high) and _matches(general, text, low, high):
            return found, True
    return found, False


def scan(source: Source, first: re.Match[str]) -> Iterator[tuple[int, re.Match[str] | None, str]]:
    """(line number, header match, text after the header up to the next header) over the whole file,
    in order; a body may span blocks.  Text before the first header comes with ``None``."""
    general = GENERAL[first.re]
    pattern = specialise(first) or general
    carried: tuple[int, re.Match[str], str] | None = None  # the last header of the previous block
    for line, text in blocks(source):
        found, missed = headers(text, pattern, general)
        if missed:
            pattern = general
            found, _ = headers(text, general, general)
        if not found:
            if carried is not None:
                carried = (carried[0], carried[1], carried[2] + text)
            elif text.strip():
                yield line + text.count("\n", 0, len(text) - len(text.lstrip())), None, text
            continue
        start = found[0].start()
        if carried is not None:
            yield carried[0], carried[1], carried[2] + text[:start]
        elif text[:start].strip():
            lead = text[:start]
            yield line + text.count("\n", 0, len(lead) - len(lead.lstrip())), None, lead
        number = line + text.count("\n", 0, start)
        count = text.count
        for m, following in pairwise(found):
            end = following.start()
            yield number, m, text[m.end() : end]
            number += count("\n", m.end(), end)
        last = found[-1]
        carried = (number, last, text[last.end() :])
    if carried is not None:
        yield carried
