"""Type by content and EXIF facts (time taken, device, GPS) carried into the exhibit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from casekit.vault import Vault
from casekit.vault.metadata import sniff


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00", "image/png"),
        (b"\x00\x00\x00\x1cftypheic\x00\x00", "image/heic"),
        (b"\x00\x00\x00\x18ftypmp42\x00\x00", "video/mp4"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"PK\x03\x04\x14\x00", "application/zip"),
        (b"%PDF-1.7\n", "application/pdf"),
        (b'\xef\xbb\xbf{"messages": []}', "application/json"),
        (b"12/01/2024, 10:00 - Jake: salut \xc3\xa7a va", "text/plain"),
        (b"", "application/x-empty"),
        (b"\x00\x01\x02\x03garbage", "application/octet-stream"),
    ],
)
def test_type_comes_from_content(head: bytes, expected: str) -> None:
    assert sniff(head) == expected


def _photo_with_exif(path: Path) -> Path:
    img = Image.new("RGB", (320, 240), (90, 120, 160))
    exif = Image.Exif()
    exif[0x010F] = "Synthetic Phone Co"  # Make
    exif[0x0110] = "Model X (demo)"  # Model
    exif[0x0112] = 1  # Orientation
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = "2024:01:12 21:14:05"  # DateTimeOriginal
    sub[0x9011] = "-05:00"  # OffsetTimeOriginal
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (45.0, 25.0, 12.0)
    gps[3] = "W"
    gps[4] = (75.0, 41.0, 24.0)
    img.save(path, "JPEG", exif=exif)
    return path


def test_exif_is_stored_with_the_exhibit(vault: Vault, case_id: str, inbox: Path) -> None:
    photo = _photo_with_exif(inbox / "renamed.txt")  # a JPEG whatever its name says
    (exhibit,) = vault.add(case_id, [photo])
    assert exhibit.media_type == "image/jpeg"
    image = exhibit.metadata["image"]
    assert (image["width"], image["height"], image["format"]) == (320, 240, "JPEG")
    assert image["exif"]["taken"] == "2024:01:12 21:14:05" and image["exif"]["taken_offset"] == "-05:00"
    assert image["exif"]["make"] == "Synthetic Phone Co" and image["exif"]["model"] == "Model X (demo)"
    assert image["exif"]["gps"] == {"latitude": 45.42, "longitude": -75.69}
    assert set(exhibit.metadata["file_times"]) >= {"modified", "accessed", "changed"}


def test_show_prints_the_photo_facts(vault: Vault, case_id: str, inbox: Path, cli) -> None:
    vault.add(case_id, [_photo_with_exif(inbox / "IMG_2044.jpg")])
    result = cli("evidence", "show", "E1", "--case", case_id)
    assert result.exit_code == 0
    for text in (
        "IMG_2044.jpg",
        "2024:01:12 21:14:05 -05:00",
        "Synthetic Phone Co Model X (demo)",
        "45.42, -75.69",
    ):
        assert text in result.stdout
