"""Opening the database: engine, migrations to head, and turning driver errors into plain sentences.

SQLite is the embedded default (one file in the data folder).  PostgreSQL is used, with no other change,
when ``CASEKIT_DATABASE_URL`` names it.  Every schema change is an Alembic migration, so an older
database is upgraded on open and a newer one is refused rather than damaged.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import SchemaTooNew, StoreError, StoreLocked, StoreUnreadable
from ..settings import Settings

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest migration.  Every command opens the store and checks the schema; when the database is
# already at this revision the check is one query, and Alembic (a quarter of a second of imports and
# reading the migration scripts) is only loaded when there is something to migrate.  A test keeps
# this equal to the head of the migration scripts.
HEAD = "0005_packs"


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def translate(exc: BaseException, where: str) -> StoreError:
    """A driver error → one sentence a frightened person can act on.  Never includes row data."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "locked" in text or "could not obtain lock" in text:
        return StoreLocked.from_key("error.store_locked", where=where)
    if "connection refused" in text or "could not connect" in text or "connection failed" in text:
        return StoreUnreadable.from_key("error.store_unreachable", where=where)
    if "password authentication" in text or "authentication failed" in text:
        return StoreUnreadable.from_key("error.store_auth", where=where)
    return StoreUnreadable.from_key("error.store_unreadable", where=where)


def _safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        return f"{scheme}://{user}@{host}"
    return url


class Store:
    """The database: hands out sessions, and is the only place that knows SQLAlchemy engines exist."""

    def __init__(self, settings: Settings, *, migrate: bool = True) -> None:
        self.settings = settings
        self.where = (
            str(settings.home / "casekit.db") if settings.is_sqlite else _safe_url(settings.database_url)
        )
        if settings.is_sqlite:
            settings.ensure_home()
        self.engine = self._make_engine(settings.database_url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        if migrate:
            self.migrate()

    @staticmethod
    def _make_engine(url: str) -> Engine:
        if url.startswith("sqlite"):
            timeout = float(os.environ.get("CASEKIT_LOCK_TIMEOUT", "5"))
            engine = create_engine(url, connect_args={"timeout": timeout})

            @event.listens_for(engine, "connect")
            def _pragmas(dbapi_conn, _record) -> None:
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA foreign_keys=ON")
                cur.close()

            return engine
        return create_engine(url, pool_pre_ping=True)

    def current_revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def _at_head(self) -> bool:
        """Whether the schema is already current, asked without Alembic (see ``HEAD``)."""
        if "alembic_version" not in inspect(self.engine).get_table_names():
            return False
        with self.engine.connect() as conn:
            versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        return versions == [HEAD]

    def migrate(self) -> None:
        """Bring the schema to head; refuse a database written by a newer casekit."""
        try:
            if self._at_head():
                return
            from alembic import command
            from alembic.script import ScriptDirectory

            current = self.current_revision()
            script = ScriptDirectory.from_config(alembic_config(self.settings.database_url))
            known = {rev.revision for rev in script.walk_revisions()}
            if current is not None and current not in known:
                raise SchemaTooNew.from_key("error.schema_too_new", where=self.where, revision=current)
            if current != script.get_current_head():
                with self.engine.begin() as conn:
                    cfg = alembic_config(self.settings.database_url)
                    cfg.attributes["connection"] = conn
                    command.upgrade(cfg, "head")
        except (OperationalError, DatabaseError) as exc:
            raise translate(exc, self.where) from None

    def table_names(self) -> list[str]:
        return sorted(inspect(self.engine).get_table_names())

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed on success, rolled back on any error, driver errors translated."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except (OperationalError, DatabaseError) as exc:
            session.rollback()
            raise translate(exc, self.where) from None
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()


def open_store(settings: Settings | None = None) -> Store:
    return Store(settings or Settings.from_env())
