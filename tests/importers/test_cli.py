"""casekit import | timeline, end to end: the export goes into the vault, every message cites it, the
timeline merges sources, and bad input changes nothing."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from casekit.importers import pipeline
from casekit.settings import Settings
from casekit.store import Store
from casekit.vault import Vault

DATA = Path(__file__).parent / "data"
WHATSAPP = (
    "13/03/2024, 19:02 - Messages and calls are end-to-end encrypted. Tap to learn more.\n"
    "13/03/2024, 19:03 - jake.skater09: hi! which school do you go to?\n"
    "13/03/2024, 19:05 - Maya: Maple Street\n"
    "14/03/2024, 20:10 - jake.skater09: IMG-20240314-WA0001.jpg (file attached)\n"
    "don't tell anyone ok\n"
)


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _exhibits(home: Path, case_id: str) -> list:
    store = Store(Settings.from_env())
    try:
        return Vault(store, passphrase="").exhibits(case_id)
    finally:
        store.close()


def test_import_zip_then_timeline(cli, case_id, tmp_path, home):
    export = _zip(
        tmp_path / "WhatsApp Chat with jake.skater09.zip",
        {
            "WhatsApp Chat with jake.skater09.txt": WHATSAPP.encode(),
            "IMG-20240314-WA0001.jpg": b"\xff\xd8fake",
        },
    )
    result = cli("import", "--case", case_id, str(export), "--timezone", "America/Toronto", "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["messages"] == 4
    (chat,) = report["files"]
    assert chat["format"] == "whatsapp" and chat["timezone_assumed"] is None
    exhibits = {e.sha256: e for e in _exhibits(home, case_id)}
    assert chat["exhibit_sha256"] in exhibits  # the chat file itself is an exhibit

    shown = cli("timeline", "--case", case_id, "--json")
    assert shown.exit_code == 0, shown.stderr
    messages = json.loads(shown.stdout)
    assert [m["locator"] for m in messages] == ["line 1", "line 2", "line 3", "line 4"]
    assert {m["exhibit_sha256"] for m in messages} == {chat["exhibit_sha256"]}
    assert messages[0]["sender"] is None and messages[0]["kind"] == "system"
    assert messages[1]["timestamp"] == "2024-03-13T23:03:00Z"  # 19:03 in Toronto, stored in UTC
    photo = messages[3]["attachments"][0]
    assert (
        photo["name"] == "IMG-20240314-WA0001.jpg"
        and exhibits[photo["exhibit"]].original_name == photo["name"]
    )

    filtered = json.loads(cli("timeline", "--case", case_id, "--json", "--sender", "MAYA").stdout)
    assert [m["text"] for m in filtered] == ["Maple Street"]
    searched = json.loads(cli("timeline", "--case", case_id, "--json", "--search", "school").stdout)
    assert len(searched) == 1 and searched[0]["sender"] == "jake.skater09"
    by_day = json.loads(cli("timeline", "--case", case_id, "--json", "--from", "2024-03-14").stdout)
    assert [m["locator"] for m in by_day] == ["line 4"]

    as_csv = cli("timeline", "--case", case_id, "--csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert (
        len(rows) == 4
        and rows[3]["exhibit_sha256"] == chat["exhibit_sha256"]
        and rows[3]["locator"] == "line 4"
    )

    readable = cli("timeline", "--case", case_id, "--zone", "America/Toronto")
    assert readable.exit_code == 0 and "jake.skater09" in readable.stdout
    assert "2024-03-13 19:03 EDT" in readable.stdout  # shown on the family's clock


def test_sources_merge_in_time_order(cli, case_id):
    assert (
        cli("import", "--case", case_id, str(DATA / "telegram/chatminer_single_chat_result.json")).exit_code
        == 0
    )
    imported = cli(
        "import", "--case", case_id, str(DATA / "signal/chatminer_signal_export.txt"), "--timezone", "UTC"
    )
    assert imported.exit_code == 0, imported.stderr
    messages = json.loads(cli("timeline", "--case", case_id, "--json").stdout)
    assert [m["platform"] for m in messages] == ["telegram", "telegram", "signal", "signal"]
    stamps = [m["timestamp"] for m in messages]
    assert stamps == sorted(stamps)
    only = json.loads(cli("timeline", "--case", case_id, "--json", "--platform", "signal").stdout)
    assert {m["platform"] for m in only} == {"signal"}


def test_importing_the_same_export_twice_adds_nothing(cli, case_id):
    path = str(DATA / "signal/chatminer_signal_export.txt")
    assert json.loads(cli("import", "--case", case_id, path, "--json").stdout)["messages"] == 2
    again = cli("import", "--case", case_id, path, "--json")
    assert again.exit_code == 0
    report = json.loads(again.stdout)
    assert report["messages"] == 0 and report["files"][0]["already_imported"] is True
    assert len(json.loads(cli("timeline", "--case", case_id, "--json").stdout)) == 2
    readable = cli("import", "--case", case_id, path)
    assert "already imported" in readable.stdout


def test_message_text_is_sealed_at_rest(cli, case_id, home):
    assert (
        cli("import", "--case", case_id, str(DATA / "whatsapp/chatminer_android_ddmmyy_24h.txt")).exit_code
        == 0
    )
    raw = (home / "casekit.db").read_bytes()
    assert b"Lorem ipsum" not in raw and b"John Doe" not in raw


def test_ambiguous_dates_stop_with_a_plain_question(cli, case_id, home):
    path = DATA / "whatsapp/chatminer_dateformat4_ios_bracket_seconds_pm.txt"
    refused = cli("import", "--case", case_id, str(path))
    assert refused.exit_code == 2
    assert "--date-order" in refused.stderr and "Traceback" not in refused.stderr
    assert _exhibits(home, case_id) == []  # nothing half-imported: not even the exhibit
    accepted = cli("import", "--case", case_id, str(path), "--date-order", "dmy", "--json")
    assert accepted.exit_code == 0 and json.loads(accepted.stdout)["messages"] == 4


def test_ambiguous_dates_are_asked_for_at_a_terminal(cli, case_id, monkeypatch):
    from casekit.commands import importing

    monkeypatch.setattr(importing, "_interactive", lambda: True)
    path = DATA / "whatsapp/chatminer_dateformat4_ios_bracket_seconds_pm.txt"
    result = cli("import", "--case", case_id, str(path), "--json", input="maybe\ndmy\n")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("Which order") == 2  # asked again after an answer it cannot use
    report = result.stdout[result.stdout.index("{") :]  # the test runner echoes the typed answers
    assert json.loads(report)["messages"] == 4


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("notes.txt", b"just some notes\n", "does not recognise"),
        ("result.json", b'{"messages": [{"type": "message", "date_unixtime": "17', "not complete"),
        ("chat.txt", b"14/03/2024, 12:30 - Maya: one\n14/03/2024, 12:31 - Maya: caf\xe9\n", "line 2"),
    ],
)
def test_bad_input_is_refused_plainly_and_changes_nothing(cli, case_id, tmp_path, home, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    result = cli("import", "--case", case_id, str(path))
    assert result.exit_code == 2, result.stdout
    assert words in result.stderr and name in result.stderr
    assert "Traceback" not in result.stderr and "caf" not in result.stderr
    assert _exhibits(home, case_id) == []
    assert json.loads(cli("timeline", "--case", case_id, "--json").stdout) == []


def test_malicious_zip_is_refused(cli, case_id, tmp_path, home):
    evil = _zip(tmp_path / "export.zip", {"../../escape.txt": WHATSAPP.encode()})
    result = cli("import", "--case", case_id, str(evil))
    assert result.exit_code == 2
    assert "export.zip" in result.stderr and "Traceback" not in result.stderr
    assert _exhibits(home, case_id) == []


def test_failure_while_storing_rolls_everything_back(cli, case_id, home, monkeypatch):
    real = pipeline.to_message
    seen = []

    def fails_midway(record, *args, **kwargs):
        seen.append(record)
        if len(seen) == 5:
            raise RuntimeError("disk full (simulated)")
        return real(record, *args, **kwargs)

    monkeypatch.setattr(pipeline, "to_message", fails_midway)
    result = cli("import", "--case", case_id, str(DATA / "whatsapp/chatminer_android_ddmmyy_24h.txt"))
    assert result.exit_code == 3  # an internal error, reported without its (possibly sensitive) text
    assert "disk full" not in result.stderr
    shown = cli("timeline", "--case", case_id, "--json")
    assert shown.exit_code == 0, shown.stderr
    assert json.loads(shown.stdout) == []  # the four messages stored before the failure were rolled back


def test_unknown_case_format_zone_and_order(cli, case_id, tmp_path):
    path = DATA / "signal/chatminer_signal_export.txt"
    assert cli("import", "--case", "nope", str(path)).exit_code == 2
    unknown = cli("import", "--case", case_id, str(path), "--format", "myspace")
    assert unknown.exit_code == 2 and "whatsapp" in unknown.stderr
    zone = cli("import", "--case", case_id, str(path), "--timezone", "Mars/Olympus")
    assert zone.exit_code == 2 and "Mars/Olympus" in zone.stderr
    order = cli("import", "--case", case_id, str(path), "--date-order", "sometimes")
    assert order.exit_code == 2
    missing = cli("import", "--case", case_id, str(tmp_path / "gone.txt"))
    assert missing.exit_code == 2 and "gone.txt" in missing.stderr


def test_french_messages(cli, case_id, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("rien\n")
    result = cli("import", "--case", case_id, str(path), env={"CASEKIT_LANG": "fr"})
    assert result.exit_code == 2 and "ne reconnaît pas" in result.stderr


def test_case_delete_removes_messages(cli, case_id, home):
    assert cli("import", "--case", case_id, str(DATA / "signal/chatminer_signal_export.txt")).exit_code == 0
    assert cli("case", "delete", case_id, "--yes").exit_code == 0
    store = Store(Settings.from_env())
    try:
        with store.engine.connect() as conn:
            from sqlalchemy import text

            assert conn.execute(text("select count(*) from messages")).scalar() == 0
            assert conn.execute(text("select count(*) from chat_imports")).scalar() == 0
    finally:
        store.close()


def test_import_and_timeline_on_every_backend(db_url, cli, tmp_path):
    """The same import on SQLite and PostgreSQL (skips without a server): same messages, same order."""
    case = json.loads(cli("case", "new", "backend (made up)", "--json").stdout)["id"]
    chat = tmp_path / "WhatsApp Chat with Jake.txt"
    chat.write_text(WHATSAPP, encoding="utf-8")
    assert cli("import", "--case", case, str(chat), "--timezone", "America/Toronto").exit_code == 0
    messages = json.loads(cli("timeline", "--case", case, "--json", "--search", "SCHOOL").stdout)
    assert [(m["locator"], m["timestamp"]) for m in messages] == [("line 2", "2024-03-13T23:03:00Z")]
