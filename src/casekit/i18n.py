"""User-facing words in English and French.

Each part of casekit keeps its phrases in ``locale/<part>.yaml`` as ``key: {en: …, fr: …}``; a test
checks every key has both.  The language comes from ``--lang`` where a command offers it, else
``CASEKIT_LANG``, else the system locale (French when it starts with ``fr``), else English.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from typing import Any

import yaml

LANGS = ("en", "fr")
_override: str | None = None
# Every command reads the whole catalog on its first phrase: the C loader reads the same safe subset of YAML
# in ~25 ms instead of ~340 ms; fall back where libyaml is absent.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def current_lang() -> str:
    if _override:
        return _override
    for var in ("CASEKIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def set_lang(lang: str | None) -> None:
    """Fix the language for this process (the CLI's ``--lang``); None goes back to the environment."""
    global _override
    if lang is not None and lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)}")
    _override = lang


@cache
def catalog() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for entry in sorted(resources.files("casekit.locale").iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".yaml"):
            data = yaml.load(entry.read_text(encoding="utf-8"), Loader=_LOADER) or {}
            for key, texts in data.items():
                if key in merged:
                    raise ValueError(f"locale key '{key}' is defined twice (second time in {entry.name})")
                merged[key] = texts
    return merged


def t(key: str, lang: str | None = None, /, **values: Any) -> str:
    """The phrase ``key`` in ``lang`` (default: the current language), with ``{name}`` fields filled."""
    texts = catalog()[key]
    text = texts.get(lang or current_lang()) or texts["en"]
    return text.format(**values) if values else text
