"""Hashes of a file without a case (``casekit hash``): SHA-256, MD5, and PDQ for images."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from ..errors import VaultError
from ..model import Model
from .ingest import Source, describe_image, read_through
from .metadata import is_image


class FileHashes(Model):
    path: str
    size: int
    media_type: str
    sha256: str
    md5: str
    pdq: str | None = None
    pdq_quality: int | None = None


def hash_file(path: Path) -> FileHashes:
    if not path.is_file():
        raise VaultError.from_key(
            "vault.path_missing" if not path.exists() else "vault.path_not_file", path=path
        )
    source = Source(
        name=path.name, original_path=str(path), size=path.stat().st_size, open=partial(open, path, "rb")
    )
    digest = read_through(source, sink=None, data_key=None, md5_always=True)
    pdq = quality = None
    if is_image(digest.media_type):
        info = describe_image(source)
        pdq, quality = info.get("pdq"), info.get("pdq_quality")
    assert digest.md5 is not None
    return FileHashes(
        path=str(path),
        size=digest.size,
        media_type=digest.media_type,
        sha256=digest.sha256,
        md5=digest.md5,
        pdq=pdq,
        pdq_quality=quality,
    )
