"""Hostile zips: names that climb out, bombs, nesting, encryption — refused before anything is added."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from casekit.errors import VaultError
from casekit.vault import Vault
from casekit.vault.archive import ArchiveLimits


def _zip(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    "name", ["../../etc/evil.txt", "/etc/passwd", "a/../../b.txt", "C:/x.txt", "a\\..\\b"]
)
def test_path_traversal_is_refused_and_nothing_added(
    vault: Vault, case_id: str, inbox: Path, name: str
) -> None:
    archive = _zip(inbox / "export.zip", {"ok.txt": b"fine", name: b"bad"})
    with pytest.raises(VaultError, match="points outside the archive") as info:
        vault.add(case_id, [archive])
    assert "--no-expand" in info.value.hint
    assert vault.exhibits(case_id) == []


def test_no_expand_keeps_a_hostile_zip_as_one_sealed_exhibit(vault: Vault, case_id: str, inbox: Path) -> None:
    archive = _zip(inbox / "export.zip", {"../evil.txt": b"bad"})
    (exhibit,) = vault.add(case_id, [archive], expand_archives=False)
    assert vault.read(case_id, exhibit.sha256) == archive.read_bytes()


def test_a_zip_bomb_is_refused_by_ratio(vault: Vault, case_id: str, inbox: Path) -> None:
    archive = _zip(inbox / "bomb.zip", {"zeros.bin": bytes(8 << 20)})
    assert archive.stat().st_size < 64 << 10
    with pytest.raises(VaultError, match="zip bomb"):
        vault.add(case_id, [archive])
    assert vault.exhibits(case_id) == []


def test_total_expansion_is_bounded(store, settings, case_id: str, inbox: Path) -> None:
    archive = _zip(inbox / "big.zip", {f"f{i}.bin": bytes(range(256)) * 40 for i in range(5)})
    small = Vault(store, settings, limits=ArchiveLimits(max_total_bytes=30_000))
    with pytest.raises(VaultError, match=r"more than 0\.0 MB"):
        small.add(case_id, [archive])
    few = Vault(store, settings, limits=ArchiveLimits(max_members=3))
    with pytest.raises(VaultError, match="more than 3 files"):
        few.add(case_id, [archive])


def test_nested_zips_are_walked_to_a_bounded_depth(store, settings, case_id: str, inbox: Path) -> None:
    level3 = _zip_bytes({"deepest.txt": b"three"})
    level2 = _zip_bytes({"inner2.zip": level3, "two.txt": b"two"})
    level1 = _zip(inbox / "outer.zip", {"inner1.zip": level2, "one.txt": b"one"})
    vault = Vault(store, settings, limits=ArchiveLimits(max_depth=2))
    added = vault.add(case_id, [level1])
    names = [e.original_name for e in added]
    assert names == ["outer.zip", "inner1.zip", "inner2.zip", "two.txt", "one.txt"]  # depth 3 not opened
    inner2 = added[2]
    assert inner2.original_path.endswith("outer.zip!/inner1.zip!/inner2.zip")
    assert inner2.metadata["container"] == added[1].sha256


def test_a_damaged_zip_is_a_plain_error(vault: Vault, case_id: str, inbox: Path) -> None:
    archive = inbox / "cut.zip"
    archive.write_bytes(_zip_bytes({"a.txt": b"a" * 1000})[:60])
    with pytest.raises(VaultError, match="could not be read as a zip"):
        vault.add(case_id, [archive])


def test_encrypted_members_are_refused(vault: Vault, case_id: str, inbox: Path) -> None:
    data = bytearray(_zip_bytes({"secret.txt": b"s"}))
    # Set the "encrypted" flag in the local and central headers (bit 0 of the general-purpose flags).
    data[6] |= 1
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 1
    archive = inbox / "locked.zip"
    archive.write_bytes(bytes(data))
    with pytest.raises(VaultError, match="password-protected"):
        vault.add(case_id, [archive])


def test_an_image_bomb_is_kept_but_not_decoded(vault: Vault, case_id: str, inbox: Path) -> None:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 60000, 60000, 8, 0, 0, 0, 0)  # 3.6 gigapixels, claimed
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 100))
        + chunk(b"IEND", b"")
    )
    (inbox / "huge.png").write_bytes(png)
    (exhibit,) = vault.add(case_id, [inbox / "huge.png"])
    assert exhibit.pdq is None and exhibit.metadata["image"] == {"image_error": "too_large"}
    assert exhibit.md5 and exhibit.stored


def test_a_hostile_nested_zip_stays_sealed_and_the_log_says_why(
    vault: Vault, case_id: str, inbox: Path
) -> None:
    hostile = _zip_bytes({"../../escape.txt": b"bad"})
    outer = _zip(inbox / "outer.zip", {"inner.zip": hostile, "chat.txt": b"hello"})
    added = vault.add(case_id, [outer])
    assert [e.original_name for e in added] == ["outer.zip", "inner.zip", "chat.txt"]
    inner = added[1]
    assert vault.read(case_id, inner.sha256) == hostile
    note = next(c for c in vault.custody(case_id) if c.action == "note")
    assert note.exhibit_sha256 == inner.sha256 and "points outside the archive" in note.detail
    assert vault.verify(case_id).ok
