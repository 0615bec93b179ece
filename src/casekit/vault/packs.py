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
# fdatasync skips the file's times, which nothing here needs; macOS has only fsync.
_datasync = getattr(os, "fdatasync", os.fsync)
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


class PackWriter:
    """One thread's pack: blobs appended one after another, never rewritten.

    ``begin`` / ``end`` bracket one blob and give its Span; what was written between them is handed to
    the file system at ``end`` (a buffered pack would leave a small blob in memory, where the batch's
    fdatasync cannot see it).  A blob abandoned half-way (its source failed) is left as unreferenced
    bytes; the next blob starts after them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.name = f"{os.getpid()}-{secrets.token_hex(6)}{PACK_SUFFIX}"
        self.path = folder / self.name
        self._file: IO[bytes] | None = None
        self._start = 0
        self.size = 0  # bytes written so far: the offset of the next blob
        self._kicked = 0  # bytes the disk was asked to start writing

    def begin(self) -> PackWriter:
        """Start a blob; return the writer to ``write`` it to (the pack is made, and its folder entry
        made durable, on first use)."""
        if self._file is None:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            self._file = open(self.path, "xb", buffering=1 << 20)  # noqa: SIM115 - lives as long as the ingest
            fsync_dir(self.folder)  # the pack's name is durable before any row can point into it
        self._start = self.size = self._file.tell()
        return self

    def write(self, data: bytes | memoryview) -> None:
        assert self._file is not None
        self._file.write(data)
        self.size += len(data)
        if _START_WRITING is not None and self.size - self._kicked >= KICK:
            self._file.flush()
            _START_WRITING(self._file.fileno(), self._kicked, self.size - self._kicked, SYNC_FILE_RANGE_WRITE)
            self._kicked = self.size

    def end(self) -> Span:
        assert self._file is not None
        self._file.flush()
        self.size = self._file.tell()
        return Span(self.name, self._start, self.size - self._start)

    def sync(self) -> None:
        """Make every blob ended so far durable (callable from another thread: fdatasync is)."""
        if self._file is not None:
            _datasync(self._file.fileno())

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


class PackSet:
    """The pack writers of one ingest process, one per reading thread."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._local = threading.local()
        self._writers: list[PackWriter] = []
        self._lock = threading.Lock()

    def writer(self) -> PackWriter:
        """This thread's pack writer."""
        found = getattr(self._local, "writer", None)
        if found is None:
            found = self._local.writer = PackWriter(self.folder)
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
                _datasync(fd)
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
