"""The case store: SQLite by default, PostgreSQL by URL.  See ``db.Store`` and the repositories."""

from .cases import CaseRepository, ContactRepository, FactRepository, PersonRepository, TimelineRepository
from .db import Store, open_store

__all__ = [
    "CaseRepository",
    "ContactRepository",
    "FactRepository",
    "PersonRepository",
    "Store",
    "TimelineRepository",
    "open_store",
]
