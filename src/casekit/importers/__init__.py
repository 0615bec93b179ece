"""Chat importers: every export a family may hold, read into one cited timeline.

::

    from casekit.importers import Options, import_chats, timeline, importers, detect

    result = import_chats(store, vault, case_id, [Path("WhatsApp Chat with Jake.zip")],
                          Options(timezone="America/Toronto"))      # or Options() → zone assumed
    result.message_count, [f.source.name for f in result.files]
    messages = timeline(store, vault, case_id, sender="jake", search="photo")

One module per format (``registry.MODULES``, explicit and sorted); each declares ``IMPORTERS`` with a
unique name, a cheap ``sniff`` over the first bytes, and a streaming ``parse`` that yields frozen
:class:`Record` values with a locator (``line 12``, ``$.messages[3]``, ``record 7``).  Importers never
touch the database, the vault or a hash; :mod:`.pipeline` does, and each stored ``Message`` cites its
exhibit's SHA-256 and that locator.

Every failure is an :class:`~casekit.errors.ImportFailed` naming the file and the place
(:class:`ParseFailed` has ``file`` and ``where``); an ambiguous day/month order is
:class:`DateOrderUnknown`, whose ``choices`` the CLI offers the user.
"""

from __future__ import annotations

from .base import DateOrderUnknown, Importer, Options, ParseFailed, Record, Source
from .pipeline import ImportResult, import_chats, timeline
from .registry import detect, get, importers

__all__ = [
    "DateOrderUnknown",
    "ImportResult",
    "Importer",
    "Options",
    "ParseFailed",
    "Record",
    "Source",
    "detect",
    "get",
    "import_chats",
    "importers",
    "timeline",
]
