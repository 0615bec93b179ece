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
    from casekit.vault.packs import PackSet

    data = os.urandom(size)
    opener = (lambda: _Trickle(data)) if announced == "trickle" else (lambda: io.BytesIO(data))
    source = Source(name="x", original_path="x", size=size if announced == "exact" else 1, open=opener)
    packs = PackSet(tmp_path)
    earlier = {}
    for large in (False, True):  # the blob is appended after what its pack holds
        writer = packs.writer(large=large)
        writer.begin().write(b"an earlier blob")
        earlier[writer.name] = writer.end()
    digest = read_through(source, sink=packs, data_key=KEY, md5_always=True)
    packs.close()
    assert digest.size == size
    assert digest.sha256 == hashlib.sha256(data).hexdigest()
    assert digest.md5 == hashlib.md5(data).hexdigest()
    assert digest.span is not None
    before = earlier[digest.span.pack]
    assert before.length == len(b"an earlier blob") and digest.span.offset >= before.offset + before.length
    blob = (tmp_path / digest.span.pack).read_bytes()[digest.span.offset :][: digest.span.length]
    assert len(blob) == digest.span.length
    assert _open(blob, data) == data
    assert len(blob) == HEADER + size + max(1, -(-size // CHUNK_SIZE)) * TAG


@pytest.mark.parametrize("direct_allowed", [True, False])
def test_large_blobs_go_to_a_directly_written_pack_in_whole_blocks(
    tmp_path: Path, direct_allowed: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """O_DIRECT writes whole 4 KiB blocks: each large blob starts on a block, the pack ends on one,
    and where the file system refuses O_DIRECT (tmpfs) the same pack is written through the cache."""
    import errno

    from casekit.vault import packs as packs_module
    from casekit.vault.ingest import Source, read_through

    if not direct_allowed:

        def refuse(path: Path) -> None:
            raise OSError(errno.EINVAL, "Invalid argument")

        monkeypatch.setattr(packs_module, "_DirectFile", refuse)
    packs = packs_module.PackSet(tmp_path)
    spans = []
    for size in (2 * CHUNK_SIZE + 7, CHUNK_SIZE + 1, 5 * packs_module.STAGE // 2):
        data = os.urandom(size)
        source = Source(name="v", original_path="v", size=size, open=lambda data=data: io.BytesIO(data))
        digest = read_through(source, sink=packs, data_key=KEY, md5_always=False)
        assert digest.span is not None
        spans.append((digest.span, data))
    writer = packs.writer(large=True)
    assert writer.direct is direct_allowed
    packs.close()
    content = (tmp_path / writer.name).read_bytes()
    for span, data in spans:
        assert span.pack == writer.name
        if direct_allowed:
            assert span.offset % packs_module.ALIGN == 0
        assert _open(content[span.offset : span.offset + span.length], data) == data
    if direct_allowed:
        assert len(content) % packs_module.ALIGN == 0
