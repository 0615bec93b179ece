"""The evidence package: a BagIt bag that validates, CASE/UCO JSON-LD that passes case_validate, and
sensitive items that never enter it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from casekit.documents import export_package
from casekit.documents.caseuco import case_graph
from casekit.errors import DocumentError

from .scenarios import luring_bundle


class FakeVault:
    """Stands in for the vault: serves non-sensitive contents and records custody, like the real one."""

    def __init__(self, contents: dict[str, bytes]) -> None:
        self.contents = contents
        self.recorded: list[tuple[str, str | None]] = []

    def stream(self, case_id: str, sha256: str, purpose: str | None = None):
        yield self.contents[sha256]

    def record(
        self, case_id: str, action: str, exhibit: str | None = None, detail: str = "", actor: str = "user"
    ):
        self.recorded.append((action, exhibit))


def _bagit_validate(path: Path) -> subprocess.CompletedProcess:
    tool = shutil.which("bagit.py")
    command = [tool] if tool else [sys.executable, "-m", "bagit"]
    return subprocess.run([*command, "--validate", str(path)], capture_output=True, text=True)


def test_bag_validates_and_holds_the_documents_log_and_readme(tmp_path):
    bundle = luring_bundle()
    result = export_package(bundle, tmp_path / "package", lang="fr")
    bag = tmp_path / "package"
    check = _bagit_validate(bag)
    assert check.returncode == 0, check.stderr[-500:]
    assert "is valid" in check.stderr
    data = bag / "data"
    for name in ("brief", "statement", "letter-preservation", "letter-escalation", "letter-complaint"):
        assert (data / "documents" / f"{name}.pdf").read_bytes().startswith(b"%PDF")
        assert (data / "documents" / f"{name}.docx").stat().st_size > 0
    log = json.loads((data / "custody" / "custody-log.json").read_text())
    assert log["head_hash"] == bundle.custody.head_hash and len(log["entries"]) == 3
    assert (data / "custody" / "public-key.pem").read_text().startswith("-----BEGIN PUBLIC KEY-----")
    readme = (data / "README.txt").read_text()
    assert "bagit.py --validate" in readme and "Paquet de preuves" in readme
    index = json.loads((data / "evidence" / "exhibits.json").read_text())
    assert [e["exhibit"] for e in index] == ["E1", "E2", "E3"]
    assert index[2]["sensitive"] is True and index[2]["stored"] is False
    hashlist = (data / "evidence" / "hashlist.csv").read_text().splitlines()
    assert hashlist[0] == "exhibit,md5,pdq,pdq_quality,sha256,sensitive" and any(
        r.startswith("E3,") for r in hashlist
    )
    assert "bag-info.txt" in {p.name for p in bag.iterdir()}
    assert "casekit case a1b2c3d4e5f6" in (bag / "bag-info.txt").read_text()
    assert result.sensitive_skipped == ["E3"] and not (data / "files").exists()
    assert not list(tmp_path.glob(".*.part")), "the work folder is gone"


def test_a_changed_byte_fails_validation(tmp_path):
    export_package(luring_bundle(), tmp_path / "package", formats=("md",))
    target = tmp_path / "package" / "data" / "evidence" / "exhibits.json"
    target.write_bytes(target.read_bytes().replace(b"E1", b"E9", 1))
    check = _bagit_validate(tmp_path / "package")
    assert check.returncode != 0 and "exhibits.json" in check.stderr


def test_include_files_adds_contents_but_never_a_sensitive_item(tmp_path):
    bundle = luring_bundle()
    canary = b"CANARY-sensitive-bytes-must-never-leave"
    vault = FakeVault(
        {e.sha256: (canary if e.sensitive else f"content of {e.label}".encode()) for e in bundle.exhibits}
    )
    result = export_package(bundle, tmp_path / "package", include_files=True, vault=vault, formats=("md",))
    files = tmp_path / "package" / "data" / "files"
    assert sorted(p.name for p in files.iterdir()) == ["E1-mydata_snapchat.zip", "E2-roblox_profile_jake.png"]
    assert (files / "E1-mydata_snapchat.zip").read_bytes() == b"content of E1"
    for path in (tmp_path / "package").rglob("*"):
        if path.is_file():
            assert canary not in path.read_bytes(), path
    assert result.included == ["E1", "E2"]
    # Each included exhibit, and the package itself, is written to the custody log.
    assert ("exported", bundle.exhibits[0].sha256) in vault.recorded and ("exported", None) in vault.recorded
    assert _bagit_validate(tmp_path / "package").returncode == 0


def test_an_existing_folder_is_never_written_over(tmp_path):
    target = tmp_path / "package"
    target.mkdir()
    (target / "mine.txt").write_text("the user's own file")
    with pytest.raises(DocumentError) as excinfo:
        export_package(luring_bundle(), target)
    assert "already exists" in excinfo.value.message
    assert [p.name for p in target.iterdir()] == ["mine.txt"]


def test_a_failed_export_leaves_nothing_behind(tmp_path):
    class BrokenVault(FakeVault):
        def stream(self, case_id, sha256, purpose=None):
            raise OSError(28, "No space left on device")

    with pytest.raises(DocumentError) as excinfo:
        export_package(
            luring_bundle(), tmp_path / "package", include_files=True, vault=BrokenVault({}), formats=("md",)
        )
    assert "No space left on device" in excinfo.value.message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_case_uco_json_ld_passes_case_validate(tmp_path):
    tool = shutil.which("case_validate")
    if tool is None:
        pytest.skip("case_validate (pip install case-utils, in the dev extra) is not installed")
    export_package(luring_bundle(), tmp_path / "package", formats=("md",))
    graph = tmp_path / "package" / "data" / "evidence" / "case-uco.jsonld"
    check = subprocess.run([tool, str(graph)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout[-2000:]
    assert "Conforms: True" in check.stdout


def test_case_uco_describes_each_exhibit_with_its_hashes_and_provenance():
    bundle = luring_bundle()
    graph = case_graph(bundle)["@graph"]
    files = [n for n in graph if n["@type"] == "uco-observable:File"]
    records = [n for n in graph if n["@type"] == "case-investigation:ProvenanceRecord"]
    assert [f["uco-core:name"] for f in files] == ["E1", "E2", "E3"]
    assert [r["case-investigation:exhibitNumber"] for r in records] == ["E1", "E2", "E3"]
    sensitive = files[2]
    hashes = sensitive["uco-core:hasFacet"][1]["uco-observable:hash"]
    assert {h["uco-types:hashMethod"] for h in hashes} == {"SHA256", "MD5"}
    assert hashes[0]["uco-types:hashValue"]["@value"] == bundle.exhibits[2].sha256.upper()
    assert "hash only" in sensitive["uco-core:description"]
    assert case_graph(bundle) == case_graph(bundle), "node ids are stable"
