"""Reading the files of an ingest — hashing them and encrypting them into packs — on every core.

Where the system can fork (Linux), files on disk are read by worker processes, each appending to a
pack of its own; elsewhere, and for small ingests, by threads.  Why processes: per file, reading costs
some Python (opening, sniffing, setting up the cipher), and AES-GCM holds the interpreter lock while it
runs.  With threads, that work competes for the one lock with the recording thread's (rows and signed
custody entries), and each system call of a reading thread then waits for the lock to come back: on
the development VM, adding 2,000 chat logs cost 0.55 ms a file that way, most of it waiting
(benchmarks/README.md).  A forked process starts in milliseconds with everything already imported, and
only small results (hashes, sizes, where the blob went) travel back.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from .crypto import CHUNK_SIZE
from .ingest import Digest, Source, describe_image, read_through
from .metadata import is_image, is_picture_or_video
from .packs import PackSet

WORKERS = min(4, os.cpu_count() or 1)
PREFETCH = 256  # tasks handed out ahead of the one being recorded; bounds the results held in memory
GROUP_FILES = 32  # small files travel to a worker process in groups: one round trip for many files
GROUP_BYTES = 8 << 20
PROCESSES_FROM = 64  # files; fewer are read by threads (starting processes would cost more)
PROGRESS_EVERY = 0.1  # seconds: how often the workers' progress is passed on while waiting

Progress = Callable[[int], None]


@dataclass
class Prepared:
    source: Source
    digest: Digest
    image: dict[str, Any] | None
    container: str | None


@dataclass
class Reader:
    """What reading needs to know.  It changes nothing, so readers need no lock: two files of one run
    with the same bytes are both written (threads and processes read in any order, and the recorder
    keeps the first *given*), the other copy staying unreferenced in its pack; only bytes the case
    kept before the run are skipped."""

    packs: PackSet | None  # None: nothing is written (every item hash-only)
    data_key: bytes | None
    sensitive: bool
    sensitive_media: bool
    kept: set[str]  # SHA-256 of the bytes the case kept before this run
    known_paths: dict[str, int]  # original path → size, of the case's exhibits

    def prepare(self, src: Source, container: str | None, progress: Progress | None) -> Prepared:
        hash_only = is_picture_or_video if self.sensitive_media else None
        sink = self.packs.writer() if self.packs is not None else None
        if sink is not None and src.size > CHUNK_SIZE and self.known_paths.get(src.original_path) == src.size:
            # Probably added before (a command run again after a crash): hash it first, and write it
            # only if its bytes are not kept already.  A one-chunk file needs no such pass (``kept``).
            first = read_through(src, sink=None, data_key=None, md5_always=self.sensitive, progress=progress)
            if first.sha256 in self.kept:
                return Prepared(src, replace(first, duplicate=True), None, container)
            progress = None  # its bytes were counted by the first pass
        digest = read_through(
            src,
            sink=sink,
            data_key=self.data_key,
            md5_always=self.sensitive,
            progress=progress,
            hash_only=hash_only,
            kept=self.kept.__contains__,
        )
        image = describe_image(src) if is_image(digest.media_type) and not digest.duplicate else None
        return Prepared(src, digest, image, container)

    def forked(self) -> Reader:
        """This reader for a worker process, with packs of its own (the parent's pack writer, which
        it may have used for a zip's members, must not be shared)."""
        return replace(self, packs=PackSet(self.packs.folder) if self.packs is not None else None)


# ---- worker processes ---------------------------------------------------------------------------

_worker: Reader | None = None
_read_bytes: Any = None  # a counter shared with the parent: bytes read by every worker, for progress


def _start_worker(reader: Reader, read_bytes: Any) -> None:
    global _worker, _read_bytes
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    # Fresh standard streams on the same descriptors: another thread of the parent (the progress
    # bar's) may have held a stream's lock at the fork, and a warning written here would then wait
    # for it forever.
    sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115 - as long as the process
    sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115
    _worker = reader.forked()
    _read_bytes = read_bytes


def _count(size: int) -> None:
    with _read_bytes.get_lock():
        _read_bytes.value += size


def _read_group(group: list[tuple[str, str, int]]) -> list[tuple[Digest, dict[str, Any] | None]]:
    """Read files given as (name, path, size): plain tuples, the cheapest to send."""
    assert _worker is not None
    out = []
    for name, path, size in group:
        prepared = _worker.prepare(Source(name, path, size, partial(open, path, "rb")), None, _count)
        out.append((prepared.digest, prepared.image))
    return out


def _groups(sources: list[Source]) -> Iterator[list[Source]]:
    group: list[Source] = []
    size = 0
    for src in sources:
        group.append(src)
        size += src.size
        if len(group) >= GROUP_FILES or size >= GROUP_BYTES:
            yield group
            group, size = [], 0
    if group:
        yield group


def can_fork() -> bool:
    # Fork only on Linux: macOS's system libraries are not safe to use after a fork.
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def read_all(reader: Reader, sources: list[Source], progress: Progress) -> Iterator[Prepared]:
    """Prepared items for files on disk, in the order given, read ahead on every core."""
    if len(sources) >= PROCESSES_FROM and WORKERS > 1 and can_fork():
        yield from _in_processes(reader, sources, progress)
        return
    with ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="casekit-ingest") as threads:
        futures: list[Future[Prepared]] = []
        try:
            for src in sources:
                futures.append(threads.submit(reader.prepare, src, None, progress))
                if len(futures) >= 2 * GROUP_FILES:
                    yield futures.pop(0).result()
            while futures:
                yield futures.pop(0).result()
        finally:
            for future in futures:
                future.cancel()


def _in_processes(reader: Reader, sources: list[Source], progress: Progress) -> Iterator[Prepared]:
    context = multiprocessing.get_context("fork")
    read_bytes = context.Value("q", 0)
    reported = 0

    def results(future: Future[Any]) -> list[tuple[Digest, dict[str, Any] | None]]:
        """The future's result, passing on the workers' progress while waiting (a video is one task)."""
        nonlocal reported
        while True:
            try:
                return future.result(timeout=PROGRESS_EVERY)
            except TimeoutError:
                pass
            finally:
                now = read_bytes.value
                if now > reported:
                    progress(now - reported)
                    reported = now

    pool = ProcessPoolExecutor(
        WORKERS, mp_context=context, initializer=_start_worker, initargs=(reader, read_bytes)
    )
    with pool:
        window: list[tuple[list[Source], Future[Any]]] = []
        try:
            for group in _groups(sources):
                task = [(s.name, s.original_path, s.size) for s in group]
                window.append((group, pool.submit(_read_group, task)))
                while len(window) >= PREFETCH or (window and window[0][1].done()):
                    group, future = window.pop(0)
                    for src, (digest, image) in zip(group, results(future), strict=True):
                        yield Prepared(src, digest, image, None)
            for group, future in window:
                for src, (digest, image) in zip(group, results(future), strict=True):
                    yield Prepared(src, digest, image, None)
            window = []
        finally:
            for _group, future in window:  # an error or interruption: stop reading ahead
                future.cancel()
