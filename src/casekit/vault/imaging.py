"""Opening images safely: HEIC support, and a refusal of decompression bombs.

Pillow warns, then errors, on images whose pixel count is absurd for their file size; we make the
limit explicit and turn it into a VaultError rather than a warning printed to the terminal.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import IO

from PIL import Image

from ..errors import VaultError

# 178 megapixels: far above any phone photo (a 200 MP sensor is rare) and far below what exhausts memory.
MAX_PIXELS = 178_956_970

_heif_ready = False

# Bombs are handled below (a VaultError naming the file); Pillow's own warning would only repeat it on
# the terminal.  A module-level filter, because catch_warnings() is not safe in ingest's worker threads.
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)


def _enable_heif() -> None:
    global _heif_ready
    if not _heif_ready:
        try:
            from pillow_heif import register_heif_opener

            register_heif_opener()
        except ImportError:  # pragma: no cover - pillow-heif is a dependency; stay usable without it
            pass
        _heif_ready = True


def open_image(source: str | Path | IO[bytes], name: str | None = None) -> Image.Image:
    """Open an image lazily; raise VaultError for a decompression bomb, or an unreadable image."""
    _enable_heif()
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    label = name or (str(source) if isinstance(source, str | Path) else "image")
    try:
        image = Image.open(source)
        width, height = image.size
    except Image.DecompressionBombError:
        raise VaultError.from_key("vault.image_bomb", name=label) from None
    if width * height > MAX_PIXELS:
        image.close()
        raise VaultError.from_key("vault.image_bomb", name=label)
    return image
