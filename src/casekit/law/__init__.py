"""Law: a sourced knowledge base, the facts vocabulary and an explainable offence engine.

Public API (guarded by a test):

Facts (``facts.py``) — the vocabulary the intake interview asks from and the documents label with:
    ``FACTS``                   key -> ``FactSpec`` (kind, values, en/fr label and description)
    ``FACTS_VERSION``           bumped when a key is renamed or removed
    ``validate_fact(k, v)``     normalised value, or None for "not known"; raises ``FactError``
    ``validate_facts(d)``       the whole dict, unknown values dropped (absent = unknown)
    ``facts_json_schema()``     the vocabulary as JSON Schema (``casekit schema facts``)

Engine (``engine.py``):
    ``assess(facts, jurisdiction="CA", *, on=None) -> Assessment``
        ``Assessment.offences``   ``OffenceResult`` (section, status likely|possible, title/summary en+fr,
                                  elements met|unknown|not_met with ``decided_by`` facts and ``evidence``,
                                  penalty with struck minimums, powers, sources, last_verified)
        ``.urgency``              imminent | high | normal, with ``.urgency_reasons``
        ``.steps``                ordered next steps;  ``.referrals`` agencies and platforms for the place
        ``.powers``               investigative powers that fit;  ``.provisions`` jurisdiction rules, remedies
        ``.questions``            missing facts whose answers would change the result, most useful first,
                                  each with ``label``, ``why`` (en+fr) and what it ``affects``
        ``.emergency_number``     911, 999, 000…;  ``.on`` the date whose law was applied

Knowledge base (``kb.py``), for documents and the web app:
    ``kb.load(j)``, ``kb.jurisdictions()``, ``kb.offences(j)``, ``kb.provisions(j)``, ``kb.agencies(j, kind)``,
    ``kb.oversight_body(j)`` / ``kb.oversight_bodies(j)``, ``kb.ice_units(j)``, ``kb.platform(name)``,
    ``kb.platforms()``.  A jurisdiction is ``CA``, ``CA-ON`` (province), ``US``, ``GB`` (or ``UK``), ``AU``.
"""

from __future__ import annotations

from . import kb
from .engine import Assessment, ElementResult, OffenceResult, Question, Referral, StepResult, assess
from .facts import FACTS, FactError, FactSpec, facts_json_schema, validate_fact, validate_facts
from .facts import VERSION as FACTS_VERSION

__all__ = [
    "FACTS",
    "FACTS_VERSION",
    "Assessment",
    "ElementResult",
    "FactError",
    "FactSpec",
    "OffenceResult",
    "Question",
    "Referral",
    "StepResult",
    "assess",
    "facts_json_schema",
    "kb",
    "validate_fact",
    "validate_facts",
]
