"""Where encrypted evidence lives on disk: append-only pack files, ``vault/<case id>/packs/*.ckp``.

Each exhibit's blob (the chunked AES-GCM format of crypto.py, unchanged) is appended to a pack, and the
exhibit's row records the pack's name, the offset and the length: the vault stays content-addressed
(the database maps each SHA-256 to its bytes, as git's pack index does), but adding a file costs one
write to a file already open, not a new file, a rename and a folder entry per exhibit.  On the
development VM the per-file create and rename was most of the cost of adding 2,000 chat logs
(benchmarks/README.md).

Each reading thread of an ingest appends to a pack of its own, named after the process (so the leftovers
of a killed process are recognised), and never rewrites a byte.  Crash safety comes from the order of
writes: a batch's packs are fdatasynced (and a new pack's folder entry fsynced) *before* the rows that
point into them are committed, so a row only ever points at bytes already safe on disk.  A crash leaves
at most unreferenced bytes at a pack's end, or a pack nothing points at; the next ingest removes the
latter when its process is gone (``clean_stale``), and the former are never read.

Blobs written by casekit before packs (``<aa>/<sha256>.ckv``, one file each, rows with no pack) are
still read: see ``loose_path``.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import mmap
import os
import secrets
import shutil
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..settings import Settings

PACK_SUFFIX = ".ckp"
LOOSE_SUFFIX = ".ckv"  # the one-file-per-blob layout of earlier versions, still read


def vault_root(settings: Settings) -> Path:
    return settings.home / "vault"


def case_dir(settings: Settings, case_id: str) -> Path:
    if not case_id.isalnum():  # case ids are hex; refuse anything that could climb out of the folder
        raise ValueError("case id must be alphanumeric")
    return vault_root(settings) / case_id


def packs_dir(settings: Settings, case_id: str) -> Path:
    return case_dir(settings, case_id) / "packs"


def loose_path(settings: Settings, case_id: str, sha256: str) -> Path:
    return case_dir(settings, case_id) / sha256[:2] / f"{sha256}{LOOSE_SUFFIX}"


def fsync_dir(path: Path) -> None:
    if os.name != "posix":  # pragma: no cover - Windows cannot open a directory for fsync
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_file_range() -> Any:
    """Linux's sync_file_range(2), to start writing a range to disk without waiting for it."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        call = ctypes.CDLL(None, use_errno=True).sync_file_range
    except (OSError, AttributeError):  # pragma: no cover - a libc without it
        return None
    call.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]
    return call


_START_WRITING = _sync_file_range()
SYNC_FILE_RANGE_WRITE = 2
# Every KICK bytes appended, the disk is asked to start writing them.  Left alone, the kernel holds
# written data in memory until far more has piled up (gigabytes on a machine with a lot of memory),
# and the batch's fdatasync then waits for all of it: on the development VM, hashing and writing 1 GB
# took 2.9 s and its fdatasync 1.0 s more; with a start every 8 MiB, the disk wrote while the
# hashing went on and the fdatasync found almost nothing left to do.
KICK = 8 << 20


@dataclass(frozen=True)
class Span:
    """Where one blob is: ``length`` bytes at ``offset`` in the pack named ``pack``."""

    pack: str
    offset: int
    length: int


ALIGN = 4096  # what O_DIRECT needs of buffers, offsets and lengths (a page: enough for any disk)
STAGE = 4 << 20  # the aligned buffer a direct pack gathers whole blocks in


class _DirectFile:
    """An append-only file written with O_DIRECT: straight from an aligned buffer to the disk.

    A large blob written through the page cache costs the kernel a copy of every byte and leaves
    the disk all of it to write at the batch's fdatasync; written directly, the CPU does no copy and
    the disk writes while the next chunk is hashed.  On the development VM, 1 GB took 0.09 s of CPU
    this way against 0.8-1.3 s through the page cache (benchmarks/README.md).  Blocks must be whole,
    so each blob ends padded with zeros to the next block (at most 4 KiB: only large blobs come
    here), and the padding, like any byte outside a blob's span, is never read."""

    def __init__(self, path: Path) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_DIRECT, 0o600)
        self._buffer = mmap.mmap(-1, STAGE)  # page-aligned, as O_DIRECT needs
        self._view = memoryview(self._buffer)
        self._fill = 0  # bytes gathered, not yet written
        self._written = 0  # bytes on disk: always whole blocks

    def tell(self) -> int:
        return self._written + self._fill

    def write(self, data: bytes | memoryview) -> None:
        data = memoryview(data).cast("B")
        while data:
            take = min(len(data), STAGE - self._fill)
            self._view[self._fill : self._fill + take] = data[:take]
            self._fill += take
            data = data[take:]
            if self._fill == STAGE:
                self._drain()

    def _drain(self) -> None:
        """Write the whole blocks gathered; keep the rest (less than a block) at the buffer's start."""
        whole = self._fill - self._fill % ALIGN
        done = 0
        while done < whole:
            done += os.write(self.fd, self._view[done:whole])
        rest = self._fill - whole
        self._view[:rest] = self._view[whole : self._fill]
        self._fill = rest
        self._written += whole

    def finish(self) -> None:
        """Write everything gathered, the last block padded with zeros."""
        padding = -self._fill % ALIGN
        self._view[self._fill : self._fill + padding] = bytes(padding)
        self._fill += padding
        self._drain()

    def fileno(self) -> int:
        return self.fd

    def close(self) -> None:
        self._view.release()
        self._buffer.close()
        os.close(self.fd)


class PackWriter:
    """One thread's pack: blobs appended one after another, never rewritten.

    ``begin`` / ``end`` bracket one blob and give its Span; what was written between them is handed to
    the file system at ``end`` (a buffered pack would leave a small blob in memory, where the batch's
    fdatasync cannot see it).  A blob abandoned half-way (its source failed) is left as unreferenced
    bytes; the next blob starts after them.  ``direct`` packs (large blobs) are written with O_DIRECT
    where the file system allows it (not tmpfs, for one), through the page cache elsewhere."""

    def __init__(self, folder: Path, *, direct: bool = False) -> None:
        self.folder = folder
        self.direct = direct
        self.name = f"{os.getpid()}-{secrets.token_hex(6)}{PACK_SUFFIX}"
        self.path = folder / self.name
        self._file: Any = None  # a buffered file, or a _DirectFile
        self._start = 0
        self.size = 0  # bytes written so far: the offset of the next blob
        self._kicked = 0  # bytes the disk was asked to start writing (page-cache packs)

    def _open(self) -> Any:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        opened: Any = None
        if self.direct and hasattr(os, "O_DIRECT"):
            try:
                opened = _DirectFile(self.path)
            except OSError as exc:  # EINVAL: this file system takes no O_DIRECT
                if exc.errno != errno.EINVAL:
                    raise
                self.path.unlink(missing_ok=True)
                self.direct = False
        if opened is None:
            opened = open(self.path, "xb", buffering=1 << 20)  # noqa: SIM115 - lives as long as the ingest
        fsync_dir(self.folder)  # the pack's name is durable before any row can point into it
        return opened

    def begin(self) -> PackWriter:
        """Start a blob; return the writer to ``write`` it to (the pack is made on first use)."""
        if self._file is None:
            self._file = self._open()
        self._start = self.size = self._file.tell()
        return self

    def write(self, data: bytes | memoryview) -> None:
        self._file.write(data)
        self.size += len(data)
        if self.direct or _START_WRITING is None or self.size - self._kicked < KICK:
            return
        self._file.flush()
        _START_WRITING(self._file.fileno(), self._kicked, self.size - self._kicked, SYNC_FILE_RANGE_WRITE)
        self._kicked = self.size

    def end(self) -> Span:
        length = self._file.tell() - self._start
        if self.direct:
            self._file.finish()
        else:
            self._file.flush()
        self.size = self._file.tell()
        return Span(self.name, self._start, length)

    def sync(self) -> None:
        """Make every blob ended so far durable (callable from another thread: fdatasync is)."""
        if self._file is not None:
            os.fdatasync(self._file.fileno())

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


class PackSet:
    """The pack writers of one ingest process: per reading thread, one for small blobs (through the
    page cache, many to a block) and one for large ones (written directly, see _DirectFile)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._local = threading.local()
        self._writers: list[PackWriter] = []
        self._lock = threading.Lock()

    def writer(self, *, large: bool = False) -> PackWriter:
        """This thread's pack writer for a small or a large blob."""
        mine = getattr(self._local, "writers", None)
        if mine is None:
            mine = self._local.writers = {}
        found = mine.get(large)
        if found is None:
            found = mine[large] = PackWriter(self.folder, direct=large)
            with self._lock:
                self._writers.append(found)
        return found

    def sync(self, names: Iterable[str]) -> None:
        """fdatasync the packs named (those a batch about to be recorded points into), whether this
        process writes them or a worker process does (readers.py): opened by name for that."""
        mine = {w.name: w for w in self._writers}
        for name in set(names):
            if name in mine:
                mine[name].sync()
                continue
            fd = os.open(self.folder / name, os.O_RDONLY)
            try:
                os.fdatasync(fd)
            finally:
                os.close(fd)

    def close(self) -> None:
        for w in self._writers:
            w.close()

    def clean_stale(self, referenced: set[str]) -> int:
        """Remove packs that no row points at, left by processes that no longer run; return how many."""
        if not self.folder.is_dir():
            return 0
        removed = 0
        for item in self.folder.glob(f"*{PACK_SUFFIX}"):
            try:
                pid = int(item.name.split("-", 1)[0])
            except ValueError:
                continue
            if item.name not in referenced and pid != os.getpid() and not _alive(pid):
                with contextlib.suppress(OSError):
                    item.unlink()
                    removed += 1
        return removed


class Window:
    """A read-only view of ``length`` bytes at ``offset`` of an open file: one blob inside a pack."""

    def __init__(self, handle: IO[bytes], offset: int, length: int) -> None:
        handle.seek(offset)
        self._handle = handle
        self._left = length

    def read(self, size: int = -1) -> bytes:
        size = self._left if size < 0 else min(size, self._left)
        data = self._handle.read(size)
        self._left -= len(data)
        return data


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def purge_case(settings: Settings, case_id: str) -> int:
    """Remove every encrypted blob of a case (``casekit case delete`` calls this after removing the rows).

    The wrapped case key goes with the database rows, so even a copy of the blobs made earlier can no
    longer be decrypted.  Returns the number of files of evidence removed (packs and loose blobs)."""
    root = case_dir(settings, case_id)
    if not root.exists():
        return 0
    count = sum(1 for p in root.rglob("*") if p.suffix in (PACK_SUFFIX, LOOSE_SUFFIX))
    shutil.rmtree(root)
    return count
