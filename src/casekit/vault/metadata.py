"""What a file is and what it says about itself: type by content, file times, EXIF.

The type comes from the first bytes, never the name (a screenshot renamed ``.txt`` is still a PNG).
EXIF gives the time a photo was taken, the device, the software and the GPS position — the facts a
brief needs, stored as plain values so documents can quote them.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any

from PIL import Image
from PIL.ExifTags import GPS, IFD, Base

# (offset, signature, media type); the first match wins.
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\xff\xd8\xff", "image/jpeg"),
    (0, b"\x89PNG\r\n\x1a\n", "image/png"),
    (0, b"GIF87a", "image/gif"),
    (0, b"GIF89a", "image/gif"),
    (0, b"II*\x00", "image/tiff"),
    (0, b"MM\x00*", "image/tiff"),
    (0, b"BM", "image/bmp"),
    (0, b"%PDF-", "application/pdf"),
    (0, b"PK\x03\x04", "application/zip"),
    (0, b"PK\x05\x06", "application/zip"),
    (0, b"SQLite format 3\x00", "application/vnd.sqlite3"),
    (0, b"\x1f\x8b", "application/gzip"),
    (0, b"OggS", "audio/ogg"),
    (0, b"ID3", "audio/mpeg"),
    (0, b"\x1a\x45\xdf\xa3", "video/webm"),
)
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1", b"avif"}
IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/tiff", "image/bmp", "image/webp", "image/heic"}


def sniff(head: bytes) -> str:
    """The media type of content starting with ``head`` (at least the first 64 bytes)."""
    for offset, signature, media_type in _SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            return media_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio/wav"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _HEIF_BRANDS:
            return "image/avif" if brand == b"avif" else "image/heic"
        if brand.startswith(b"M4A"):
            return "audio/mp4"
        return "video/mp4"
    return _text_type(head)


def _text_type(head: bytes) -> str:
    if not head:
        return "application/x-empty"
    if b"\x00" in head[:1024]:
        return "application/octet-stream"
    try:
        text = head[:4096].decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head[:4096]) - 4:  # not just a character cut at the end of the sample
            return "application/octet-stream"
        text = head[: exc.start].decode("utf-8")
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith(("{", "[")):
        return "application/json"
    if stripped[:15].lower().startswith(("<!doctype html", "<html")):
        return "text/html"
    return "text/plain"


def is_image(media_type: str | None) -> bool:
    return bool(media_type) and media_type in IMAGE_TYPES


def is_picture_or_video(media_type: str | None) -> bool:
    """What ``sensitive_media`` withholds: anything that can show a person (pictures, videos)."""
    return bool(media_type) and (media_type.startswith(("image/", "video/")))


def file_times(stat: os.stat_result) -> dict[str, str]:
    """The file system's times, UTC ISO 8601 (what the file's own folder says, not when it was made)."""

    def iso(ts: float) -> str:
        return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds")

    times = {"modified": iso(stat.st_mtime), "accessed": iso(stat.st_atime), "changed": iso(stat.st_ctime)}
    birth = getattr(stat, "st_birthtime", None)
    if birth:
        times["created"] = iso(birth)
    return times


def _ratio(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError, ZeroDivisionError):
        return float("nan")


def _degrees(dms: Any, ref: Any) -> float | None:
    try:
        d, m, s = (_ratio(v) for v in dms)
    except (TypeError, ValueError):
        return None
    value = d + m / 60 + s / 3600
    if value != value:  # NaN
        return None
    return round(-value if str(ref).upper() in ("S", "W") else value, 6)


def _text(value: Any) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if value is None:
        return None
    text = str(value).replace("\x00", "").strip()
    return text or None


def image_metadata(image: Image.Image) -> dict[str, Any]:
    """Size, format and the EXIF facts that matter (time taken, device, software, GPS)."""
    info: dict[str, Any] = {"width": image.width, "height": image.height, "format": image.format}
    try:
        exif = image.getexif()
    except Exception:  # a broken EXIF block must not stop the evidence being kept
        return info
    if not exif:
        return info
    sub = exif.get_ifd(IFD.Exif)
    found: dict[str, Any] = {}
    taken = _text(sub.get(Base.DateTimeOriginal) or exif.get(Base.DateTime))
    if taken:
        found["taken"] = taken
        offset = _text(sub.get(Base.OffsetTimeOriginal))
        if offset:
            found["taken_offset"] = offset
    for key, tag in (("make", Base.Make), ("model", Base.Model), ("software", Base.Software)):
        value = _text(exif.get(tag))
        if value:
            found[key] = value
    if exif.get(Base.Orientation):
        found["orientation"] = int(exif[Base.Orientation])
    gps = exif.get_ifd(IFD.GPSInfo)
    if gps:
        lat = _degrees(gps.get(GPS.GPSLatitude), gps.get(GPS.GPSLatitudeRef))
        lon = _degrees(gps.get(GPS.GPSLongitude), gps.get(GPS.GPSLongitudeRef))
        if lat is not None and lon is not None:
            found["gps"] = {"latitude": lat, "longitude": lon}
    if found:
        info["exif"] = found
    return info
