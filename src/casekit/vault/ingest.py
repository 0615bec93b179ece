"""One pass over a file: SHA-256 (and MD5 where needed) while encrypting into a temporary blob.

Reading each byte once keeps ingest close to the speed of hashing alone, and the chunk buffers are
reused from file to file.  The plaintext only ever passes through memory; what reaches the disk is
ciphertext under a temporary name inside the vault.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .blobs import BlobStore
from .crypto import CHUNK_SIZE, TAG, Encryptor
from .imaging import open_image
from .metadata import image_metadata, is_image, sniff

Progress = Callable[[int], None]  # called with the number of bytes just read


@dataclass
class Source:
    """Something to add: a file on disk or a member of an archive."""

    name: str  # the file's own name, shown to the user
    original_path: str  # absolute path, or "<zip path>!/<member>" for archive members
    size: int
    open: Callable[[], IO[bytes]]
    metadata: dict[str, Any] = field(default_factory=dict)
    depth: int = 0  # 0 for files on disk, 1 for members of a zip on disk, …


@dataclass
class Digest:
    sha256: str
    size: int
    media_type: str
    md5: str | None
    temp: Path | None  # the encrypted blob under a temporary name, None for hash-only items


_buffers = threading.local()


def _chunk_buffers() -> tuple[memoryview, memoryview, memoryview]:
    """Two plaintext chunks (the one being sealed and the one read ahead to learn whether it is the
    last) and one ciphertext chunk, made once per thread and reused for every file: reading, hashing
    and encrypting then allocate nothing per chunk."""
    views = getattr(_buffers, "views", None)
    if views is None:
        views = (
            memoryview(bytearray(CHUNK_SIZE)),
            memoryview(bytearray(CHUNK_SIZE)),
            memoryview(bytearray(CHUNK_SIZE + TAG)),
        )
        _buffers.views = views
    return views


def _fill(handle: IO[bytes], view: memoryview) -> int:
    """Read until ``view`` is full or the file ends (one read may return less than asked)."""
    got = 0
    while got < len(view):
        count = handle.readinto(view[got:])  # type: ignore[attr-defined]
        if not count:
            break
        got += count
    return got


def read_through(
    source: Source,
    *,
    blobs: BlobStore | None,
    data_key: bytes | None,
    md5_always: bool,
    progress: Progress | None = None,
    hash_only: Callable[[str], bool] | None = None,
    sync: bool = True,
) -> Digest:
    """Hash ``source`` and, when ``blobs`` is given, encrypt it into a temporary blob (fsynced).

    ``hash_only(media_type)`` is asked once the first bytes are known: True means nothing is written
    (the item is sensitive), and MD5 is computed too.  ``sync=False`` leaves the fsync to the caller
    (ingest syncs a whole batch at once before renaming)."""
    sha = hashlib.sha256()
    md5: Any = None
    size = 0
    temp: Path | None = None
    current, ahead, sealed = _chunk_buffers()
    with source.open() as handle, contextlib.ExitStack() as stack:
        try:
            count = _fill(handle, current)
            media_type = sniff(bytes(current[: min(count, 4096)]))
            withheld = hash_only is not None and hash_only(media_type)
            if md5_always or withheld or is_image(media_type):
                md5 = hashlib.md5(usedforsecurity=False)
            out = None
            encryptor = None
            if blobs is not None and data_key is not None and not withheld:
                temp = blobs.temp()
                out = stack.enter_context(open(temp, "xb"))
                encryptor = Encryptor(data_key)
                out.write(encryptor.header)
            while True:
                piece = current[:count]
                sha.update(piece)
                if md5 is not None:
                    md5.update(piece)
                size += count
                if progress is not None and count:
                    progress(count)
                # Only a full chunk can have a successor; a short one is the end of the file.
                following = _fill(handle, ahead) if count == CHUNK_SIZE else 0
                if not following:
                    break
                if out is not None and encryptor is not None:
                    out.write(encryptor.seal_into(piece, sealed))
                current, ahead, count = ahead, current, following
            digest = sha.hexdigest()
            if out is not None and encryptor is not None:
                out.write(encryptor.seal_into(current[:count], sealed, final_sha256=digest))
                out.flush()
                if sync:
                    os.fsync(out.fileno())
        except BaseException:
            stack.close()
            if temp is not None:
                with contextlib.suppress(OSError):
                    temp.unlink()
            raise
    return Digest(digest, size, media_type, md5.hexdigest() if md5 is not None else None, temp)


def describe_image(source: Source) -> dict[str, Any]:
    """PDQ, size and EXIF of an image source, decoded in memory.  A picture that cannot be decoded
    safely is still evidence: the reason is recorded instead of the hash."""
    from ..errors import VaultError
    from .pdq import pdq_from_image  # numpy: imported by the first picture, not at start-up

    try:
        with source.open() as handle, open_image(handle, source.name) as image:
            info = image_metadata(image)
            result = pdq_from_image(image)
    except VaultError:
        return {"image_error": "too_large"}
    except Exception:  # Pillow raises many types for damaged files; the file itself is kept regardless
        return {"image_error": "unreadable"}
    info["pdq"] = result.hash
    info["pdq_quality"] = result.quality
    return info
