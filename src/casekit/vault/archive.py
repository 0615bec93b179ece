"""Reading zip archives in place, safely.

Chat exports arrive as zips, and a hostile zip can try three things: names that climb out of a folder
(``../../.bashrc``), a few kilobytes that expand to terabytes (a zip bomb), and zips nested inside zips
without end.  casekit never extracts to disk — members are streamed straight into the vault — but names
are still checked, because they are recorded and shown, and ``evidence open`` writes files by name.
Declared sizes are checked before anything is read; ``zipfile`` then refuses to read past a member's
declared size (and checks its CRC), so the declared sizes are a real bound.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import IO

from ..errors import VaultError


@dataclass(frozen=True)
class ArchiveLimits:
    max_members: int = 50_000
    max_total_bytes: int = 16 << 30  # all members of one archive (nested ones included), expanded
    max_ratio: int = 250  # expanded ÷ compressed, for members large enough to matter
    ratio_floor: int = 1 << 20  # members under 1 MiB may compress as well as they like
    max_depth: int = 3  # a zip in a zip in a zip
    max_nested_bytes: int = 1 << 30  # a nested zip is held in memory (no temp files), so bound it


DEFAULT_LIMITS = ArchiveLimits()


@dataclass
class Budget:
    """Expanded bytes still allowed, shared by an archive and every archive nested in it."""

    remaining: int
    members: int = 0
    seen: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Member:
    inner_name: str  # path inside the archive, POSIX style
    size: int
    open: Callable[[], IO[bytes]]


def _unsafe(name: str) -> bool:
    if "\x00" in name or "\\" in name or name.startswith("/"):
        return True
    path = PurePosixPath(name)
    return any(part == ".." for part in path.parts) or (len(name) > 1 and name[1] == ":")


def members(
    archive: zipfile.ZipFile, label: str, budget: Budget, limits: ArchiveLimits = DEFAULT_LIMITS
) -> list[Member]:
    """The regular-file members of ``archive`` in order, after checking every name and size.

    Raises VaultError (naming the archive and, where it helps, the member) before anything is read."""
    out: list[Member] = []
    for info in archive.infolist():
        if info.is_dir():
            continue
        name = info.filename
        if _unsafe(name):
            raise VaultError.from_key("vault.zip_traversal", archive=label, member=name)
        mode = (info.external_attr >> 16) & 0o170000
        if mode == 0o120000:  # a symbolic link stored in the zip: its "content" is a path, skip it
            continue
        if info.flag_bits & 0x1:
            raise VaultError.from_key("vault.zip_encrypted", archive=label, member=name)
        budget.members += 1
        if budget.members > limits.max_members:
            raise VaultError.from_key("vault.zip_too_many", archive=label, limit=limits.max_members)
        budget.remaining -= info.file_size
        if budget.remaining < 0:
            raise VaultError.from_key(
                "vault.zip_too_big", archive=label, limit=_human(limits.max_total_bytes)
            )
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise VaultError.from_key("vault.zip_bomb", archive=label, member=name)
        out.append(Member(name, info.file_size, _opener(archive, info)))
    return out


def _human(size: int) -> str:
    return f"{size / 1e9:.0f} GB" if size >= 1e9 else f"{size / 1e6:.1f} MB"


def _opener(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], IO[bytes]]:
    return lambda: archive.open(info)


def open_zip(source: IO[bytes] | str, label: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, EOFError):
        raise VaultError.from_key("vault.zip_unreadable", archive=label) from None


def nested(member: Member, label: str, limits: ArchiveLimits = DEFAULT_LIMITS) -> zipfile.ZipFile:
    """A zip held inside a zip, read into memory (bounded) so it can be walked without a temp file."""
    if member.size > limits.max_nested_bytes:
        raise VaultError.from_key("vault.zip_nested_big", archive=label)
    with member.open() as handle:
        data = handle.read(limits.max_nested_bytes + 1)
    return open_zip(io.BytesIO(data), label)


def looks_like_zip(head: bytes) -> bool:
    return head[:4] in (b"PK\x03\x04", b"PK\x05\x06")
