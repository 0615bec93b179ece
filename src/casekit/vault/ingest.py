"""One pass over a file: SHA-256 (and MD5 where needed) while encrypting into a pack.

Reading each byte once keeps ingest close to the speed of hashing alone, and the chunk buffers are
reused from file to file.  The plaintext only ever passes through memory; what reaches the disk is
ciphertext appended to the reading thread's pack inside the vault (packs.py).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from .crypto import CHUNK_SIZE, TAG, Encryptor
from .imaging import open_image
from .metadata import image_metadata, is_image, sniff
from .packs import PackWriter, Span

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
    span: Span | None  # where the encrypted blob was appended; None when nothing was written
    duplicate: bool = False  # not written: the case already keeps the same bytes (``kept`` said so)


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
    sink: PackWriter | None,
    data_key: bytes | None,
    md5_always: bool,
    progress: Progress | None = None,
    hash_only: Callable[[str], bool] | None = None,
    kept: Callable[[str], bool] | None = None,
) -> Digest:
    """Hash ``source`` and, when ``sink`` is given, encrypt it into the sink's pack.

    ``hash_only(media_type)`` is asked once the first bytes are known: True means nothing is written
    (the item is sensitive), and MD5 is computed too.  ``kept(sha256)`` is asked, for a file that fits
    in one chunk (its hash is then known before anything is written), whether the case already keeps
    these bytes: True means nothing is written.  Durability is the caller's: the pack is
    fdatasynced once per batch (adding.py)."""
    sha = hashlib.sha256()
    md5: Any = None
    size = 0
    span: Span | None = None
    current, ahead, sealed = _chunk_buffers()
    with source.open() as handle:
        count = _fill(handle, current)
        media_type = sniff(bytes(current[: min(count, 4096)]))
        withheld = hash_only is not None and hash_only(media_type)
        if md5_always or withheld or is_image(media_type):
            md5 = hashlib.md5(usedforsecurity=False)
        # Only a full chunk can have a successor; a short one is the end of the file.
        following = _fill(handle, ahead) if count == CHUNK_SIZE else 0
        out = encryptor = None
        duplicate = hashed = False
        if sink is not None and data_key is not None and not withheld:
            if not following and kept is not None:  # the whole file is in ``current``
                sha.update(current[:count])
                hashed = True
                duplicate = kept(sha.hexdigest())
            if not duplicate:
                out = sink.begin()
                encryptor = Encryptor(data_key)
                out.write(encryptor.header)
        while True:
            piece = current[:count]
            if not hashed:  # (only ever True for a one-chunk file, whose one piece is hashed above)
                sha.update(piece)
            if md5 is not None:
                md5.update(piece)
            size += count
            if progress is not None and count:
                progress(count)
            if not following:
                break
            if out is not None and encryptor is not None:
                out.write(encryptor.seal_into(piece, sealed))
            current, ahead, count = ahead, current, following
            following = _fill(handle, ahead) if count == CHUNK_SIZE else 0
        digest = sha.hexdigest()
        if out is not None and encryptor is not None:
            out.write(encryptor.seal_into(current[:count], sealed, final_sha256=digest))
            span = out.end()
    return Digest(digest, size, media_type, md5.hexdigest() if md5 is not None else None, span, duplicate)


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
