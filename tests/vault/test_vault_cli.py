"""The commands as a user meets them: output, JSON shape, exit status, plain errors."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image

from casekit.model import Fact
from casekit.store import FactRepository, Store


def test_hash_json_is_one_document_per_file_list(cli, inbox: Path) -> None:
    (inbox / "a.txt").write_text("abc")
    Image.new("RGB", (200, 100), (5, 6, 7)).save(inbox / "b.png")
    result = cli("hash", str(inbox / "a.txt"), str(inbox / "b.png"), "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert [set(d) for d in doc] == [{"path", "sha256", "md5", "pdq", "pdq_quality"}] * 2
    assert doc[0]["sha256"] == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert doc[0]["md5"] == "900150983cd24fb0d6963f7d28e17f72" and doc[0]["pdq"] is None
    assert len(doc[1]["pdq"]) == 64 and doc[1]["pdq_quality"] == 0


def test_hash_of_a_missing_file_exits_2(cli, inbox: Path) -> None:
    result = cli("hash", str(inbox / "nope.jpg"))
    assert result.exit_code == 2 and "There is no file or folder" in result.stderr


def test_add_list_show_open_hashlist(cli, case_id: str, inbox: Path, tmp_path: Path) -> None:
    (inbox / "chat.txt").write_text("Jake: hi")
    Image.new("RGB", (300, 300), (200, 10, 10)).save(inbox / "shot.png")
    added = cli("evidence", "add", "--case", case_id, str(inbox), "--note", "from Maya's phone")
    assert added.exit_code == 0, added.stderr
    assert "E1  chat.txt" in added.stdout and "encrypted and logged" in added.stdout
    assert "2 new exhibit(s)" in added.stdout
    again = cli("evidence", "add", "--case", case_id, str(inbox / "chat.txt"))
    assert "already in this case" in again.stdout and "0 new exhibit(s)" in again.stdout
    listed = json.loads(cli("evidence", "list", "--case", case_id, "--json").stdout)
    assert [e["number"] for e in listed] == [1, 2] and listed[0]["note"] == "from Maya's phone"
    shown = json.loads(cli("evidence", "show", "E2", "--case", case_id, "--json").stdout)
    assert shown["media_type"] == "image/png" and shown["custody"][0]["action"] == "acquired"
    out = tmp_path / "out"
    out.mkdir()
    opened = cli("evidence", "open", "E1", "--case", case_id, "--to", str(out))
    assert opened.exit_code == 0 and (out / "chat.txt").read_text() == "Jake: hi"
    hashlist = cli("evidence", "hashlist", "--case", case_id)
    lines = hashlist.stdout.strip().splitlines()
    assert lines[0] == "exhibit,md5,pdq,pdq_quality,sha256,sensitive" and lines[1].startswith("E2,")


def test_add_missing_path_exits_2_and_adds_nothing(cli, case_id: str, inbox: Path) -> None:
    result = cli("evidence", "add", "--case", case_id, str(inbox / "missing.zip"))
    assert result.exit_code == 2 and "Nothing was added" in result.stderr
    assert json.loads(cli("evidence", "list", "--case", case_id, "--json").stdout) == []


def test_unknown_case_exits_2(cli, inbox: Path) -> None:
    result = cli("evidence", "list", "--case", "000000000000")
    assert result.exit_code == 2 and "no case with id" in result.stderr


def test_sensitive_flag_says_why_and_keeps_no_copy(cli, case_id: str, inbox: Path) -> None:
    Image.new("RGB", (300, 300), (220, 180, 170)).save(inbox / "IMG_0007.png")
    result = cli("evidence", "add", "--case", case_id, "--sensitive", str(inbox / "IMG_0007.png"))
    assert result.exit_code == 0
    assert "fingerprints only" in result.stdout and "itself an offence" in result.stdout
    opened = cli("evidence", "open", "E1", "--case", case_id, "--to", str(inbox / "x.png"))
    assert opened.exit_code == 2 and "never a copy" in opened.stderr


def test_when_facts_say_a_minor_is_depicted_casekit_asks(
    cli, store: Store, case_id: str, inbox: Path
) -> None:
    with store.session() as s:
        FactRepository(s).set(Fact(case_id=case_id, key="image_depicts_minor", value=True))
    Image.new("RGB", (300, 300), (220, 180, 170)).save(inbox / "IMG_0008.png")
    (inbox / "chat.txt").write_text("text")
    refused = cli("evidence", "add", "--case", case_id, str(inbox))  # not a terminal: cannot ask
    assert (
        refused.exit_code == 2 and "--sensitive" in refused.stderr and "Nothing was added" in refused.stderr
    )
    ok = cli("evidence", "add", "--case", case_id, "--not-sensitive", str(inbox))
    assert ok.exit_code == 0 and "2 new exhibit(s)" in ok.stdout


def test_french_messages(cli, case_id: str, inbox: Path) -> None:
    result = cli("evidence", "add", "--case", case_id, str(inbox / "absent.jpg"), env={"CASEKIT_LANG": "fr"})
    assert result.exit_code == 2 and "Il n'y a aucun fichier" in result.stderr


def test_sensitive_media_flag(cli, store: Store, case_id: str, inbox: Path) -> None:
    with store.session() as s:
        FactRepository(s).set(Fact(case_id=case_id, key="image_depicts_minor", value=True))
    Image.new("RGB", (300, 300), (220, 180, 170)).save(inbox / "IMG_0009.png")
    (inbox / "chat.txt").write_text("text")
    result = cli("evidence", "add", "--case", case_id, "--sensitive-media", str(inbox), "--json")
    assert result.exit_code == 0
    kept = {e["original_name"]: e["stored"] for e in json.loads(result.stdout)}
    assert kept == {"IMG_0009.png": False, "chat.txt": True}


def test_hash_of_a_folder_lists_every_file(cli, inbox: Path) -> None:
    (inbox / "b.txt").write_text("b")
    (inbox / "sub").mkdir()
    (inbox / "sub" / "a.txt").write_text("a")
    doc = json.loads(cli("hash", str(inbox), "--json").stdout)
    assert [Path(d["path"]).name for d in doc] == ["b.txt", "a.txt"]
