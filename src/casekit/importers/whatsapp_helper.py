"""Helper processes for the WhatsApp fast lane: a large file's blocks are cut (``whatsapp_split``) in a
helper process on another core while this process makes the records of the blocks before.

The helper is ``whatsapp_split`` run by the same Python (``-I -S``: nothing of the user's environment
and none of casekit's imports, so it starts in a few hundredths of a second).  It reads blocks on its
stdin and writes their descriptions on its stdout, and knows nothing of the file but the blocks it is
given; no evidence touches the disk.  Anything amiss with it (no interpreter to start, a broken pipe,
silence) and the blocks are cut here.  The work is balanced between the two as they go
(:func:`cut_all`): records stay in file order and only a few blocks are held at once.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import queue
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from . import whatsapp_split
from .whatsapp_split import Block, Cutter, read_frame, write_frame

try:
    from select import select as _select
except ImportError:  # pragma: no cover - every platform casekit runs on has it
    _select = None
try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: pipes keep their size
    fcntl = None

HELPER_MIN = 8 << 20  # a smaller file is read before a helper would have paid for its start
_AHEAD = 4  # blocks per helper handed out and not yet taken back: it never runs dry, memory stays flat
_SPARE = 2  # blocks read ahead beyond those and kept back, for this process to cut while a helper is behind
_PATIENCE = 60.0  # seconds a helper may take over a block (it takes hundredths) before it is given up
_PIPE = 1 << 20  # bytes a pipe to or from a helper holds, where the system allows (Linux's default limit)


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

    reading = iter(blocks)
    try:
        while True:
            try:
                line, text, data = next(reading)
            except StopIteration:
                break
            except Exception:  # a block that cannot be read: raised once those before it are handed on
                while held:
                    yield take()
                raise
            held.append([line, text, data, _KEPT])
            kept += 1
            hand_out()
            while len(held) > ahead:
                yield take()
        while held:
            yield take()
    finally:
        _stop(helpers)


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
                    [sys.executable, "-I", "-S", whatsapp_split.__file__],
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
            frame = read_frame(self.process.stdout)
            block = _FAILED if frame is None else marshal.loads(frame[0])
        except (OSError, ValueError, EOFError, TypeError):
            return _FAILED
        return block if block is None or (type(block) is tuple and len(block) == 5) else _FAILED

    def _write_all(self) -> None:
        stdin = self.process.stdin
        try:
            while (item := self.outbox.get()) is not None:
                write_frame(stdin, *item)
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
