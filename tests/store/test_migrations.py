"""Migrations: an empty database upgrades to head, and the migrations match the tables the code declares."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from casekit.settings import Settings
from casekit.store import Store
from casekit.store.all_tables import metadata
from casekit.store.db import head_revision


def test_empty_database_upgrades_to_head(db_url: str) -> None:
    engine = create_engine(db_url)
    assert inspect(engine).get_table_names() == []
    engine.dispose()

    store = Store(Settings.from_env())
    assert store.current_revision() == head_revision()
    assert {"cases", "facts", "persons", "contacts", "timeline_events", "alembic_version"} <= set(
        store.table_names()
    )
    store.close()


def test_migrations_match_declared_tables(db_url: str) -> None:
    store = Store(Settings.from_env())
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}), metadata)
    store.close()
    assert diff == [], f"the tables in code and the migrations differ: {diff}"


def test_opening_twice_is_a_no_op(db_url: str) -> None:
    Store(Settings.from_env()).close()
    store = Store(Settings.from_env())
    assert store.current_revision() == head_revision()
    store.close()


def test_the_fast_schema_check_knows_the_newest_migration() -> None:
    """``Store`` skips Alembic when the database is at ``HEAD``: a new migration must move it too."""
    from casekit.store.db import HEAD

    assert head_revision() == HEAD
