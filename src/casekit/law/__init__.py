"""Law: a sourced knowledge base, the facts vocabulary and an explainable offence engine."""

from __future__ import annotations

from .facts import FACTS, FactError, FactSpec, facts_json_schema, validate_fact, validate_facts
from .facts import VERSION as FACTS_VERSION

__all__ = [
    "FACTS",
    "FACTS_VERSION",
    "FactError",
    "FactSpec",
    "facts_json_schema",
    "validate_fact",
    "validate_facts",
]
