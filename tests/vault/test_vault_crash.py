"""kill -9 in the middle of an ingest: no half exhibit, the log intact, and re-running finishes the job."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from casekit.settings import Settings
from casekit.store import Store
from casekit.store.evidence import ExhibitRepository
from casekit.vault import Vault
from casekit.vault.packs import PACK_SUFFIX, packs_dir

# Several batches (adding.BATCH_ITEMS): the kill comes once the first is recorded, and the ones after it
# leave it time to land before the last (reading runs ahead, so recording is what is left to do).
FILES = 1500


def _stray_packs(vault: Vault, case_id: str) -> set[str]:
    """Packs on disk that no exhibit points into."""
    with vault.store.session() as s:
        referenced = ExhibitRepository(s).packs(case_id)
    on_disk = {p.name for p in packs_dir(vault.settings, case_id).glob(f"*{PACK_SUFFIX}")}
    return on_disk - referenced


@pytest.mark.slow
def test_killed_ingest_is_consistent_and_finishes_on_rerun(
    store: Store, settings: Settings, case_id: str, inbox: Path, home: Path
) -> None:
    for i in range(FILES):
        (inbox / f"file-{i:03}.bin").write_bytes(os.urandom(32 * 1024))
    (inbox / "marker.txt").write_text("first")
    # Set the keys up here, with the cheap test cost; the child reads the cost stored with them.
    Vault(store, settings).add(case_id, [inbox / "marker.txt"])
    env = {**os.environ, "CASEKIT_HOME": str(home), "COLUMNS": "200"}
    command = [sys.executable, "-m", "casekit.cli", "evidence", "add", "--case", case_id, str(inbox)]
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    vault = Vault(store, settings)
    deadline = time.monotonic() + 60
    while len(vault.exhibits(case_id)) < 20 and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.01)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL

    partial = vault.exhibits(case_id)
    assert 20 <= len(partial) < FILES + 1, "the kill should land in the middle"
    for exhibit in partial:  # every recorded exhibit is whole
        assert vault.read(case_id, exhibit.sha256) == Path(exhibit.original_path).read_bytes()
    report = vault.verify(case_id)
    assert report.ok, report.problems
    assert report.entries_checked == len(partial)

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    done = vault.exhibits(case_id)
    assert len(done) == FILES + 1
    assert len({e.sha256 for e in done}) == FILES + 1
    assert [e.number for e in done] == list(range(1, FILES + 2))
    final = vault.verify(case_id)
    assert final.ok and final.entries_checked == FILES + 1
    assert not _stray_packs(vault, case_id)  # every pack on disk holds recorded exhibits


def test_ctrl_c_mid_ingest_leaves_no_half_exhibit_and_no_temporaries(
    vault: Vault, case_id: str, inbox: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casekit.vault import readers

    for i in range(600):  # more than two batches: some are recorded when the interruption comes
        (inbox / f"f{i:03}.bin").write_bytes(os.urandom(20_000))
    # Progress counts the bytes the readers have read, and they may run as far ahead of the queue
    # as they are given work: two groups at most here, so that 80 % read means the first batch
    # (adding.BATCH_ITEMS files) was surely queued and handed to the recorder.
    monkeypatch.setattr(readers, "PREFETCH", 2)

    def interrupt(done: int, total: int) -> None:
        # Late enough that the first batch was handed to the recorder, early enough that the last
        # one was not.
        if done > total * 4 // 5:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        vault.add(case_id, [inbox], progress=interrupt)
    partial = vault.exhibits(case_id)
    assert 0 < len(partial) < 600
    assert vault.verify(case_id).ok
    assert not _stray_packs(vault, case_id)
    vault.add(case_id, [inbox])
    assert len(vault.exhibits(case_id)) == 600 and vault.verify(case_id).ok


def test_a_failed_batch_stops_the_ingest_and_the_batches_queued_after_it_are_dropped(
    vault: Vault, case_id: str, inbox: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches are recorded in the background, one queued behind another: when one fails (the disk
    is full, the database went away), nothing after it is recorded and the case stays whole."""
    from casekit.vault import adding

    for i in range(700):  # three batches
        (inbox / f"g{i:03}.txt").write_text(f"line {i}\n")
    real = adding.Adder._record_batch
    calls: list[int] = []

    def flaky(self, batch):  # type: ignore[no-untyped-def]
        calls.append(len(batch))
        if len(calls) == 2:
            raise OSError("no space left on device")
        return real(self, batch)

    monkeypatch.setattr(adding.Adder, "_record_batch", flaky)
    with pytest.raises(OSError):
        vault.add(case_id, [inbox])
    assert len(calls) == 2  # the third batch was dropped, not recorded
    assert len(vault.exhibits(case_id)) == adding.BATCH_ITEMS
    assert vault.verify(case_id).ok
    assert not _stray_packs(vault, case_id)
    monkeypatch.setattr(adding.Adder, "_record_batch", real)
    vault.add(case_id, [inbox])
    assert len(vault.exhibits(case_id)) == 700 and vault.verify(case_id).ok
