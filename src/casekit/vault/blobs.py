"""Where encrypted evidence lives on disk: ``CASEKIT_HOME/vault/<case id>/<aa>/<sha256>.ckv``.

Writing is crash-safe: ciphertext goes to a temporary name inside the case's own folder (never the
system temp folder, never plaintext), is flushed to disk with fsync, then renamed into place — a rename
within one folder is atomic, so a blob is either whole or absent.  A temporary name records the process
that made it, so leftovers of a killed process are recognised and removed on the next run.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import secrets
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from ..settings import Settings

SUFFIX = ".ckv"
TMP_PREFIX = ".tmp-"


def vault_root(settings: Settings) -> Path:
    return settings.home / "vault"


def case_dir(settings: Settings, case_id: str) -> Path:
    if not case_id.isalnum():  # case ids are hex; refuse anything that could climb out of the folder
        raise ValueError("case id must be alphanumeric")
    return vault_root(settings) / case_id


def fsync_dir(path: Path) -> None:
    if os.name != "posix":  # pragma: no cover - Windows cannot open a directory for fsync
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _syncfs() -> Callable[[int], int] | None:
    """Linux's syncfs(2): flush every dirty page of one file system in one call."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.syncfs
    except (OSError, AttributeError):  # pragma: no cover - a libc without syncfs
        return None


_SYNCFS = _syncfs()


def sync_files(paths: list[Path]) -> None:
    """Make the contents of ``paths`` durable.  One syncfs for a whole batch where the system has it
    (a thousand screenshots cost one flush, not a thousand), else one fsync per file."""
    if not paths:
        return
    if _SYNCFS is not None:
        fd = os.open(paths[0], os.O_RDONLY)
        try:
            if _SYNCFS(fd) == 0:
                return
        finally:
            os.close(fd)
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def sync_names(paths: list[Path]) -> None:
    """Make renames into place durable: one syncfs, else one fsync per folder involved."""
    if not paths:
        return
    if _SYNCFS is not None:
        fd = os.open(paths[0].parent, os.O_RDONLY)
        try:
            if _SYNCFS(fd) == 0:
                return
        finally:
            os.close(fd)
    for folder in {p.parent for p in paths}:
        fsync_dir(folder)


class BlobStore:
    def __init__(self, settings: Settings, case_id: str) -> None:
        self.root = case_dir(settings, case_id)
        self._made: set[Path] = set()  # folders known to exist: saves a mkdir per blob

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / f"{sha256}{SUFFIX}"

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def temp(self) -> Path:
        if self.root not in self._made:
            self.root.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            self.root.mkdir(exist_ok=True, mode=0o700)
            self._made.add(self.root)
        return self.root / f"{TMP_PREFIX}{os.getpid()}-{secrets.token_hex(6)}"

    def commit(self, temp: Path, sha256: str, *, sync: bool = True) -> Path:
        """Move a finished, fsynced temporary blob to its final name (replacing an orphan of a crash).

        With ``sync=False`` the caller fsyncs the folder itself (once for a whole batch)."""
        final = self.path(sha256)
        if final.parent not in self._made:
            final.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            self._made.add(final.parent)
        os.replace(temp, final)
        if sync:
            fsync_dir(final.parent)
        return final

    def clean_stale(self) -> int:
        """Remove temporary blobs left by processes that no longer run; return how many."""
        removed = 0
        if not self.root.is_dir():
            return 0
        for item in self.root.glob(f"{TMP_PREFIX}*"):
            try:
                pid = int(item.name[len(TMP_PREFIX) :].split("-", 1)[0])
            except ValueError:
                continue
            if pid != os.getpid() and not _alive(pid):
                with contextlib.suppress(OSError):
                    item.unlink()
                    removed += 1
        return removed


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
    longer be decrypted.  Returns the number of blobs removed."""
    root = case_dir(settings, case_id)
    if not root.exists():
        return 0
    count = sum(1 for _ in root.rglob(f"*{SUFFIX}"))
    shutil.rmtree(root)
    return count
