"""Any chat saved as CSV, read through a column mapping: which column holds the time, the sender and
the text (and optionally the recipients, conversation, platform).

Without a mapping, common column names are recognised (``timestamp``/``date``/``time``,
``sender``/``from``/``author``, ``text``/``message``/``body``/``content``).  Times may be ISO-8601 (with
or without zone), epoch seconds or milliseconds, or ``D/M/Y H:M[:S] [AM|PM]`` whose day/month order is
settled over the whole file or given with ``--date-order``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime

from .base import DateOrderUnknown, Importer, Options, Record, Source, fail, head_text, read_text

FIELDS = ("time", "sender", "text", "recipients", "conversation", "platform")
_GUESS = {
    "time": ("timestamp", "date", "time", "datetime", "sent", "created"),
    "sender": ("sender", "from", "author", "name", "user"),
    "text": ("text", "message", "body", "content", "contents"),
    "recipients": ("recipients", "to"),
    "conversation": ("conversation", "chat", "thread", "channel"),
    "platform": ("platform", "app", "service"),
}
_NUMERIC = re.compile(
    r"(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-](?P<c>\d{2,4})[ ,T]+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?"
    r"\s*(?P<ap>[AaPp]\.?[Mm]\.?)?$"
)


def parse_mapping(text: str) -> dict[str, str]:
    """``time=Date,sender=From,text=Message`` → {"time": "Date", ...}; unknown field names are refused."""
    mapping = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, _, column = part.partition("=")
        if key.strip() not in FIELDS or not column.strip():
            raise ValueError(f"mapping entries look like time=Column; fields: {', '.join(FIELDS)}")
        mapping[key.strip()] = column.strip()
    return mapping


def _guess(header: list[str], given: Mapping[str, str] | None) -> dict[str, str]:
    if given:
        return dict(given)
    lower = {h.strip().lower(): h for h in header}
    found = {}
    for field, names in _GUESS.items():
        for name in names:
            if name in lower:
                found[field] = lower[name]
                break
    return found


def sniff(head: bytes) -> int:
    first = head_text(head).split("\n", 1)[0]
    if "," not in first and ";" not in first and "\t" not in first:
        return 0
    header = next(csv.reader([first]), [])
    found = _guess(header, None)
    return 20 if "time" in found and "text" in found else 0


def _rows(source: Source) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    text = read_text(source)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:  # one column, or nothing to go on: read it as ordinary CSV
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)

    def rows() -> Iterator[tuple[int, list[str]]]:
        start = reader.line_num + 1
        try:
            for row in reader:
                yield start, row
                start = reader.line_num + 1
        except csv.Error:
            raise fail(source, f"line {reader.line_num}", "import.bad_shape", format="CSV") from None

    try:
        header = next(reader, None) or []
    except csv.Error:
        raise fail(source, "line 1", "import.bad_shape", format="CSV") from None
    return header, rows()


def _order(values: list[str], options: Options) -> str | None:
    seen = False
    for value in values:
        m = _NUMERIC.match(value.strip())
        if m is None:
            continue
        seen = True
        if int(m["a"]) > 12:
            return "DMY"
        if int(m["b"]) > 12:
            return "MDY"
    return options.date_order if seen else None


def _when(raw: str, order: str | None, options: Options) -> tuple[datetime, str | None] | None:
    raw = raw.strip()
    if re.fullmatch(r"\d{9,13}", raw):
        number = int(raw)
        return datetime.fromtimestamp(number / 1000 if number > 10**11 else number, tz=UTC), None
    try:
        stamp = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        m = _NUMERIC.match(raw)
        if m is None or order is None:
            return None
        a, b, year = int(m["a"]), int(m["b"]), int(m["c"])
        year += 2000 if year < 100 else 0
        day, month = (a, b) if order == "DMY" else (b, a)
        hour = int(m["h"])
        if m["ap"]:
            hour = hour % 12 + (12 if m["ap"][0] in "pP" else 0)
        stamp = datetime(year, month, day, hour, int(m["mi"]), int(m["s"] or 0))
    if stamp.tzinfo is None:
        return stamp.replace(tzinfo=options.zone), options.zone_note
    return stamp, None


def parse(source: Source, options: Options) -> Iterator[Record]:
    header, rows = _rows(source)
    mapping = _guess(header, options.columns)
    for field in ("time", "text"):
        if field not in mapping:
            raise fail(source, "line 1", "import.csv_mapping", column=field)
    index = {}
    for field, column in mapping.items():
        if column not in header:
            raise fail(source, "line 1", "import.csv_mapping", column=column)
        index[field] = header.index(column)
    all_rows = list(rows)
    order = _order([r[index["time"]] for _, r in all_rows if len(r) > index["time"]], options)
    for number, row in all_rows:
        where = f"line {number}"
        if not any(cell.strip() for cell in row):
            continue

        def cell(field: str, row: list[str] = row) -> str:
            i = index.get(field)
            return row[i] if i is not None and i < len(row) else ""

        try:
            when = _when(cell("time"), order, options)
        except (ValueError, OverflowError, OSError):
            raise fail(source, where, "import.bad_date") from None
        if when is None:
            if _NUMERIC.match(cell("time").strip()) and order is None:
                from ..i18n import t

                raise DateOrderUnknown(
                    t("import.date_order_unknown", file=source.name, where=where),
                    t("import.date_order_unknown.hint", file=source.name, where=where),
                    file=source.name,
                    where=where,
                    choices=("DMY", "MDY"),
                )
            raise fail(source, where, "import.bad_date")
        sender = cell("sender").strip() or None
        yield Record(
            locator=where,
            platform=cell("platform").strip().lower() or "csv",
            text=cell("text"),
            sender=sender,
            conversation=cell("conversation").strip() or None,
            recipients=tuple(r.strip() for r in re.split(r"[;,]", cell("recipients")) if r.strip()),
            timestamp=when[0],
            timezone_assumed=when[1],
            kind="message" if sender else "system",
        )


IMPORTERS = (
    Importer(
        name="csv",
        platform="csv",
        title="Any chat saved as CSV, with a column mapping (--columns time=…,sender=…,text=…)",
        sniff=sniff,
        parse=parse,
    ),
)
