"""SMS Backup & Restore (SyncTech) XML: ``<smses>`` with ``<sms>`` and ``<mms>`` records.

Read as a stream of elements (a backup can hold years of texts); each record is cited as ``record N``
(its place among the file's sms/mms elements, from 1).  ``type``/``msg_box`` 1 is received, 2 sent; the
phone's owner is written as "(me)".  A file that declares a document type or entities is refused:
backups never do, and entity tricks are how XML files attack readers.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from .base import Importer, Options, Record, Source, fail, from_epoch_ms, head_text

PLATFORM = "sms"
ME = "(me)"
_ROOT = re.compile(r"<smses[\s>]")
_SENT = {"2", "4", "5", "6"}  # sent, outbox, failed, queued


def sniff(head: bytes) -> int:
    text = head_text(head)
    return 90 if _ROOT.search(text[:4096]) else 0


def _value(element: ET.Element, name: str) -> str | None:
    value = element.get(name)
    return None if value in (None, "", "null") else value


def _when(element: ET.Element, source: Source, where: str):
    raw = _value(element, "date")
    if raw is None:
        raise fail(source, where, "import.bad_record", field="date")
    try:
        return from_epoch_ms(raw)
    except (ValueError, OverflowError, OSError):
        raise fail(source, where, "import.bad_date") from None


def _sms(element: ET.Element, source: Source, where: str) -> Record:
    when = _when(element, source, where)
    address = _value(element, "address")
    if address is None:
        raise fail(source, where, "import.bad_record", field="address")
    contact = _value(element, "contact_name")
    other = address if contact in (None, "(Unknown)") else f"{contact} ({address})"
    sent = element.get("type") in _SENT
    return Record(
        locator=where,
        platform=PLATFORM,
        text=element.get("body") or "",
        sender=ME if sent else other,
        sender_id=None if sent else address,
        conversation=other,
        recipients=(other,) if sent else (ME,),
        timestamp=when,
    )


def _mms(element: ET.Element, source: Source, where: str) -> Record:
    when = _when(element, source, where)
    texts, files = [], []
    for part in element.iter("part"):
        kind = part.get("ct") or ""
        if kind == "text/plain":
            texts.append(part.get("text") or "")
        elif kind != "application/smil":
            files.append({"name": _value(part, "cl") or _value(part, "name") or "part", "type": kind})
    senders, receivers = [], []
    for addr in element.iter("addr"):
        address = _value(addr, "address")
        if address:
            (senders if addr.get("type") == "137" else receivers).append(address)
    contact = _value(element, "contact_name")
    address = _value(element, "address") or ", ".join(receivers) or "?"
    other = address if contact in (None, "(Unknown)") else f"{contact} ({address})"
    sent = element.get("msg_box") in _SENT
    sender = ME if sent else (senders[0] if senders else other)
    return Record(
        locator=where,
        platform=PLATFORM,
        text="\n".join(t for t in texts if t),
        sender=sender,
        sender_id=None if sent else sender,
        conversation=other,
        recipients=tuple(r for r in receivers if r != sender) or ((other,) if sent else (ME,)),
        timestamp=when,
        kind="media" if files and not texts else "message",
        attachments=tuple(files),
    )


def parse(source: Source, options: Options) -> Iterator[Record]:
    prologue = head_text(source.head(8192))
    root_at = _ROOT.search(prologue)
    before = prologue[: root_at.start()] if root_at else prologue
    if "<!DOCTYPE" in before.upper() or "<!ENTITY" in before.upper():
        raise fail(source, "line 1", "import.xml_entities")
    count = 0
    depth = 0
    with source.open() as fh:
        try:
            for event, element in ET.iterparse(fh, events=("start", "end")):
                if event == "start":
                    depth += 1
                    if depth == 1 and element.tag != "smses":
                        raise fail(source, "line 1", "import.bad_shape", format="SMS Backup & Restore")
                    continue
                depth -= 1
                if depth == 1 and element.tag in ("sms", "mms"):
                    count += 1
                    where = f"record {count}"
                    yield (
                        _sms(element, source, where) if element.tag == "sms" else _mms(element, source, where)
                    )
                    element.clear()
        except ET.ParseError as exc:
            line, column = exc.position
            raise fail(source, f"line {line}, column {column}", "import.bad_xml") from None


IMPORTERS = (
    Importer(
        name="sms_backup",
        platform=PLATFORM,
        title="SMS Backup & Restore XML (text messages and MMS)",
        sniff=sniff,
        parse=parse,
    ),
)
