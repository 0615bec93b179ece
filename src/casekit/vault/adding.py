"""Adding evidence: files, folders and zips (members too), each hashed, encrypted and logged.

Crash safety: each item is (1) read once while its ciphertext is appended to the reading thread's
pack (packs.py), (2) made durable with the rest of its batch (one fdatasync per pack), (3) recorded —
exhibit row, with its place in the pack, and ``acquired`` custody entry — in a database transaction.
A database row therefore only ever points at bytes already safe on disk.  A crash before (3) leaves
at most unreferenced bytes at the end of a pack, never a half exhibit; running the same command again
skips what is recorded (by SHA-256) and finishes the rest.

Speed: files are read on every core (readers.py), results are recorded in the order given by a
thread of their own while reading goes on, and rows are committed in batches so a thousand
screenshots do not cost a thousand database commits.  Bytes the case already keeps are not written
again (packs are append-only): a file that fits in one chunk is hashed before it is encrypted and
skipped when its SHA-256 is known; a larger one is hashed first only when an exhibit of the case
already came from the same path with the same size (a command run again after a crash), so the usual
case reads each byte once.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import VaultError
from ..model import Exhibit
from ..store import CaseRepository
from ..store.evidence import CustodyRepository, ExhibitRepository
from . import archive
from .anchor import write_anchor
from .custody import GENESIS, CustodyAction, CustodyEntry, seal_entry
from .ingest import Source
from .metadata import file_times
from .packs import PackSet, packs_dir
from .readers import Prepared, Reader, read_all

if TYPE_CHECKING:
    from .vault import Vault

# A batch costs an fdatasync per pack and one transaction: batches are large for small files (chat
# logs), and BATCH_BYTES keeps one batch of videos from waiting long and spreads the disk's writing
# over the whole ingest instead of leaving it all to the end.
BATCH_ITEMS = 256
BATCH_BYTES = 256 << 20
PROGRESS_EVERY = 0.1  # seconds between progress reports
INFLIGHT = 2  # batches handed to the recorder: one being recorded and the next one waiting, so
# reading never stops for a recording (which, for small files, takes as long as the reading)


def _disk_source(path: Path) -> Source:
    """A file on disk; ``path`` is already resolved (absolute, no symbolic links)."""
    stat = path.stat()
    return Source(
        name=path.name,
        original_path=str(path),
        size=stat.st_size,
        open=partial(open, path, "rb"),
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


def _is_zip_file(path: Path) -> bool:
    with open(path, "rb") as handle:
        return archive.looks_like_zip(handle.read(4))


class Adder:
    def __init__(
        self,
        vault: Vault,
        case_id: str,
        *,
        sensitive: bool,
        sensitive_media: bool = False,
        note: str | None,
        actor: str,
        progress: Callable[[int, int], None] | None,
        expand_archives: bool,
    ) -> None:
        self.vault = vault
        self.case_id = case_id
        self.sensitive = sensitive
        self.sensitive_media = sensitive_media
        self.note = note
        self.actor = actor
        self.expand = expand_archives
        self._progress = progress
        self.done = 0
        self.total = 0
        self.results: dict[str, Exhibit] = {}
        self.pending: list[Prepared] = []
        self.pending_bytes = 0
        self.packs: PackSet | None = None
        self.reader: Reader | None = None
        self._lock = threading.Lock()
        self._reported = 0.0  # when progress was last reported
        # Batches are synced and recorded by one thread of their own, in order, while reading goes on.
        self._recorder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="casekit-record")
        self._recording: deque[Future[None]] = deque()
        self._failed = False  # a batch failed: the ones queued after it are dropped, not recorded

    # ---- gathering -------------------------------------------------------------------------------

    def _advance(self, count: int) -> None:
        with self._lock:  # worker threads report progress concurrently
            self.done += count
            if self._progress is None:
                return
            # At most every PROGRESS_EVERY seconds, and at the end: a bar needs no more, and each report
            # is Python work (Rich's bookkeeping) under the interpreter lock the reader threads share.
            now = time.monotonic()
            if now - self._reported >= PROGRESS_EVERY or self.done >= self.total:
                self._reported = now
                self._progress(self.done, self.total)

    def _files(self, paths: list[Path]) -> list[Path]:
        """Every file to add, resolved once (walking a resolved folder yields resolved paths, since
        symbolic links are not followed), checked to be readable and outside the data folder."""
        files: list[Path] = []
        for path in paths:
            if not path.exists():
                raise VaultError.from_key("vault.path_missing", path=path)
            if path.is_dir():
                files.extend(_walk(path.resolve()))
            elif path.is_file():
                files.append(path.resolve())
            else:
                raise VaultError.from_key("vault.path_not_file", path=path)
        home = str(self.vault.settings.home.expanduser().resolve()) + os.sep
        for f in files:
            if str(f).startswith(home):
                raise VaultError.from_key("vault.path_in_home", path=f)
            if not os.access(f, os.R_OK):
                raise VaultError.from_key("vault.path_unreadable", path=f)
        return files

    def run(self, paths: list[Path]) -> list[Exhibit]:
        with self.vault.store.session() as s:
            CaseRepository(s).get(self.case_id)
            identities = ExhibitRepository(s).identities(self.case_id)
            referenced = ExhibitRepository(s).packs(self.case_id)
        # Unlocking the keys (Argon2id: a fifth of a second, and no interpreter lock held) goes on in
        # the recorder's thread, idle until the first batch, while the files are listed and checked.
        unlocking = self._recorder.submit(self._unlock)
        plans: dict[str, tuple[Any, list[archive.Member], archive.Budget]] = {}
        try:
            sources = [_disk_source(f) for f in self._files(paths)]
            # Check every archive before anything is added: a refused zip leaves the case unchanged.
            for src in sources:
                if self.expand and _is_zip_file(Path(src.original_path)):
                    zf = archive.open_zip(src.original_path, src.name)
                    plans[src.original_path] = (zf, [], archive.Budget(self.vault.limits.max_total_bytes))
                    zf_members = archive.members(zf, src.name, plans[src.original_path][2], self.vault.limits)
                    plans[src.original_path][1].extend(zf_members)
            self.total = sum(s.size for s in sources) + sum(
                m.size for _z, ms, _b in plans.values() for m in ms
            )
            data_key = unlocking.result()
            if data_key is not None:
                self.packs = PackSet(packs_dir(self.vault.settings, self.case_id))
                self.packs.clean_stale(referenced)
            self.reader = Reader(
                packs=self.packs,
                data_key=data_key,
                sensitive=self.sensitive,
                sensitive_media=self.sensitive_media,
                kept={sha for sha, _size, _path in identities},
                known_paths={path: size for _sha, size, path in identities if path},
            )
            for prepared in read_all(self.reader, sources, self._advance):
                self._queue(prepared)
                plan = plans.get(prepared.source.original_path)
                if plan is not None:
                    _zf, members, budget = plan
                    self._archive(prepared.source, prepared.digest.sha256, members, budget, depth=1)
            self._flush()
        finally:
            try:
                self._wait_recording()
            finally:
                self._recorder.shutdown()
                for zf, _m, _b in plans.values():
                    zf.close()
                if self.packs is not None:
                    self.packs.close()
        return list(self.results.values())

    def _unlock(self) -> bytes | None:
        """The signing key (every item is logged) and, unless nothing is to be kept, the case's key."""
        self.vault._signing_key()
        return None if self.sensitive else self.vault._data_key(self.case_id, create=True)

    # ---- reading ---------------------------------------------------------------------------------

    def _archive(
        self, src: Source, holder: str, members: list[archive.Member], budget: archive.Budget, depth: int
    ) -> None:
        for m in members:
            inner = Source(
                name=m.inner_name.rsplit("/", 1)[-1],
                original_path=f"{src.original_path}!/{m.inner_name}",
                size=m.size,
                open=m.open,
                depth=depth,
            )
            assert self.reader is not None
            prepared = self.reader.prepare(inner, holder, self._advance)
            self._queue(prepared)
            if prepared.digest.media_type == "application/zip" and depth < self.vault.limits.max_depth:
                self._nested(m, inner, prepared.digest.sha256, budget, depth)

    def _nested(
        self, member: archive.Member, inner: Source, sha256: str, budget: archive.Budget, depth: int
    ) -> None:
        """Walk a zip found inside a zip.  If it cannot be walked safely it stays one sealed exhibit
        (already added), and the custody log says why it was not unpacked."""
        label = inner.original_path
        try:
            with archive.nested(member, label, self.vault.limits) as nested:
                more = archive.members(nested, label, budget, self.vault.limits)
                self.total += sum(x.size for x in more)
                self._archive(inner, sha256, more, budget, depth + 1)
                self._flush()  # the nested archive is closed after this: nothing may point into it
        except VaultError as exc:
            self._flush()
            self.vault.record(
                self.case_id, CustodyAction.note, sha256, f"not unpacked: {exc.message}", actor=self.actor
            )

    # ---- recording -------------------------------------------------------------------------------

    def _queue(self, item: Prepared) -> None:
        self.pending.append(item)
        self.pending_bytes += item.digest.size
        if len(self.pending) >= BATCH_ITEMS or self.pending_bytes >= BATCH_BYTES:
            self._flush(wait=False)

    def _flush(self, wait: bool = True) -> None:
        """Hand the pending batch to the recorder (which records batches in order); with ``wait``,
        return only once everything queued so far is recorded."""
        if self.pending:
            batch, self.pending, self.pending_bytes = self.pending, [], 0
            while len(self._recording) >= INFLIGHT:
                self._recording.popleft().result()
            self._recording.append(self._recorder.submit(self._record, batch))
        if wait:
            self._wait_recording()

    def _wait_recording(self) -> None:
        """Wait for every batch handed over; raise the first failure."""
        error: BaseException | None = None
        while self._recording:
            try:
                self._recording.popleft().result()
            except BaseException as exc:  # keep waiting: every batch must be settled before we return
                error = error or exc
        if error is not None:
            raise error

    def _record(self, batch: list[Prepared]) -> None:
        """Make the batch's blobs durable, then record every new item in one transaction."""
        if self._failed:  # a batch before this one failed: nothing after it is recorded
            return
        try:
            self._record_batch(batch)
        except BaseException:
            self._failed = True  # what a failed batch wrote stays as unreferenced bytes in its pack
            raise

    def _record_batch(self, batch: list[Prepared]) -> None:
        with self.vault.store.session() as s:
            known = ExhibitRepository(s).by_sha256s(self.case_id, [i.digest.sha256 for i in batch])
        fresh: list[Prepared] = []
        seen: set[str] = set()
        for item in batch:
            sha = item.digest.sha256
            if sha in known:
                self.results.setdefault(sha, known[sha])
            # Recorded already (before this run: not even written), or twice in this batch.
            if sha in known or sha in seen or item.digest.duplicate:
                continue
            seen.add(sha)
            fresh.append(item)
        spans = {i.digest.sha256: i.digest.span for i in fresh if i.digest.span is not None}
        if self.packs is not None:
            self.packs.sync({span.pack for span in spans.values()})  # durable before any row points in
        with self.vault.store.session() as s:
            exhibits = ExhibitRepository(s)
            custody = CustodyRepository(s)
            number = exhibits.next_number(self.case_id)
            head = custody.head(self.case_id)
            seq, prev = (head.seq, head.entry_hash) if head else (0, GENESIS)
            signer = self.vault._signing_key()
            rows: list[Exhibit] = []
            entries: list[CustodyEntry] = []
            for item in fresh:
                exhibit = self._exhibit(item, number)
                number += 1
                seq += 1
                entry = CustodyEntry(
                    case_id=self.case_id,
                    seq=seq,
                    actor=self.actor,
                    action=CustodyAction.acquired,
                    exhibit_sha256=exhibit.sha256,
                    detail=acquired_detail(exhibit),
                    prev_hash=prev,
                )
                entry = seal_entry(entry, signer)
                prev = entry.entry_hash
                rows.append(exhibit)
                entries.append(entry)
            exhibits.add_many(rows, spans)
            custody.append_many(entries)
        if entries:
            write_anchor(self.vault.settings, self.case_id, entries[-1])  # after the commit: anchor.py
        for exhibit in rows:
            self.results.setdefault(exhibit.sha256, exhibit)

    def _exhibit(self, item: Prepared, number: int) -> Exhibit:
        metadata: dict[str, Any] = dict(item.source.metadata)
        pdq = quality = None
        if item.image is not None:
            info = dict(item.image)
            pdq, quality = info.pop("pdq", None), info.pop("pdq_quality", None)
            metadata["image"] = info
        if item.container:
            metadata["container"] = item.container
        return Exhibit(
            case_id=self.case_id,
            number=number,
            sha256=item.digest.sha256,
            size=item.digest.size,
            original_name=item.source.name,
            original_path=item.source.original_path,
            media_type=item.digest.media_type,
            md5=item.digest.md5,
            pdq=pdq,
            pdq_quality=quality,
            sensitive=self.sensitive or item.digest.span is None,
            stored=item.digest.span is not None,
            note=self.note,
            metadata=metadata,
        )


def acquired_detail(exhibit: Exhibit) -> str:
    """What the ``acquired`` entry vouches for: the identity of the exhibit, as canonical JSON."""
    import json

    return json.dumps(
        {
            "exhibit": exhibit.label,
            "sha256": exhibit.sha256,
            "size": exhibit.size,
            "md5": exhibit.md5,
            "pdq": exhibit.pdq,
            "name": exhibit.original_name,
            "path": exhibit.original_path,
            "stored": exhibit.stored,
            "sensitive": exhibit.sensitive,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
