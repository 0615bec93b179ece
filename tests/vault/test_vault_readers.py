"""Files read by worker processes (a large ingest on Linux) or by threads give the same exhibits."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from casekit.store import Store
from casekit.vault import Vault, readers
from casekit.vault.crypto import CHUNK_SIZE

IDENTITY = ("sha256", "size", "md5", "pdq", "media_type", "stored", "sensitive", "original_name", "number")


def _folder(inbox: Path) -> Path:
    for i in range(readers.PROCESSES_FROM + 6):
        (inbox / f"chat-{i:03}.txt").write_text(f"{i:03} - Jake: are you alone\n" * (i + 1))
    (inbox / "chat-copy.txt").write_text("007 - Jake: are you alone\n" * 8)  # the bytes of chat-007
    (inbox / "video.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + os.urandom(2 * CHUNK_SIZE + 3))
    Image.new("RGB", (300, 500), (30, 120, 220)).save(inbox / "screenshot.jpg", "JPEG")
    with zipfile.ZipFile(inbox / "export.zip", "w") as zf:  # its members are read by this process
        zf.writestr("WhatsApp Chat with Jake.txt", "12/01/2024, 10:00 - Jake: send a pic\n")
        zf.writestr("IMG-20240112-WA0001.jpg", (inbox / "screenshot.jpg").read_bytes()[:-1] + b"\x00")
    return inbox


@pytest.mark.skipif(
    not readers.can_fork(), reason="worker processes are used only where casekit can fork (Linux)"
)
@pytest.mark.parametrize("sensitive_media", [False, True])
def test_processes_and_threads_give_the_same_exhibits(
    store: Store,
    vault: Vault,
    inbox: Path,
    monkeypatch: pytest.MonkeyPatch,
    new_case,
    sensitive_media: bool,
) -> None:
    folder = _folder(inbox)
    # chat logs, their copy, the video, the screenshot, the zip and its two members
    files = readers.PROCESSES_FROM + 12
    with zipfile.ZipFile(folder / "export.zip") as zf:
        total = sum(p.stat().st_size for p in folder.iterdir()) + sum(i.file_size for i in zf.infolist())
    seen: list[tuple[int, int]] = []
    in_processes = new_case(store)
    vault.add(
        in_processes,
        [folder],
        sensitive_media=sensitive_media,
        progress=lambda done, whole: seen.append((done, whole)),
    )
    assert seen[-1] == (total, total)  # the workers' progress reached the bar
    monkeypatch.setattr(readers, "PROCESSES_FROM", 10**9)
    in_threads = new_case(store)
    vault.add(in_threads, [folder], sensitive_media=sensitive_media)

    def identities(case_id: str) -> list[tuple]:
        return [tuple(getattr(e, k) for k in IDENTITY) for e in vault.exhibits(case_id)]

    assert identities(in_processes) == identities(in_threads)
    assert len(identities(in_processes)) == files - 1  # the copy is not an exhibit of its own
    withheld = {e.original_name for e in vault.exhibits(in_processes) if not e.stored}
    expected = {"video.mp4", "screenshot.jpg", "IMG-20240112-WA0001.jpg"} if sensitive_media else set()
    assert withheld == expected
    for case_id in (in_processes, in_threads):
        assert vault.verify(case_id).ok
        for e in vault.exhibits(case_id):
            if e.stored and "!/" not in (e.original_path or ""):
                assert vault.read(case_id, e.sha256) == (folder / e.original_name).read_bytes()
