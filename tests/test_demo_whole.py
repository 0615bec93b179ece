"""`casekit demo` from an empty data folder, as a new user runs it: the whole police package, made up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import bagit
import pytest


@pytest.mark.slow
def test_demo_builds_the_full_police_package(
    home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("CASEKIT_PASSPHRASE")  # a new user has none: the demo uses its own, and says so
    out = tmp_path / "demo-output"
    result = subprocess.run(
        [sys.executable, "-m", "casekit.cli", "demo", "--output", str(out), "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    produced = {name: Path(path) for name, path in report["produced"].items()}

    for kind in ("brief", "statement", "letter_preservation", "letter_escalation", "letter_complaint"):
        for lang in ("en", "fr"):
            pdf = produced[f"{kind}_{lang}"]
            assert pdf.read_bytes().startswith(b"%PDF"), pdf
    bag = bagit.Bag(str(produced["evidence_package"]))
    assert bag.is_valid()

    case_id = report["case_id"]
    env = {"CASEKIT_PASSPHRASE": "casekit demo passphrase (made up)"}
    verify = subprocess.run(
        [sys.executable, "-m", "casekit.cli", "verify", "--case", case_id],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr
