"""Errors a user can meet: one plain sentence, exit status 2, no traceback (unless --debug), no data lost."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest


def _make_case(cli, title: str = "Existing case") -> str:
    return json.loads(cli("case", "new", title, "--json").stdout)["id"]


def _assert_plain_error(result, *phrases: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    for phrase in phrases:
        assert phrase in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout == ""


def test_unknown_case_id(cli) -> None:
    kept = _make_case(cli)
    for command in (["case", "show", "nope"], ["case", "delete", "nope", "--yes"]):
        _assert_plain_error(cli(*command), "There is no case with id 'nope'", "casekit case list")
    assert [c["id"] for c in json.loads(cli("case", "list", "--json").stdout)] == [kept]


def test_database_locked(cli, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = _make_case(cli)
    monkeypatch.setenv("CASEKIT_LOCK_TIMEOUT", "0.2")
    holder = sqlite3.connect(home / "casekit.db")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        _assert_plain_error(cli("case", "new", "Blocked"), "in use by another program", "try again")
        _assert_plain_error(cli("case", "list"), "in use by another program")
    finally:
        holder.rollback()
        holder.close()
    assert [c["id"] for c in json.loads(cli("case", "list", "--json").stdout)] == [kept]


def test_database_unreadable(cli, home: Path) -> None:
    home.mkdir(parents=True)
    db = home / "casekit.db"
    garbage = b"this is not a database, but it might be someone's only copy\n" * 200
    db.write_bytes(garbage)
    _assert_plain_error(cli("case", "list"), "could not be read", "Do not delete it")
    assert db.read_bytes() == garbage


def test_database_server_unreachable(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEKIT_DATABASE_URL", "postgresql+psycopg://casekit:secret@127.0.0.1:1/casekit")
    result = cli("case", "list")
    _assert_plain_error(result, "could not reach the database server", "CASEKIT_DATABASE_URL")
    assert "secret" not in result.stderr


def test_data_folder_not_writable(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("keep me")
    monkeypatch.setenv("CASEKIT_HOME", str(blocker / "casekit"))
    _assert_plain_error(cli("case", "new", "x"), "cannot write to its data folder", "CASEKIT_HOME")
    assert blocker.read_text() == "keep me"


def test_schema_newer_than_this_version(cli, home: Path) -> None:
    kept = _make_case(cli)
    with sqlite3.connect(home / "casekit.db") as conn:
        (current,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    _assert_plain_error(cli("case", "list"), "newer version of casekit", "Nothing was changed")
    with sqlite3.connect(home / "casekit.db") as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("9999_from_the_future",)
        conn.execute("UPDATE alembic_version SET version_num = ?", (current,))
    assert [c["id"] for c in json.loads(cli("case", "list", "--json").stdout)] == [kept]


def test_debug_shows_traceback(cli) -> None:
    result = cli("--debug", "case", "show", "nope")
    assert result.exit_code == 2
    assert "Traceback" in result.stderr
    assert "CaseNotFound" in result.stderr


def test_unexpected_error_is_a_plain_bug_report(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from casekit.store import cases

    def boom(self):
        raise ValueError("secret message text that must not be printed")

    monkeypatch.setattr(cases.CaseRepository, "list", boom)
    result = cli("case", "list")
    assert result.exit_code == 3
    assert "Something went wrong inside casekit (ValueError)" in result.stderr
    assert "secret message text" not in result.stderr + result.stdout
