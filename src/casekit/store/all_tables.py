"""Import every table module so ``Base.metadata`` is complete (Alembic autogenerate, tests)."""

from . import tables, tables_evidence, tables_intake, tables_messages  # noqa: F401
from .base import Base

metadata = Base.metadata
