"""Signal chats saved as text by the community exporters (signal-export and chat-miner's layout):
``[YYYY-MM-DD HH:MM] Name: text`` or ``[YYYY-MM-DD, HH:MM:SS] Name: text``, continuation lines joined.
Signal Desktop has no export of its own; the times are the computer's local times (zone assumed)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from .base import Importer, Options, Record, Source, fail, head_text, iter_text_lines

PLATFORM = "signal"
_LINE = re.compile(
    r"\[(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2}),? (?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?\] "
    r"(?P<who>[^:\n]{1,120}?): (?P<text>.*)"
)


def sniff(head: bytes) -> int:
    lines = [line for line in head_text(head).splitlines()[:20] if line.strip()]
    if not lines or not _LINE.match(lines[0]):
        return 0
    return 60


def parse(source: Source, options: Options) -> Iterator[Record]:
    zone, note = options.zone, options.zone_note
    pending: list | None = None
    for number, line in iter_text_lines(source):
        m = _LINE.match(line)
        if m is None:
            if pending is None:
                if line.strip():
                    raise fail(source, f"line {number}", "import.bad_shape", format="Signal")
                continue
            pending[2].append(line)
            continue
        if pending is not None:
            yield _record(*pending)
        try:
            when = datetime(
                int(m["y"]),
                int(m["mo"]),
                int(m["d"]),
                int(m["h"]),
                int(m["mi"]),
                int(m["s"] or 0),
                tzinfo=zone,
            )
        except ValueError:
            raise fail(source, f"line {number}", "import.bad_date") from None
        pending = [number, (when, note, m["who"]), [m["text"]]]
    if pending is not None:
        yield _record(*pending)


def _record(number: int, head: tuple, lines: list[str]) -> Record:
    when, note, who = head
    return Record(f"line {number}", PLATFORM, "\n".join(lines), who, None, None, (), when, note)


IMPORTERS = (
    Importer(
        name="signal",
        platform=PLATFORM,
        title="Signal chat saved as text by signal-export ('[YYYY-MM-DD HH:MM] Name: text')",
        sniff=sniff,
        parse=parse,
    ),
)
