"""Facebook Messenger and Instagram "Download your information" in HTML: the legacy single
``messages.htm`` (``div.thread`` / ``div.message`` with ``span.user`` and ``span.meta``, the text in the
``<p>`` after it) and the per-thread ``message_1.html`` (a ``uiBoxWhite`` block per message: sender,
content, time).  Read with the standard library's HTML tokenizer; nothing is fetched or executed."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

from .base import Importer, Options, Record, Source, fail, head_text, read_text
from .meta_dates import parse_written

_NAME = "Facebook/Instagram HTML"


def sniff(head: bytes) -> int:
    text = head_text(head)
    if "<html" not in text[:2048].lower():
        return 0
    if 'class="thread"' in text and 'class="message_header"' in text:
        return 85
    if "uiBoxWhite" in text and ("_a6-h" in text or "_2lel" in text or "_3-96" in text):
        return 80
    return 0


class _Blocks(HTMLParser):
    """Collects, per message, [sender, time, text, line] in document order, for both layouts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[list] = []
        self.title: str | None = None
        self._stack: list[str] = []  # role of each open div/span/p: "box", "part", "user", "meta", "p", ""
        self._box_parts: list[list[str]] | None = None
        self._box_depth = 0
        self._box_line = 0
        self._in_title = False
        self._pending_legacy: list | None = None
        self.thread: str | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "title":
            self._in_title = True
        classes = (dict(attrs).get("class") or "").split()
        if tag not in ("div", "span", "p"):
            return
        role = ""
        if tag == "div" and "uiBoxWhite" in classes and self._box_parts is None:
            role, self._box_parts, self._box_line = "box", [], self.getpos()[0]
            self._box_depth = len(self._stack)
        elif tag == "div" and self._box_parts is not None and len(self._stack) == self._box_depth + 1:
            role = "part"
            self._box_parts.append([])
        elif tag == "div" and "thread" in classes:
            role, self.thread = "thread", ""
        elif tag == "div" and "message" in classes:
            self._pending_legacy = [None, None, "", self.getpos()[0], (self.thread or "").strip() or None]
            self.found.append(self._pending_legacy)
        elif tag == "span" and "user" in classes:
            role = "user"
        elif tag == "span" and "meta" in classes:
            role = "meta"
        elif tag == "p" and self._pending_legacy is not None:
            role = "p"
        self._stack.append(role)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag not in ("div", "span", "p") or not self._stack:
            return
        role = self._stack.pop()
        if role == "box" and self._box_parts is not None:
            parts = [" ".join("".join(p).split()) for p in self._box_parts]
            if len(parts) >= 2:
                sender, stamp = parts[0], parts[-1]
                body = "\n".join(p for p in parts[1:-1] if p)
                self.found.append([sender, stamp, body, self._box_line, None])
            self._box_parts = None
        elif role == "p":
            self._pending_legacy = None

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data.strip()
        if self._box_parts is not None and self._box_parts:
            self._box_parts[-1].append(data)
            return
        role = self._stack[-1] if self._stack else ""
        if role == "thread" and self.thread is not None:
            self.thread += data  # legacy: the participants' names, written before the thread's messages
        if self._pending_legacy is None:
            return
        if role == "user":
            self._pending_legacy[0] = (self._pending_legacy[0] or "") + data
        elif role == "meta":
            self._pending_legacy[1] = (self._pending_legacy[1] or "") + data
        elif role == "p":
            self._pending_legacy[2] += data


def _parse(platform: str):
    def parse(source: Source, options: Options) -> Iterator[Record]:
        blocks = _Blocks()
        blocks.feed(read_text(source))
        blocks.close()
        for index, (sender, stamp, text, line, thread) in enumerate(blocks.found):
            where = f"line {line}"
            if not sender or not stamp:
                raise fail(source, where, "import.bad_record", field="sender" if not sender else "time")
            parsed = parse_written(stamp.strip(), options.zone)
            if parsed is None:
                raise fail(source, where, "import.bad_date")
            when, written = parsed
            yield Record(
                locator=f"{where} (message {index + 1})",
                platform=platform,
                text=text.strip(),
                sender=sender.strip(),
                conversation=" ".join(thread.split()) if thread else blocks.title,
                timestamp=when,
                timezone_assumed=None if written else options.zone_note,
            )

    return parse


IMPORTERS = (
    Importer(
        name="instagram_html",
        platform="instagram",
        title="Instagram 'Download your information' messages, HTML (message_1.html)",
        sniff=lambda head: sniff(head) + 5 if sniff(head) and b"instagram" in head.lower() else 0,
        parse=_parse("instagram"),
    ),
    Importer(
        name="messenger_html",
        platform="messenger",
        title="Facebook Messenger 'Download your information' messages, HTML (legacy messages.htm or message_1.html)",
        sniff=lambda head: sniff(head) - 20 if b"instagram" in head.lower() else sniff(head),
        parse=_parse("messenger"),
    ),
)
