"""The fast lane's first stage: a block cut at its headers and described column by column, in this
process or in a helper process (``whatsapp_helper``) that runs this file as a script.

:class:`Cutter` turns a block into a :data:`Block`: the text before its first header, the last message
(which may go on in the next block), and for the others their bodies, ``line N`` locators, dates, times
and names, and which of them may not be plain "Name: text" (``whatsapp_fast`` remakes those one by one
and makes the records).  A helper hands back exactly what :class:`Cutter` returns here (as ``marshal``
data: lists of strings, the cheapest to read back), so the records cannot differ, only where the work
is done.

This module imports only the standard library, and as little of it as it can: a helper's start is
paid for on every large file.
"""

from __future__ import annotations

import marshal
import re
import struct
import sys
from itertools import accumulate, compress, count, repeat
from operator import contains

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing into every helper's start
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, BinaryIO

WIDTH = 4
"""Parts per message in a cut block: date (with any leading marks), time, sender or None, the rest."""
FRAME = struct.Struct("<QQ?")  # length, line number, whether the bytes are a block as read
Block = tuple
"""(lead, count, tail, tail line, columns): the text before the first header; the number of messages;
the last one's (date, time, name or None, rest), whose rest may go on in the next block, and its line;
and for the others, or None when there are none, (the cut block as :func:`cut` returns it, their bodies
or None to slice them from it, their locators, the indices of those that may not be ordinary)."""


def cut(split: Callable, general: Callable, bare_space: bool, text: str) -> list | None:
    """The block split at its headers — the text before the first, then :data:`WIDTH` parts per
    message — or None when a line of another shape is a header: the file changed shape.

    ``split`` is the fast lane's pattern (a header, or else any line that starts like a stamp, whose
    parts are None); ``general`` matches a header of any shape; ``bare_space`` says that ``general``
    is Android's, whose bare-space separator only counts after a "D. M. YYYY." date."""
    parts = split("\n" + text)
    dates = parts[1::WIDTH]
    if all(dates):  # every line that starts like a stamp is a header (a date is never empty)
        return parts
    # Lines that only start like a stamp were cut too: a header of another shape stops the fast
    # lane; any other is a continuation line, joined back to the message (or lead) before it.
    merged, done = [parts[0]], 0
    for index in [k for k, date_s in enumerate(dates) if date_s is None]:
        rest = parts[WIDTH * index + WIDTH]
        m = general(rest.partition("\n")[0])
        if m is not None and (not bare_space or m["sep"] != " " or m["s1"] == ". "):
            return None
        merged += parts[WIDTH * done + 1 : WIDTH * index + 1]
        merged[-1] += "\n" + rest
        done = index + 1
    merged += parts[WIDTH * done + 1 :]
    return merged


class _Lazy:
    """A method of a pattern compiled at its first use."""

    __slots__ = ("_method", "name", "spec")

    def __init__(self, spec: tuple[str, int], name: str) -> None:
        self.spec, self.name, self._method = spec, name, None

    def method(self) -> Callable:
        if self._method is None:
            self._method = getattr(re.compile(*self.spec), self.name)
        return self._method

    def __call__(self, *args: Any) -> Any:
        return self.method()(*args)


class Cutter:
    """Cuts and describes blocks (see the module docstring).  ``config`` holds only patterns (as
    (pattern, flags)) and strings, so a helper can be handed it: ``split`` and ``general`` as for
    :func:`cut`, ``bare_space``; ``phrase_after_name`` (": " and the start of a deleted notice or a
    call), ``phrase`` (the same at a body's start), ``blank_line``; and ``marks``."""

    def __init__(self, config: dict[str, Any], shared: bool = False) -> None:
        self.config = config
        self.shared = shared  # in a helper: see ``__call__``
        # the patterns a block rarely needs are compiled when one does (each costs a helper's start
        # a few thousandths of a second)
        self._cut = (
            re.compile(*config["split"]).split,
            _Lazy(config["general"], "match"),
            config["bare_space"],
        )
        self._phrase_after_name = re.compile(*config["phrase_after_name"]).search
        self._phrase = _Lazy(config["phrase"], "match")
        self._blank_line = re.compile(*config["blank_line"]).search
        self._marks = config["marks"]

    def __call__(self, text: str, line: int) -> Block | None:
        parts = cut(*self._cut, text)
        if parts is None:
            return None
        messages = len(parts) // WIDTH
        if not messages:
            return text, 0, None, line, None
        lead = parts[0][1:] + "\n" if parts[0] else ""
        end = len(parts) - WIDTH
        bodies = parts[WIDTH:end:WIDTH]
        # ``operator.contains`` is the cheapest C call per body; only the few bodies of several lines
        # are counted (``str.count`` costs twice as much, even on a body of one line)
        several = list(compress(count(), map(contains, bodies, repeat("\n"))))
        lines = [1] * len(bodies)
        for index in several:
            lines[index] += bodies[index].count("\n")
        numbers = list(accumulate(lines, initial=line + lead.count("\n")))
        tail = tuple(parts[-WIDTH:])
        if messages == 1:
            return lead, 1, tail, numbers[-1], None
        odd = self._odd(text, bodies, several)
        locators = [f"line {n}" for n in numbers[:-1]]
        if self.shared:
            # One object per distinct date, time and name (a chat has few of each): marshal writes
            # each once and refers back to it, and the reader hashes it once.  The bodies are sent
            # once, within the parts.
            same: dict = {}
            for column in (1, 2, 3):
                parts[column:end:WIDTH] = map(
                    same.setdefault, parts[column:end:WIDTH], parts[column:end:WIDTH]
                )
            return lead, messages, tail, numbers[-1], (parts, None, locators, odd)
        return lead, messages, tail, numbers[-1], (parts, bodies, locators, odd)

    def _odd(self, text: str, bodies: list, several: list) -> list[int]:
        """The indices of the block's messages whose body may not be ordinary text on one line (a
        superset: ``whatsapp_fast`` remakes each, deciding exactly, and adds the events, which it
        knows by their senders).  A check that only a rare character can fail runs only when the
        block holds that character."""
        odd: set[int] = set()
        if self._phrase_after_name(text):  # a deleted notice or a call, maybe
            odd.update(compress(count(), map(self._phrase.method(), bodies)))
        if ")" in text or "\r" in text or self._blank_line(text):
            # a line that may end in ")" or "\r" (classify strips it first), or blank lines that may
            # trail a message (``continuation``): a message of several lines is remade, of one checked
            odd.update(several)
            odd.update(compress(count(), map(contains, bodies, repeat(")"))))
            odd.update(compress(count(), map(contains, bodies, repeat("\r"))))
        if "<" in text:
            odd.update(compress(count(), map(contains, bodies, repeat("<"))))
        if any(mark in text for mark in self._marks):
            # A mark before the date alone changes nothing (classify heeds it only after a marked body).
            odd.update(compress(count(), map(str.startswith, bodies, repeat(tuple(self._marks)))))
            odd.update(compress(count(), map(contains, bodies, repeat("\u200e"))))  # see classify
        return sorted(odd)


def decode(data: bytes) -> str:
    """A block's text from its bytes as read, as ``whatsapp_scan`` decodes it (valid UTF-8: it did)."""
    text = data.decode("utf-8")
    return text.replace("\r\n", "\n") if "\r" in text else text


def write_frame(stream: BinaryIO, data: bytes, line: int, read: bool) -> None:
    for piece in (FRAME.pack(len(data), line, read), data):
        view = memoryview(piece)
        while view:  # an unbuffered stream may take part of it at a time
            view = view[stream.write(view) :]
    stream.flush()


def read_frame(stream: BinaryIO) -> tuple[bytes, int, bool] | None:
    head = _read_exactly(stream, FRAME.size)
    if head is None:
        return None
    length, line, read = FRAME.unpack(head)
    data = _read_exactly(stream, length)
    return None if data is None else (data, line, read)


def _read_exactly(stream: BinaryIO, size: int) -> bytes | None:
    """``size`` bytes, or None at the end of the stream (an unbuffered one may give part at a time)."""
    data = stream.read(size)
    if data is None or len(data) == size:
        return data
    pieces, have = [data], len(data)
    while have < size:
        piece = stream.read(size - have)
        if not piece:
            return None
        pieces.append(piece)
        have += len(piece)
    return b"".join(pieces)


def _serve() -> None:
    """A helper's side: read the configuration, then describe each block in turn, until the pipe
    closes.  One thread: it reads the next block only once it has written the last one's description,
    which the parent's writing thread and its reading of the descriptions in order never wait on.
    (A thread taking the blocks in meanwhile would get the interpreter lock only between regexes, a
    pipe's worth at a time, and starve this one.)"""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    setup = read_frame(stdin)
    if setup is None:
        return
    cutter = Cutter(marshal.loads(setup[0]), shared=True)
    while (frame := read_frame(stdin)) is not None:
        data, line, read = frame
        text = decode(data) if read else data.decode("utf-8", "surrogatepass")
        try:
            write_frame(stdout, marshal.dumps(cutter(text, line)), 0, False)
        except OSError:
            return


if __name__ == "__main__":
    _serve()
