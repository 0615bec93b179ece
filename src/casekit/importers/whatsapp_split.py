"""The fast lane's first stage: a block cut at its headers and described column by column — here, or for
a large file in a helper process that describes the next blocks while this one makes the records of the
last (the other core).

:class:`Cutter` turns a block into a :data:`Block`: the text before its first header, the last message
(which may go on in the next block), and for the others their bodies, ``line N`` locators, dates, times
and names, and which of them may not be plain "Name: text" (``whatsapp_fast`` remakes those one by one
and makes the records).  A helper hands back exactly what :class:`Cutter` returns here (as ``marshal``
data: lists of strings, the cheapest to read back), so the records cannot differ, only where the work
is done.

A helper is this file run by the same Python (``-I -S``: nothing of the user's environment and none of
casekit's imports, so it starts in a few hundredths of a second).  It reads blocks on its stdin and
writes their descriptions on its stdout, and knows nothing of the file but the blocks it is given; no
evidence touches the disk.  Anything amiss with it (no interpreter to start, a broken pipe, silence)
and the blocks are cut here.  The helper's work is balanced against this process's as they go
(:func:`cut_all`): records stay in file order and at most a few blocks are held at once.

This module imports only the standard library: the helper runs it as a script.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import queue
import re
import struct
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate, compress, count, repeat
from operator import contains
from typing import Any, BinaryIO

try:
    from select import select as _select
except ImportError:  # pragma: no cover - every platform casekit runs on has it
    _select = None
try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: pipes keep their size
    fcntl = None

WIDTH = 4
"""Parts per message in a cut block: date (with any leading marks), time, sender or None, the rest."""
HELPER_MIN = 8 << 20  # a smaller file is read before helpers would have paid for their start
_AHEAD = 4  # blocks per helper handed out and not yet taken back: it never runs dry, memory stays flat
_SPARE = 2  # blocks read ahead beyond those and kept back, for this process to cut while a helper is behind
_PATIENCE = 60.0  # seconds a helper may take over a block (it takes hundredths) before it is given up
_PIPE = 1 << 20  # bytes a pipe to or from a helper holds, where the system allows (Linux's default limit)
_FRAME = struct.Struct("<QQ?")  # length, line number, whether the bytes are a block as read
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


class Cutter:
    """Cuts and describes blocks (see the module docstring).  ``config`` holds only patterns (as
    (pattern, flags)) and strings, so a helper can be handed it: ``split`` and ``general`` as for
    :func:`cut`, ``bare_space``; ``phrase_after_name`` (": " and the start of a deleted notice or a
    call), ``phrase`` (the same at a body's start), ``blank_line``; and ``marks``."""

    def __init__(self, config: dict[str, Any], shared: bool = False) -> None:
        self.config = config
        self.shared = shared  # in a helper: see ``__call__``
        self._cut = (
            re.compile(*config["split"]).split,
            re.compile(*config["general"]).match,
            config["bare_space"],
        )
        self._phrase_after_name = re.compile(*config["phrase_after_name"]).search
        self._phrase = re.compile(*config["phrase"]).match
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
            odd.update(compress(count(), map(self._phrase, bodies)))
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


def cut_all(
    blocks: Iterable[tuple[int, str, bytes | None]], cutter: Cutter, size: int
) -> Iterator[tuple[int, str, Block | None]]:
    """(line, text, block) for each of ``blocks`` (line, text, the UTF-8 bytes it was decoded from or
    None), as ``cutter`` describes it; from the first None on (the file changed shape) every block's
    description is None, uncut.  A source of ``size`` bytes, at least :data:`HELPER_MIN`, is cut by
    helper processes when they can be started.

    Blocks are read a few ahead, and the newest :data:`_SPARE` are kept back; the others go to the
    helpers.  Whenever a helper has not finished the next block, this process cuts the oldest block
    kept back rather than wait — so on a busy machine this process does more of the cutting, on an
    idle one less."""
    helpers = _Helper.pool(cutter.config) if size >= HELPER_MIN else []
    ahead = (_AHEAD * len(helpers) + _SPARE) if helpers else 0
    held: deque[list] = deque()  # [line, text, data, job] read and not yet handed on, oldest first;
    # the job is the helper cutting the block, its description (cut here), or _KEPT (not handed out)
    kept = 0  # the newest ``kept`` blocks held are _KEPT
    shaped = True  # no block of another shape yet

    def hand_out() -> None:
        nonlocal kept
        while helpers and kept > _SPARE:
            helper = min(helpers, key=_Helper.load)
            if helper.load() >= _AHEAD:
                return
            entry = held[-kept]
            helper.send(*entry[:3])
            entry[2:], kept = (None, helper), kept - 1  # the bytes are the helper's now

    def take() -> tuple[int, str, Block | None]:
        nonlocal helpers, shaped, kept
        line, text, _data, job = held.popleft()
        if job is _KEPT:
            kept -= 1
        if not shaped:
            return line, text, None
        if isinstance(job, _Helper):
            while helpers and kept and not job.ready():
                entry = held[-kept]  # the next to be handed out: cut here instead
                entry[3], kept = cutter(entry[1], entry[0]), kept - 1
            job = job.receive() if helpers and job.ready(_PATIENCE) else _FAILED
            if job is _FAILED:  # a helper failed: this block and every later one is cut here
                helpers = _stop(helpers)
        if job is _KEPT or job is _FAILED:
            job = cutter(text, line)
        if job is None:
            shaped, helpers = False, _stop(helpers)
        return line, text, job

    try:
        for line, text, data in blocks:
            held.append([line, text, data, _KEPT])
            kept += 1
            hand_out()
            while len(held) > ahead:
                yield take()
        while held:
            yield take()
    finally:
        _stop(helpers)


def decode(data: bytes) -> str:
    """A block's text from its bytes as read, as ``whatsapp_scan`` decodes it (valid UTF-8: it did)."""
    text = data.decode("utf-8")
    return text.replace("\r\n", "\n") if "\r" in text else text


_FAILED = object()
_KEPT = object()


def _stop(helpers: list[_Helper]) -> list[_Helper]:
    for helper in helpers:
        helper.stop()
    return []


class _Helper:
    """One helper process: blocks in on its stdin, their descriptions out on its stdout, a frame each.

    A thread here writes the blocks, so this process never waits on a full pipe: the helper takes a
    block in only once it has handed back the last."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.process = process
        self.sent = 0  # blocks sent and not yet taken back
        self.outbox: queue.SimpleQueue[tuple[bytes, int, bool] | None] = queue.SimpleQueue()
        self.writer = threading.Thread(target=self._write_all, name="casekit-whatsapp-cut", daemon=True)

    @classmethod
    def pool(cls, config: dict[str, Any]) -> list[_Helper]:
        """A helper per core but this process's, at most two (this process, making the records, keeps
        up with two); none on one core, or where no interpreter can be started."""
        if getattr(sys, "frozen", False) or not sys.executable:
            return []  # a bundled app has no interpreter to run this file with
        helpers = []
        for _ in range(min(_cores() - 1, 2)):
            try:
                process = subprocess.Popen(
                    [sys.executable, "-I", "-S", __file__],
                    bufsize=0,  # unbuffered: ``ready`` asks the pipe itself
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
            except OSError:
                break
            for pipe in (process.stdin, process.stdout):
                # a block and a description fit in the pipes: neither side waits on the other's pace
                with contextlib.suppress(AttributeError, OSError):  # Linux only, up to its limit
                    fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, _PIPE)
            helper = cls(process)
            helper.outbox.put((marshal.dumps(config), 0, False))
            helper.writer.start()
            helpers.append(helper)
        return helpers

    def load(self) -> int:
        return self.sent

    def send(self, line: int, text: str, data: bytes | None) -> None:
        self.sent += 1
        if data is None:
            self.outbox.put((text.encode("utf-8", "surrogatepass"), line, False))
        else:
            self.outbox.put((data, line, True))

    def ready(self, wait: float = 0) -> bool:
        """Whether the helper has begun to hand back the oldest block sent (or is gone), waiting up to
        ``wait`` seconds for it."""
        if _select is None:
            return True  # no way to ask (pipes on Windows): wait for it
        try:
            return bool(_select([self.process.stdout], [], [], wait)[0])
        except (OSError, ValueError):
            return True

    def receive(self) -> Block | object | None:
        """The description of the oldest block sent, or ``_FAILED``."""
        self.sent -= 1
        try:
            frame = _read_frame(self.process.stdout)
            block = _FAILED if frame is None else marshal.loads(frame[0])
        except (OSError, ValueError, EOFError, TypeError):
            return _FAILED
        return block if block is None or (type(block) is tuple and len(block) == 5) else _FAILED

    def _write_all(self) -> None:
        stdin = self.process.stdin
        try:
            while (item := self.outbox.get()) is not None:
                _write_frame(stdin, *item)
        except (OSError, ValueError):
            pass  # the helper is gone: ``receive`` says so
        finally:
            with contextlib.suppress(OSError):
                stdin.close()

    def stop(self) -> None:
        """End the helper (it may be mid-block: its work is no longer wanted)."""
        self.outbox.put(None)
        self.process.kill()
        self.writer.join()
        self.process.stdout.close()
        self.process.wait()


def _cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _write_frame(stream: BinaryIO, data: bytes, line: int, read: bool) -> None:
    for piece in (_FRAME.pack(len(data), line, read), data):
        view = memoryview(piece)
        while view:  # an unbuffered stream may take part of it at a time
            view = view[stream.write(view) :]
    stream.flush()


def _read_frame(stream: BinaryIO) -> tuple[bytes, int, bool] | None:
    head = _read_exactly(stream, _FRAME.size)
    if head is None:
        return None
    length, line, read = _FRAME.unpack(head)
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
    setup = _read_frame(stdin)
    if setup is None:
        return
    cutter = Cutter(marshal.loads(setup[0]), shared=True)
    while (frame := _read_frame(stdin)) is not None:
        data, line, read = frame
        text = decode(data) if read else data.decode("utf-8", "surrogatepass")
        try:
            _write_frame(stdout, marshal.dumps(cutter(text, line)), 0, False)
        except OSError:
            return


if __name__ == "__main__":
    _serve()
