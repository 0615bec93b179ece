"""Adding evidence: files, folders and zips (members too), each hashed, encrypted and logged.

Crash safety: each item is (1) read once while its ciphertext goes to a temporary name in the vault,
fsynced, (2) renamed into place, (3) recorded — exhibit row and ``acquired`` custody entry — in one
database transaction.  A crash before (3) leaves at most an unreferenced blob or a temporary file, never
a half exhibit; running the same command again skips what is recorded (by SHA-256) and finishes the rest.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import VaultError
from ..model import Exhibit
from ..store import CaseRepository
from . import archive
from .blobs import BlobStore
from .ingest import Source, read_through
from .metadata import file_times

if TYPE_CHECKING:
    from .vault import Vault


def _disk_source(path: Path) -> Source:
    resolved = path.resolve()
    stat = resolved.stat()
    return Source(
        name=path.name,
        original_path=str(resolved),
        size=stat.st_size,
        open=lambda: open(resolved, "rb"),
        metadata={"file_times": file_times(stat)},
    )


def _walk(folder: Path) -> list[Path]:
    """Regular files under ``folder``, sorted, without following symbolic links (no loops, no escapes)."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            item = Path(root) / name
            if item.is_file() and not item.is_symlink():
                found.append(item)
    return found


class Adder:
    def __init__(
        self,
        vault: Vault,
        case_id: str,
        *,
        sensitive: bool,
        note: str | None,
        actor: str,
        progress: Callable[[int, int], None] | None,
        expand_archives: bool,
    ) -> None:
        self.vault = vault
        self.case_id = case_id
        self.sensitive = sensitive
        self.note = note
        self.actor = actor
        self.expand = expand_archives
        self._progress = progress
        self.done = 0
        self.total = 0
        self.results: dict[str, Exhibit] = {}

    def _advance(self, count: int) -> None:
        self.done += count
        if self._progress is not None:
            self._progress(self.done, self.total)

    def _files(self, paths: list[Path]) -> list[Path]:
        files: list[Path] = []
        for path in paths:
            if not path.exists():
                raise VaultError.from_key("vault.path_missing", path=path)
            if path.is_dir():
                files.extend(_walk(path))
            elif path.is_file():
                files.append(path)
            else:
                raise VaultError.from_key("vault.path_not_file", path=path)
        home = self.vault.settings.home.expanduser().resolve()
        for f in files:
            if home in f.resolve().parents:
                raise VaultError.from_key("vault.path_in_home", path=f)
            if not os.access(f, os.R_OK):
                raise VaultError.from_key("vault.path_unreadable", path=f)
        return files

    def run(self, paths: list[Path]) -> list[Exhibit]:
        with self.vault.store.session() as s:
            CaseRepository(s).get(self.case_id)
        files = self._files(paths)
        sources = [_disk_source(f) for f in files]
        # Check every archive before anything is added: a refused zip leaves the case unchanged.
        plans = {}
        for src in sources:
            if self.expand and _is_zip_file(Path(src.original_path)):
                zf = archive.open_zip(src.original_path, src.name)
                budget = archive.Budget(self.vault.limits.max_total_bytes)
                plans[src.original_path] = (
                    zf,
                    archive.members(zf, src.name, budget, self.vault.limits),
                    budget,
                )
        self.total = sum(s.size for s in sources) + sum(m.size for _zf, ms, _b in plans.values() for m in ms)
        blobs = None if self.sensitive else BlobStore(self.vault.settings, self.case_id)
        data_key = None if self.sensitive else self.vault._data_key(self.case_id, create=True)
        self.vault._signing_key()
        if blobs is not None:
            blobs.clean_stale()
        try:
            for src in sources:
                exhibit = self._one(src, blobs, data_key, container=None)
                plan = plans.get(src.original_path)
                if plan is not None:
                    zf, members, budget = plan
                    self._archive(src, exhibit, members, budget, blobs, data_key, depth=1)
        finally:
            for zf, _m, _b in plans.values():
                zf.close()
        return list(self.results.values())

    def _one(
        self, src: Source, blobs: BlobStore | None, data_key: bytes | None, container: str | None
    ) -> Exhibit:
        digest = read_through(
            src, blobs=blobs, data_key=data_key, md5_always=self.sensitive, progress=self._advance
        )
        exhibit, _new = self.vault._keep(
            self.case_id,
            src,
            digest,
            sensitive=self.sensitive,
            note=self.note,
            actor=self.actor,
            container=container,
        )
        self.results.setdefault(exhibit.sha256, exhibit)
        return exhibit

    def _archive(
        self,
        src: Source,
        holder: Exhibit,
        members: list[archive.Member],
        budget: archive.Budget,
        blobs: BlobStore | None,
        data_key: bytes | None,
        depth: int,
    ) -> None:
        for m in members:
            inner = Source(
                name=m.inner_name.rsplit("/", 1)[-1],
                original_path=f"{src.original_path}!/{m.inner_name}",
                size=m.size,
                open=m.open,
                depth=depth,
            )
            exhibit = self._one(inner, blobs, data_key, container=holder.sha256)
            if exhibit.media_type == "application/zip" and depth < self.vault.limits.max_depth:
                label = inner.original_path
                nested = archive.nested(m, label, self.vault.limits)
                with nested:
                    more = archive.members(nested, label, budget, self.vault.limits)
                    self.total += sum(x.size for x in more)
                    self._archive(inner, exhibit, more, budget, blobs, data_key, depth + 1)


def _is_zip_file(path: Path) -> bool:
    with open(path, "rb") as handle:
        return archive.looks_like_zip(handle.read(4))
