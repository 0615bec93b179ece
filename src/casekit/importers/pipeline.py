"""``casekit import`` as a library call: find the chat files in what the user gave, read them all once
to prove they can be read, add the export to the vault, then store every message — citing its
exhibit's SHA-256 and its place in it — in one transaction.

Nothing is half-imported: a file that fails to read stops everything before the vault or the database
is touched, and a failure while storing rolls the whole transaction back.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ImportFailed
from ..model import Exhibit, Message, new_id
from ..store import CaseRepository, Store
from ..store.messages import MessageRepository, new_import
from ..vault import archive
from . import registry
from .base import Importer, Options, Record, Source, fail


@dataclass
class Found:
    """A chat file found in what the user gave, and the importer that reads it."""

    source: Source
    importer: Importer
    messages: int = 0
    sha256: str = ""
    zone_assumed: str | None = None
    already: bool = False  # the same bytes were imported into this case before: not stored twice


@dataclass
class ImportResult:
    case_id: str
    files: list[Found] = field(default_factory=list)
    exhibits: list[Exhibit] = field(default_factory=list)

    @property
    def message_count(self) -> int:
        return sum(f.messages for f in self.files if not f.already)


class VaultCipher:
    """Seals message content with the case's data key: AES-256-GCM, a random 96-bit nonce per message,
    the message's identity as associated data (the vault's ``seal`` layout: nonce | ciphertext)."""

    def __init__(self, key: bytes) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._aead = AESGCM(key)  # built once: a timeline opens every message of the case

    def seal(self, plaintext: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(12)
        return nonce + self._aead.encrypt(nonce, plaintext, aad)

    def open(self, sealed: bytes, aad: bytes) -> bytes:
        from cryptography.exceptions import InvalidTag

        try:
            return self._aead.decrypt(sealed[:12], sealed[12:], aad)
        except InvalidTag:
            raise ImportFailed.from_key("import.sealed_damaged") from None

    @classmethod
    def for_case(cls, vault: Any, case_id: str, *, create: bool = False) -> VaultCipher:
        # Message text is encrypted at rest like the exhibit bytes, under the case's own key (one
        # passphrase unlocks both), through a subkey of its own.
        return cls(vault.subkey(case_id, "messages", create=create))


def _is_zip(path: Path) -> bool:
    with open(path, "rb") as fh:
        return archive.looks_like_zip(fh.read(4))


def _sources(paths: list[Path], stack: ExitStack) -> Iterator[tuple[Source, bool]]:
    """(source, given directly) for every regular file in ``paths``: files, folders (sorted, no symlinks)
    and zip members (names and sizes checked by the vault's safe zip reader)."""
    for path in paths:
        if not path.exists():
            raise ImportFailed.from_key("import.not_found", file=str(path))
        if path.is_dir():
            files = sorted(
                Path(root) / name
                for root, dirs, names in os.walk(path, followlinks=False)
                for name in names
                if not (Path(root) / name).is_symlink()
            )
            for file in files:
                yield from _file_sources(
                    file, f"{path.name}/{file.relative_to(path).as_posix()}", stack, False
                )
        else:
            yield from _file_sources(path, path.name, stack, True)


def _file_sources(path: Path, label: str, stack: ExitStack, direct: bool) -> Iterator[tuple[Source, bool]]:
    if not _is_zip(path):
        yield Source.from_path(path, name=label), direct
        return
    zf = stack.enter_context(archive.open_zip(str(path), label))
    members = archive.members(zf, label, archive.Budget(archive.DEFAULT_LIMITS.max_total_bytes))
    for m in members:
        yield Source(f"{label}!/{m.inner_name}", m.open, m.size), False


def find_chats(paths: list[Path], format_name: str, stack: ExitStack) -> list[Found]:
    """The chat files in ``paths`` with their importers; refuses when none is found."""
    forced = None if format_name == "auto" else registry.get(format_name)
    found: list[Found] = []
    for source, direct in _sources(paths, stack):
        if forced is not None:
            if direct or forced.sniff(source.head()) > 0:
                found.append(Found(source, forced))
            continue
        importer = registry.detect(source)
        if importer is not None:
            found.append(Found(source, importer))
        elif direct:
            raise fail(source, "start", "import.unknown_format")
    if not found:
        raise ImportFailed.from_key("import.no_chats", file=", ".join(str(p) for p in paths))
    return found


def check(found: list[Found], options: Options) -> None:
    """Read every file once, fully: counts its messages, hashes it, and raises on the first problem."""
    for item in found:
        count, assumed = 0, None
        for record in item.importer.parse(item.source, options):
            count += 1
            assumed = assumed or record.timezone_assumed
        item.messages, item.zone_assumed = count, assumed
        digest = hashlib.sha256()
        with item.source.open() as fh:
            for chunk in iter(lambda fh=fh: fh.read(1 << 20), b""):
                digest.update(chunk)
        item.sha256 = digest.hexdigest()


def to_message(record: Record, case_id: str, exhibit_sha256: str, attached: dict[str, Exhibit]) -> Message:
    attachments = []
    for item in record.attachments:
        item = dict(item)
        name = item.get("name")
        exhibit = attached.get(name) if isinstance(name, str) else None
        if exhibit is not None:
            item["exhibit"], item["label"] = exhibit.sha256, exhibit.label
        attachments.append(item)
    # model_construct: the fields come typed from casekit's own importers (aware times, tuples made
    # lists here), so per-message validation would only re-check them, at a quarter of the import's time.
    return Message.model_construct(
        id=new_id(),
        case_id=case_id,
        exhibit_sha256=exhibit_sha256,
        locator=record.locator,
        platform=record.platform,
        conversation=record.conversation,
        sender=record.sender,
        sender_id=record.sender_id,
        recipients=list(record.recipients),
        timestamp=record.timestamp,
        timezone_assumed=record.timezone_assumed,
        text=record.text,
        kind=record.kind,
        attachments=attachments,
        edited=record.edited,
        deleted=record.deleted,
        reactions=[dict(r) for r in record.reactions],
    )


def _attachment_index(exhibits: list[Exhibit]) -> dict[str, Exhibit]:
    index: dict[str, Exhibit] = {}
    for exhibit in exhibits:
        index.setdefault(exhibit.original_name, exhibit)
    return index


def import_chats(
    store: Store,
    vault: Any,
    case_id: str,
    paths: list[Path],
    options: Options,
    format_name: str = "auto",
    actor: str = "user",
) -> ImportResult:
    """Import the chat exports at ``paths`` into ``case_id``; see the module docstring."""
    paths = [Path(p) for p in paths]
    with store.session() as s:
        CaseRepository(s).get(case_id)
    result = ImportResult(case_id)
    with ExitStack() as stack:
        result.files = find_chats(paths, format_name, stack)
        check(result.files, options)
        result.exhibits = vault.add(case_id, paths, actor=actor, note="chat export")
        by_sha = {e.sha256: e for e in result.exhibits}
        attached = _attachment_index(result.exhibits)
        cipher = VaultCipher.for_case(vault, case_id, create=True)
        with store.session() as s:
            repo = MessageRepository(s, cipher)
            done = {(i.exhibit_sha256, i.importer) for i in repo.imports(case_id)}
            for item in result.files:
                if (item.sha256, item.importer.name) in done:
                    item.already = True
                    continue
                done.add((item.sha256, item.importer.name))
                exhibit = by_sha.get(item.sha256)
                if exhibit is None:  # the vault deduplicates by content; the bytes must be there
                    exhibit = next(e for e in vault.exhibits(case_id) if e.sha256 == item.sha256)
                chat = new_import(
                    case_id,
                    exhibit.sha256,
                    item.source.name,
                    item.importer.name,
                    item.importer.platform,
                    date_order=options.date_order,
                    timezone=options.timezone,
                    timezone_assumed=item.zone_assumed,
                )
                records = item.importer.parse(item.source, options)
                repo.add_import(chat, (to_message(r, case_id, exhibit.sha256, attached) for r in records))
            CaseRepository(s).touch(case_id)
    return result


def timeline(
    store: Store,
    vault: Any,
    case_id: str,
    *,
    start=None,
    end=None,
    platforms=None,
    sender: str | None = None,
    search: str | None = None,
) -> list[Message]:
    """Every message of the case, all sources merged in time order, filtered as asked (sender and
    search compare case-insensitively, after the sealed text is opened)."""
    with store.session() as s:
        CaseRepository(s).get(case_id)
        repo = MessageRepository(s, _NoKeyYet())
        if repo.count(case_id) == 0:
            return []
    cipher = VaultCipher.for_case(vault, case_id)
    wanted_sender = sender.casefold() if sender else None
    wanted_text = search.casefold() if search else None

    def keep(content: dict) -> bool:
        if wanted_sender and wanted_sender not in (content.get("sender") or "").casefold():
            return False
        return not (wanted_text and wanted_text not in (content.get("text") or "").casefold())

    with store.session() as s:
        repo = MessageRepository(s, cipher)
        chosen = keep if (wanted_sender or wanted_text) else None
        return list(repo.for_case(case_id, start=start, end=end, platforms=platforms, keep=chosen))


class _NoKeyYet:
    """A cipher for counting only: a case with no messages needs no passphrase."""

    def seal(self, plaintext: bytes, aad: bytes) -> bytes:  # pragma: no cover - never called
        raise RuntimeError("no key")

    def open(self, sealed: bytes, aad: bytes) -> bytes:  # pragma: no cover - never called
        raise RuntimeError("no key")
