"""What every importer shares: the record it yields, the source it reads, the options it obeys, and the
one way it fails.

An importer is a pure producer.  It is handed a :class:`Source` (a file, or a member of a zip, that can
be opened as often as needed) and :class:`Options`, and yields :class:`Record` values, each carrying a
``locator`` (``line 12``, ``$.messages[3]``, ``record 7``).  It never opens the database, never hashes,
never writes.  The caller (``pipeline``) attaches provenance: the case, the exhibit's SHA-256.

Failures are :class:`ParseFailed`, an :class:`~casekit.errors.ImportFailed` that names the file and the
place; their sentences come from ``locale/importers.yaml`` and never quote the evidence itself.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import ImportFailed
from ..i18n import t

HEAD_BYTES = 64 * 1024
"""How much of a file ``sniff`` sees: enough for a header and a few dozen lines, cheap for any size."""

KINDS = ("message", "system", "call", "media")


class Record(NamedTuple):
    """One message or event as read from an export (immutable; a NamedTuple because the WhatsApp hot
    path makes a million of them and a tuple is the cheapest frozen value Python has)."""

    locator: str
    platform: str
    text: str = ""
    sender: str | None = None
    sender_id: str | None = None
    conversation: str | None = None
    recipients: tuple[str, ...] = ()
    timestamp: datetime | None = None
    timezone_assumed: str | None = None
    kind: str = "message"
    attachments: tuple[dict[str, Any], ...] = ()
    edited: bool = False
    deleted: bool = False
    reactions: tuple[dict[str, Any], ...] = ()


class ParseFailed(ImportFailed):
    """An export could not be read; ``file`` and ``where`` say which file and which place."""

    def __init__(self, message: str, hint: str | None, *, file: str, where: str) -> None:
        super().__init__(message, hint)
        self.file = file
        self.where = where


def fail(source: Source | str, where: str, key: str, /, **values: object) -> ParseFailed:
    """Build the error for ``key`` (``import.<something>`` in the phrase book) at ``where`` in ``source``."""
    name = source if isinstance(source, str) else source.name
    hint_key = f"{key}.hint"
    from ..i18n import catalog

    hint = t(hint_key, file=name, where=where, **values) if hint_key in catalog() else None
    return ParseFailed(t(key, file=name, where=where, **values), hint, file=name, where=where)


class DateOrderUnknown(ParseFailed):
    """Day and month cannot be told apart from the file alone; ``choices`` are the orders that fit."""

    def __init__(self, message: str, hint: str | None, *, file: str, where: str, choices: tuple[str, ...]):
        super().__init__(message, hint, file=file, where=where)
        self.choices = choices


@dataclass(frozen=True)
class Source:
    """Bytes an importer can read, as many times as it needs.  ``name`` is what the user recognises
    (``chat.txt`` or ``export.zip!/_chat.txt``): it is the only thing about a file an error may quote."""

    name: str
    opener: Callable[[], BinaryIO]
    size: int

    def open(self) -> BinaryIO:
        return self.opener()

    def head(self, limit: int = HEAD_BYTES) -> bytes:
        with self.open() as fh:
            return fh.read(limit)

    @classmethod
    def from_path(cls, path: Path, name: str | None = None) -> Source:
        path = Path(path)
        return cls(name=name or path.name, opener=lambda: open(path, "rb"), size=path.stat().st_size)

    @classmethod
    def from_bytes(cls, name: str, data: bytes) -> Source:
        return cls(name=name, opener=lambda: io.BytesIO(data), size=len(data))


DATE_ORDERS = ("DMY", "MDY", "YMD")


@dataclass(frozen=True)
class Options:
    """What the user decided: the zone the export's clock was in, and the date order when it is ambiguous.

    ``timezone`` is None when the user gave none: exports without zones are then read in
    ``assumed_zone`` (this computer's zone) and every record says so in ``timezone_assumed``.
    """

    timezone: str | None = None
    date_order: str | None = None
    assumed_zone: str = field(default_factory=lambda: local_zone_name())
    columns: Mapping[str, str] | None = None  # the generic CSV importer's column mapping

    def __post_init__(self) -> None:
        if self.date_order is not None and self.date_order not in DATE_ORDERS:
            raise ValueError(f"date_order must be one of {', '.join(DATE_ORDERS)}")

    @property
    def zone(self) -> tzinfo:
        return zone_for(self.timezone or self.assumed_zone)

    @property
    def zone_note(self) -> str | None:
        """What to record in ``timezone_assumed`` for local times: None when the user named the zone."""
        return None if self.timezone else self.assumed_zone


def zone_for(name: str) -> tzinfo:
    if name.upper() == "UTC":
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ImportFailed.from_key("import.bad_timezone", zone=name) from None


def local_zone_name() -> str:
    """This computer's IANA zone name (TZ, then /etc/localtime), else UTC."""
    env = os.environ.get("TZ", "").lstrip(":")
    if env and "/" in env:
        return env
    try:
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in target:
            return target.split("zoneinfo/", 1)[1]
    except OSError:
        pass
    return "UTC"


def iter_text_lines(source: Source) -> Iterator[tuple[int, str]]:
    """(line number from 1, line without its end) of a UTF-8 (BOM or not) or UTF-16 text file.

    Lines are split on ``\\n`` only, so a U+2028 inside a message stays inside it.  Invalid UTF-8 fails
    naming the line, rather than guessing an encoding and changing what the evidence says.
    """
    with source.open() as fh:
        first = fh.read(4)
        if first[:2] in (b"\xff\xfe", b"\xfe\xff"):
            encoding = "utf-16"
            fh.seek(0)
            text = io.TextIOWrapper(fh, encoding=encoding, newline="")
            for number, line in enumerate(text, 1):
                yield number, line.rstrip("\r\n")
            return
        fh.seek(0)
        if first[:3] == b"\xef\xbb\xbf":
            fh.read(3)
        for number, raw in enumerate(fh, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise fail(source, f"line {number}", "import.bad_encoding") from None
            yield number, line.rstrip("\r\n")


def read_text(source: Source) -> str:
    """The whole file as text (UTF-8 with or without BOM, or UTF-16), failing with the line number."""
    with source.open() as fh:
        data = fh.read()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise fail(source, "line 1", "import.bad_encoding") from None
    if data[:3] == b"\xef\xbb\xbf":
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise fail(source, f"line {line}", "import.bad_encoding") from None


def head_text(head: bytes) -> str:
    """The sniffed bytes as text, tolerant of a cut in the middle of a character."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8", errors="replace").lstrip("\ufeff")


def from_epoch_ms(value: Any) -> datetime:
    return datetime.fromtimestamp(int(value) / 1000, tz=UTC)


def from_epoch_s(value: Any) -> datetime:
    return datetime.fromtimestamp(int(value), tz=UTC)


@dataclass(frozen=True)
class Importer:
    """One export format: a unique ``name``, the ``platform`` its records belong to, a one-line ``title``
    saying what it reads, a cheap ``sniff`` (0 = not mine; higher = surer, from the first bytes only)
    and a streaming ``parse``."""

    name: str
    platform: str
    title: str
    sniff: Callable[[bytes], int]
    parse: Callable[[Source, Options], Iterator[Record]]
