"""Chunked AES-256-GCM: round trips of every awkward size, and every way of tampering is caught."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest

from casekit.vault.crypto import CHUNK_SIZE, HEADER, TAG, BlobCorrupt, Encryptor, decrypt_stream

KEY = bytes(range(32))
CHUNK = 1024  # small chunks so boundaries are cheap to test


def _seal(data: bytes, chunk: int = CHUNK, feed: int = 700) -> bytes:
    enc = Encryptor(KEY, chunk)
    out = [enc.update(data[i : i + feed]) for i in range(0, len(data), feed)]
    out.append(enc.finish(hashlib.sha256(data).hexdigest()))
    return b"".join(out)


def _open(blob: bytes, data: bytes, key: bytes = KEY) -> bytes:
    return b"".join(decrypt_stream(key, io.BytesIO(blob), hashlib.sha256(data).hexdigest()))


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 5])
def test_round_trip_of_awkward_sizes(size: int) -> None:
    data = os.urandom(size)
    blob = _seal(data)
    assert _open(blob, data) == data
    chunks = max(1, -(-size // CHUNK))
    assert len(blob) == HEADER + size + chunks * TAG
    assert len(data) < 16 or data not in blob  # a byte or two may turn up in ciphertext by chance


def test_round_trip_larger_than_64_mib_in_default_chunks() -> None:
    data = os.urandom(64 * 1024 * 1024 + 12345)
    enc = Encryptor(KEY)
    view = memoryview(data)
    sealed = [enc.update(view[i : i + (1 << 20)]) for i in range(0, len(data), 1 << 20)]
    sealed.append(enc.finish(hashlib.sha256(data).hexdigest()))
    assert _open(b"".join(sealed), data) == data


def _chunks(blob: bytes) -> tuple[bytes, list[bytes]]:
    body = blob[HEADER:]
    size = CHUNK + TAG
    return blob[:HEADER], [body[i : i + size] for i in range(0, len(body), size)]


@pytest.mark.parametrize("where", [0, HEADER - 1, HEADER, HEADER + CHUNK + 3, -1])
def test_one_changed_byte_anywhere_is_caught(where: int) -> None:
    data = os.urandom(3 * CHUNK + 10)
    blob = bytearray(_seal(data))
    blob[where] ^= 0x01
    with pytest.raises(BlobCorrupt):
        _open(bytes(blob), data)


def test_reordered_dropped_and_truncated_chunks_are_caught() -> None:
    data = os.urandom(4 * CHUNK + 10)
    header, chunks = _chunks(_seal(data))
    swapped = header + chunks[1] + chunks[0] + b"".join(chunks[2:])
    dropped = header + b"".join(chunks[:1] + chunks[2:])
    cut_at_chunk = header + b"".join(chunks[:-1])  # whole final chunk gone: no chunk carries "final"
    cut_inside = _seal(data)[:-7]
    for bad in (swapped, dropped, cut_at_chunk, cut_inside):
        with pytest.raises(BlobCorrupt):
            _open(bad, data)


def test_wrong_key_or_wrong_identity_fails() -> None:
    data = b"the same bytes"
    blob = _seal(data)
    with pytest.raises(BlobCorrupt):
        _open(blob, data, key=bytes(32))
    with pytest.raises(BlobCorrupt):
        b"".join(decrypt_stream(KEY, io.BytesIO(blob), hashlib.sha256(b"other").hexdigest()))


def test_same_plaintext_encrypts_differently_each_time() -> None:
    data = b"x" * 5000
    assert _seal(data) != _seal(data)


class _Trickle(io.RawIOBase):
    """A source that hands out at most 1,000 bytes per read, as pipes and some archives do."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, view) -> int:  # type: ignore[no-untyped-def]
        piece = self._data.read(min(len(view), 1000))
        view[: len(piece)] = piece
        return len(piece)


@pytest.mark.parametrize("size", [0, 1, CHUNK_SIZE, 2 * CHUNK_SIZE + 7])
@pytest.mark.parametrize("announced", ["exact", "smaller", "trickle"])
def test_ingest_reads_whole_chunks_whatever_the_source_says_or_does(
    tmp_path: Path, size: int, announced: str
) -> None:
    """The reusable-buffer path of ingest: the blob is the same format as ``Encryptor.update`` makes,
    a file that grew since it was measured is read to its end, and short reads are refilled."""
    from casekit.vault.ingest import Source, read_through
    from casekit.vault.packs import PackWriter

    data = os.urandom(size)
    opener = (lambda: _Trickle(data)) if announced == "trickle" else (lambda: io.BytesIO(data))
    source = Source(name="x", original_path="x", size=size if announced == "exact" else 1, open=opener)
    pack = PackWriter(tmp_path)
    pack.begin().write(b"an earlier blob")  # the blob is appended after what the pack holds
    pack.end()
    digest = read_through(source, sink=pack, data_key=KEY, md5_always=True)
    pack.close()
    assert digest.size == size
    assert digest.sha256 == hashlib.sha256(data).hexdigest()
    assert digest.md5 == hashlib.md5(data).hexdigest()
    assert digest.span is not None and digest.span.offset == len(b"an earlier blob")
    blob = pack.path.read_bytes()[digest.span.offset :]
    assert len(blob) == digest.span.length
    assert _open(blob, data) == data
    assert len(blob) == HEADER + size + max(1, -(-size // CHUNK_SIZE)) * TAG
