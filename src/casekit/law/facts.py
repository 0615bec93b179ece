"""The facts vocabulary: every answer the law engine understands, with its type, labels and meaning.

A case's facts are a flat ``{key: value}`` dict (``FactRepository.as_dict``).  A key that is absent is
*unknown*, which is not the same as ``false``: the engine reports unknown keys that would change the result
as ``questions``.  The intake interview (issue 8) asks from this list and the documents label facts with it.

Kinds of value:

* ``bool``      true / false (``yes``/``no``/``oui``/``non`` are accepted and normalised)
* ``int``       a whole number (ages)
* ``number``    an amount (money, in the victim's currency)
* ``enum``      one of ``values``
* ``age``       a whole number, or ``adult`` / ``minor`` / ``unknown`` (when the exact age is not known)
* ``list``      a list of short lowercase names (platforms); one name alone is taken as a list of one
* ``date``      an ISO date (YYYY-MM-DD)

``validate_fact`` / ``validate_facts`` normalise values and raise ``FactError`` naming the key and what is
allowed.  ``None`` and ``"unknown"`` for a key without an ``unknown`` choice mean "not known": the key is
dropped.  Bump ``VERSION`` when a key is renamed or removed (adding keys is compatible).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..errors import CasekitError
from .vocabulary import KNOWN_PLATFORMS, PLATFORM_ALIASES, SPECS, FactSpec

__all__ = [
    "FACTS",
    "KNOWN_PLATFORMS",
    "PLATFORM_ALIASES",
    "VERSION",
    "FactError",
    "FactSpec",
    "facts_json_schema",
    "validate_fact",
    "validate_facts",
]

VERSION = "1.0"

_TRUE = {"true", "yes", "y", "oui", "o", "1"}
_FALSE = {"false", "no", "n", "non", "0"}
_UNKNOWN = {"unknown", "inconnu", "?", ""}


class FactError(CasekitError):
    """A fact has a value the vocabulary does not allow (names the key, the value's kind, what is allowed)."""


FACTS: dict[str, FactSpec] = {spec.key: spec for spec in SPECS}


def _error(key: str, value: Any, spec: FactSpec | None) -> FactError:
    # Only the kind of the value is named, never the value itself: a fact can hold free text a user typed.
    if spec is None:
        return FactError.from_key("law.fact.unknown_key", key=key)  # type: ignore[return-value]
    return FactError.from_key(  # type: ignore[return-value]
        "law.fact.bad_value", key=key, kind=type(value).__name__, allowed=spec.allowed()
    )


def _is_unknown(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip().lower() in _UNKNOWN)


def _platform_name(value: Any) -> str:
    name = str(value).strip().lower()
    return PLATFORM_ALIASES.get(name, name)


def validate_fact(key: str, value: Any) -> Any:
    """The value normalised for ``key``, or ``None`` when it means "not known".

    Raises ``FactError`` for an unlisted key or a value of the wrong kind; the message names the key and
    what is allowed (never the value, which may be text the user typed).
    """
    spec = FACTS.get(key)
    if spec is None:
        raise _error(key, value, None)
    kind = spec.kind
    if kind in ("enum", "age") and isinstance(value, str) and value.strip().lower() in spec.values:
        return value.strip().lower()
    if _is_unknown(value):
        return None
    try:
        if kind == "bool":
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
                return value.strip().lower() in _TRUE
        elif kind in ("int", "age"):
            if not isinstance(value, bool) and isinstance(value, int | str | float):
                number = float(value)
                if number.is_integer() and 0 <= number <= (spec.maximum or 130):
                    return int(number)
        elif kind == "number":
            if not isinstance(value, bool) and isinstance(value, int | float | str):
                number = float(str(value).replace(",", "").replace("$", "").strip())
                if number >= 0:
                    return int(number) if number.is_integer() else number
        elif kind == "enum":
            pass  # a known enum value returned above
        elif kind == "list":
            items = [value] if isinstance(value, str) else value
            if isinstance(items, list | tuple) and all(isinstance(i, str) and i.strip() for i in items):
                return sorted({_platform_name(i) for i in items})
        elif kind == "date":
            if isinstance(value, date):
                return value
            if isinstance(value, str):
                return date.fromisoformat(value.strip())
    except ValueError:
        pass
    raise _error(key, value, spec)


def validate_facts(facts: dict[str, Any]) -> dict[str, Any]:
    """All facts validated and normalised; unknown values dropped (absent = unknown)."""
    if not isinstance(facts, dict):
        raise FactError.from_key("law.fact.not_a_mapping")
    clean: dict[str, Any] = {}
    for key, value in facts.items():
        normalised = validate_fact(str(key), value)
        if normalised is not None:
            clean[str(key)] = normalised
    return clean


def _property(spec: FactSpec) -> dict[str, Any]:
    prop: dict[str, Any] = {"title": spec.label_en, "description": spec.description_en}
    if spec.kind == "bool":
        prop["type"] = "boolean"
    elif spec.kind == "int":
        prop.update(type="integer", minimum=spec.minimum, maximum=spec.maximum)
    elif spec.kind == "number":
        prop.update(type="number", minimum=0)
    elif spec.kind == "enum":
        prop.update(type="string", enum=list(spec.values))
    elif spec.kind == "age":
        prop["oneOf"] = [
            {"type": "integer", "minimum": 0, "maximum": 130},
            {"type": "string", "enum": list(spec.values)},
        ]
    elif spec.kind == "list":
        prop.update(type="array", items={"type": "string"}, examples=[list(spec.examples[:3])])
    elif spec.kind == "date":
        prop.update(type="string", format="date")
    prop["x-label-fr"] = spec.label_fr
    prop["x-description-fr"] = spec.description_fr
    return prop


def facts_json_schema() -> dict[str, Any]:
    """The vocabulary as a JSON Schema (draft 2020-12); French labels under ``x-label-fr``."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://casekit.invalid/schema/facts/{VERSION}",
        "title": "casekit facts",
        "description": "What is known about an incident. A key that is absent is unknown (not false).",
        "type": "object",
        "x-version": VERSION,
        "additionalProperties": False,
        "properties": {key: _property(spec) for key, spec in FACTS.items()},
    }
