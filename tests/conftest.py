"""Fixtures shared by every test.

* ``home``: a fresh, private data folder (``CASEKIT_HOME``) with a passphrase set, per test.
* ``store``: the Store on that folder (SQLite), migrated to head.
* ``db_url`` / ``any_store``: parametrised over SQLite and a real PostgreSQL server.  PostgreSQL comes
  from ``CASEKIT_TEST_POSTGRES_URL`` (an admin URL; ``.ci/run`` starts a server and sets it); each test
  gets a database of its own, dropped afterwards.  Where it is unset those tests skip, saying why.
* ``cli``: runs ``casekit …`` in-process and returns the click Result (stdout, stderr, exit_code).
* ``shared``: the ``../shared`` folder of test corpora, or a skip where it is absent (a fresh clone).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casekit.settings import Settings
from casekit.store import Store

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TEST_PASSPHRASE = "correct horse battery staple (test only)"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "casekit-home"
    monkeypatch.setenv("CASEKIT_HOME", str(home))
    monkeypatch.delenv("CASEKIT_DATABASE_URL", raising=False)
    monkeypatch.setenv("CASEKIT_PASSPHRASE", TEST_PASSPHRASE)
    monkeypatch.setenv("CASEKIT_LANG", "en")
    monkeypatch.setenv("COLUMNS", "200")
    return home


@pytest.fixture
def settings(home: Path) -> Settings:
    return Settings.from_env()


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    s = Store(settings)
    yield s
    s.close()


def _postgres_admin_url() -> str | None:
    return os.environ.get("CASEKIT_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A database URL for a fresh, empty database on each backend; also exported as CASEKIT_DATABASE_URL."""
    if request.param == "sqlite":
        home.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{home / 'casekit.db'}"
        monkeypatch.setenv("CASEKIT_DATABASE_URL", url)
        yield url
        return
    admin = _postgres_admin_url()
    if not admin:
        pytest.skip("PostgreSQL tests need CASEKIT_TEST_POSTGRES_URL (an admin URL); .ci/run starts a server")
    from sqlalchemy import create_engine, text

    name = f"casekit_test_{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base, _, _ = admin.rpartition("/")
    url = f"{base}/{name}"
    monkeypatch.setenv("CASEKIT_DATABASE_URL", url)
    try:
        yield url
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture
def any_store(db_url: str, home: Path) -> Iterator[Store]:
    s = Store(Settings.from_env())
    yield s
    s.close()


class Cli:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None):
        from casekit.cli import app

        return self.runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)


@pytest.fixture
def cli(home: Path) -> Cli:
    return Cli()


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared (test corpora beside the checkout) is absent in this clone")
    return SHARED


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # CI must never fail merely because a selection collected nothing.
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.exitstatus = pytest.ExitCode.OK
