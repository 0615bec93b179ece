"""iMessage conversations saved as text by imessage-exporter (``--format txt``): each message is a
time line (``May 17, 2022  5:29:42 PM``, optionally followed by a read receipt in brackets), a sender
line (a phone number, an e-mail or ``Me``), the text, and a blank line.  Times are the Mac's local time
(zone assumed)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from .base import Importer, Options, Record, Source, fail, head_text, iter_text_lines
from .meta_dates import MONTHS

PLATFORM = "imessage"
_STAMP = re.compile(
    r"(?P<mon>[A-Z][a-z]{2}) (?P<d>\d{1,2}), (?P<y>\d{4}) +(?P<h>\d{1,2}):(?P<mi>\d{2}):(?P<s>\d{2}) (?P<ap>[AP]M)"
    r"(?: \(.*\))?$"
)


def sniff(head: bytes) -> int:
    lines = head_text(head).splitlines()
    filled = [line for line in lines[:12] if line.strip()]
    if len(filled) >= 3 and _STAMP.match(filled[0]) and not _STAMP.match(filled[1]):
        return 70
    return 0


def parse(source: Source, options: Options) -> Iterator[Record]:
    zone, note = options.zone, options.zone_note
    pending: list | None = None  # [line, when, sender or None, [text lines]]
    previous_blank = True
    for number, line in iter_text_lines(source):
        m = _STAMP.match(line) if previous_blank else None
        previous_blank = not line.strip()
        if m is not None:
            if pending is not None:
                yield _record(*pending, note)
            month = MONTHS.get(m["mon"].lower())
            if month is None:
                raise fail(source, f"line {number}", "import.bad_date")
            hour = int(m["h"]) % 12 + (12 if m["ap"] == "PM" else 0)
            try:
                when = datetime(int(m["y"]), month, int(m["d"]), hour, int(m["mi"]), int(m["s"]), tzinfo=zone)
            except ValueError:
                raise fail(source, f"line {number}", "import.bad_date") from None
            pending = [number, when, None, []]
            continue
        if pending is None:
            if line.strip():
                raise fail(source, f"line {number}", "import.bad_shape", format="imessage-exporter")
            continue
        if pending[2] is None:
            if not line.strip():
                raise fail(source, f"line {number}", "import.bad_record", field="sender")
            pending[2] = line.strip()
        else:
            pending[3].append(line)
    if pending is not None:
        yield _record(*pending, note)


def _record(number: int, when: datetime, sender: str | None, lines: list[str], note: str | None) -> Record:
    while lines and not lines[-1].strip():
        lines.pop()
    sender = sender or "?"
    return Record(
        f"line {number}",
        PLATFORM,
        "\n".join(lines),
        "(me)" if sender == "Me" else sender,
        None if sender == "Me" else sender,
        None,
        (),
        when,
        note,
    )


IMPORTERS = (
    Importer(
        name="imessage",
        platform=PLATFORM,
        title="iMessage conversation saved as text by imessage-exporter (--format txt)",
        sniff=sniff,
        parse=parse,
    ),
)
