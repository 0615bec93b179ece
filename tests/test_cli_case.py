"""casekit case new | list | show | delete, --version, --json."""

from __future__ import annotations

import json

from casekit import __version__


def test_version(cli) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"casekit {__version__}"


def test_new_json_then_list_json(cli) -> None:
    created = cli("case", "new", "Test", "--json")
    assert created.exit_code == 0, created.stderr
    case = json.loads(created.stdout)
    assert case["title"] == "Test" and case["jurisdiction"] == "CA-ON" and len(case["id"]) == 12

    listed = cli("case", "list", "--json")
    assert listed.exit_code == 0
    assert [c["id"] for c in json.loads(listed.stdout)] == [case["id"]]


def test_new_with_jurisdiction_and_readable_output(cli) -> None:
    result = cli("case", "new", "Snapchat threats", "--jurisdiction", "ca-qc")
    assert result.exit_code == 0
    assert "created" in result.stdout and "CA-QC" in result.stdout


def test_new_rejects_bad_jurisdiction_plainly(cli) -> None:
    result = cli("case", "new", "x", "--jurisdiction", "Ontario!")
    assert result.exit_code == 2
    assert "not valid" in result.stderr and "Traceback" not in result.stderr
    assert json.loads(cli("case", "list", "--json").stdout) == []


def test_show_json_has_case_facts_people(cli) -> None:
    case = json.loads(cli("case", "new", "Test", "--json").stdout)
    shown = json.loads(cli("case", "show", case["id"], "--json").stdout)
    assert shown["id"] == case["id"]
    assert shown["facts"] == {} and shown["persons"] == [] and shown["contacts"] == []


def test_list_empty_says_how_to_start(cli) -> None:
    result = cli("case", "list")
    assert result.exit_code == 0
    assert "casekit case new" in result.stdout


def test_delete_asks_and_keeps_on_no(cli) -> None:
    case = json.loads(cli("case", "new", "Keep me", "--json").stdout)
    result = cli("case", "delete", case["id"], input="n\n")
    assert result.exit_code == 1
    assert "Nothing was deleted" in result.stdout
    assert len(json.loads(cli("case", "list", "--json").stdout)) == 1


def test_delete_with_yes(cli) -> None:
    case = json.loads(cli("case", "new", "Remove me", "--json").stdout)
    result = cli("case", "delete", case["id"], "--yes")
    assert result.exit_code == 0
    assert json.loads(cli("case", "list", "--json").stdout) == []


def test_french_messages(cli) -> None:
    result = cli("case", "show", "nope", env={"CASEKIT_LANG": "fr"})
    assert result.exit_code == 2
    assert "Aucun dossier" in result.stderr


def test_help_is_plain(cli) -> None:
    result = cli("--help")
    assert result.exit_code == 0
    assert "legal information, not legal advice" in result.stdout


def test_delete_removes_encrypted_evidence_too(cli, home, tmp_path) -> None:
    case = json.loads(cli("case", "new", "With evidence", "--json").stdout)
    screenshot = tmp_path / "screenshot.txt"
    screenshot.write_text("made-up evidence")
    added = cli("evidence", "add", "--case", case["id"], str(screenshot))
    assert added.exit_code == 0, added.stderr
    blobs = [p for p in home.rglob("*") if p.is_file() and case["id"] in str(p)]
    assert blobs, "the vault should hold the encrypted copy under the data folder"
    assert cli("case", "delete", case["id"], "--yes").exit_code == 0
    assert [p for p in home.rglob("*") if p.is_file() and case["id"] in str(p)] == []
    assert screenshot.read_text() == "made-up evidence"  # the original is never touched
