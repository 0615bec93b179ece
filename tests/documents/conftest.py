"""Fixtures of the documents tests: the two synthetic scenarios and PDF text extraction."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .scenarios import luring_bundle, sextortion_bundle

SCENARIOS = {"luring": luring_bundle, "sextortion": sextortion_bundle}


@pytest.fixture(params=sorted(SCENARIOS))
def scenario(request: pytest.FixtureRequest):
    return request.param, SCENARIOS[request.param]()


def _need(tool: str) -> str:
    found = shutil.which(tool)
    if not found:
        pytest.skip(f"{tool} is not installed (apt-get install poppler-utils)")
    return found


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """The text a reader would copy out of the PDF (pdftotext), typographic quotes made plain and runs of
    white space (line and page breaks inside a table cell) made one space."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        [_need("pdftotext"), "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return " ".join(out.stdout.decode("utf-8").replace("\u2019", "'").split())


def flat(value: str) -> str:
    """Text with all whitespace removed: hashes are broken across lines to fit their column."""
    return re.sub(r"\s+", "", value)


def pdf_image_count(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "img.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([_need("pdfimages"), "-list", str(path)], capture_output=True, check=True, text=True)
    return max(0, len(out.stdout.strip().splitlines()) - 2)  # two header lines


def pdf_pages(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "info.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([_need("pdfinfo"), str(path)], capture_output=True, check=True, text=True)
    return int(re.search(r"Pages:\s+(\d+)", out.stdout).group(1))
