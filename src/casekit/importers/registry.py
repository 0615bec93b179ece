"""The one list of importers, explicit and sorted, and auto-detection by content.

Each module in ``MODULES`` declares ``IMPORTERS`` (a tuple of :class:`~.base.Importer`).  A duplicate
name stops casekit at start-up rather than letting one format silently shadow another.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module

from .base import Importer, Source, fail

MODULES = (
    "csv_generic",
    "discord_dce",
    "discord_package",
    "imessage",
    "line",
    "meta_html",
    "meta_json",
    "signal",
    "sms_backup",
    "snapchat",
    "telegram",
    "whatsapp",
)


_ALIASES = {"messenger_json": ("facebook",), "messenger_html": ("facebook",)}


def _folder_words(name: str) -> tuple[str, ...]:
    return (importers()[name].platform, *_ALIASES.get(name, ()))


def build(modules: tuple[str, ...] = MODULES) -> dict[str, Importer]:
    if list(modules) != sorted(modules):
        raise RuntimeError("casekit.importers.registry.MODULES must stay sorted")
    found: dict[str, Importer] = {}
    for module in modules:
        for importer in import_module(f"casekit.importers.{module}").IMPORTERS:
            if importer.name in found:
                raise RuntimeError(f"two importers are named '{importer.name}' (second in {module})")
            found[importer.name] = importer
    return dict(sorted(found.items()))


@cache
def importers() -> dict[str, Importer]:
    return build()


def get(name: str) -> Importer:
    table = importers()
    if name not in table:
        from ..errors import ImportFailed

        raise ImportFailed.from_key("import.unknown_importer", name=name, names=", ".join(table))
    return table[name]


def scores(head: bytes) -> list[tuple[int, str]]:
    """Every importer's confidence for these first bytes, best first (only those above 0)."""
    found = []
    for name, importer in importers().items():
        try:
            score = importer.sniff(head)
        except Exception:  # a sniffer must never take detection down; it just does not claim the file
            score = 0
        if score > 0:
            found.append((score, name))
    return sorted(found, reverse=True)


def detect(source: Source) -> Importer | None:
    """The importer whose sniff is surest about ``source``; None when none claims it.  Two equally sure
    importers are refused: the user must say which with ``--format``."""
    ranked = scores(source.head())
    if not ranked:
        return None
    if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
        # Instagram and Messenger write identical JSON; the export's own folders say which app made it
        # (your_instagram_activity/…, your_facebook_activity/…), so a tie is broken by them — only by them.
        tied = [name for score, name in ranked if score == ranked[0][0]]
        folders = source.name.lower().rsplit("/", 1)[0] if "/" in source.name else ""
        named = [n for n in tied if any(word in folders for word in _folder_words(n))]
        if len(named) == 1:
            return importers()[named[0]]
        raise fail(source, "start", "import.ambiguous_format", first=ranked[0][1], second=ranked[1][1])
    return importers()[ranked[0][1]]
