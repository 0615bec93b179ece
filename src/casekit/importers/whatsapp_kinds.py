"""What a WhatsApp line is: a person's message, a call, a media placeholder, or an event the app wrote
(someone added, a message deleted, the encryption notice).

Events are evidence too, so they are kept — as ``system`` records with no author, even when their text
contains ": " (``Alice changed the subject to "plans: Friday"`` is not a message from "Alice changed
the subject to "plans").  The phrase lists cover English and the languages seen in real exports; what
they miss falls back to structural signs (iOS marks app-written text with a direction mark).
"""

from __future__ import annotations

import re

from .whatsapp_stamps import MARKS

_MARK_RE = re.compile(f"[{MARKS}]")


def strip_marks(text: str) -> str:
    """The text without direction marks (a regex: much faster than str.translate on the hot path)."""
    return _MARK_RE.sub("", text)


# A sender name never reads like a sentence about people joining, leaving or changing things.
_SYSTEM_NAME = re.compile(
    r" (?:added|removed|left|joined|created|changed|deleted|turned|updated|set|pinned|started|ended|"
    r"reset|blocked|unblocked|invited|requested|approved|allowed|made|is now|are now|was|were|"
    r"hinzugefügt|entfernt|a ajouté|a retiré|ha añadido|añadió|eliminó|cambió|creó|ha creato)(?: |$)"
)
DELETED_PHRASES = (
    "This message was deleted", "You deleted this message", "Diese Nachricht wurde gelöscht",
    "Du hast diese Nachricht gelöscht", "Ce message a été supprimé", "Vous avez supprimé ce message",
    "Se eliminó este mensaje", "Eliminaste este mensaje", "Este mensaje fue eliminado",
    "Questo messaggio è stato eliminato", "Hai eliminato questo messaggio", "Esta mensagem foi apagada",
    "Você apagou esta mensagem", "Это сообщение удалено", "Вы удалили это сообщение",
)  # fmt: skip
DELETED = re.compile("(?:" + "|".join(map(re.escape, DELETED_PHRASES)) + r")\.?", re.IGNORECASE)
CALL = re.compile(
    r"(?:Missed (?:group )?(?:voice|video) call|(?:Voice|Video) call|Silenced (?:voice|video) call)\b"
)
# Three shapes of "this file came with the message"; each is anchored so a long line costs one pass.
ATTACHED = re.compile(r"<\s*attached:\s*(?P<a>[^>]+?)\s*>")
_ATTACHED_AFTER = re.compile(r"(?P<b>\S[^<>]*?)\s*<attached>$")
_FILE_ATTACHED = re.compile(
    r"(?P<c>\S[^()]*?) \((?:file attached|Datei angehängt|bestand bijgevoegd|fichier joint|"
    r"archivo adjunto|arquivo anexado|file allegato|файл прикреплен|soubor připojen)\)$"
)
OMITTED = re.compile(r"<[^<>\n]{3,40}>")  # Android's localised "<Media omitted>" stands alone
EDITED = re.compile(
    r"[\s\u200e\u200f]*<(?:This message was edited|Diese Nachricht wurde bearbeitet|Ce message a été modifié|"
    r"Se editó este mensaje\.?|Questo messaggio è stato modificato)>$"
)
_PERSON_WRITTEN = re.compile(
    r"(?:POLL|ENCUESTA|UMFRAGE|SONDAGE|ENQUETE|SONDAGGIO|ОПРОС):$"
    r"|(?:Location|location|Ubicación|Standort|Position|Localização|Posizione|Местоположение): https?://"
    r"|.+: https://foursquare\.com/"
)


# First words of every phrase classify looks for at the start of a message (deleted notices, calls):
# a message starting with any other word, with no "<" and no closing ")", is an ordinary message and
# the hot path skips classify entirely.
SPECIAL_FIRST_WORDS = frozenset(p.split(" ", 1)[0].lower() for p in DELETED_PHRASES) | frozenset(
    ("missed", "voice", "video", "silenced")
)


def system_name(name: str) -> bool:
    """Whether the text before ': ' is the start of an app sentence rather than a sender's name."""
    if '"' in name or "“" in name or "«" in name:
        return True
    return name.count(" ") >= 2 and _SYSTEM_NAME.search(name) is not None


def classify(body: str, line_mark: bool, body_mark: bool, ios: bool) -> tuple[str, bool, tuple[dict, ...]]:
    """(kind, deleted, attachments) of a message whose first line is ``body`` (marks already stripped).

    ``line_mark``: the line began with a direction mark (iOS: app-written media line);
    ``body_mark``: the body did (iOS: app-written text).
    """
    first = body.partition("\n")[0]
    plain = _MARK_RE.sub("", first).strip() if (body_mark or "\u200e" in first) else first.strip()
    if len(plain) < 60:
        if DELETED.fullmatch(plain):
            return "system", True, ()
        if CALL.match(plain):
            return "call", False, ()
    if "<" in plain:
        found = ATTACHED.search(plain) or _ATTACHED_AFTER.match(plain)
        if found:
            return "media", False, ({"name": (found.groupdict().get("a") or found["b"]).strip()},)
    elif plain.endswith(")"):
        found = _FILE_ATTACHED.match(plain)
        if found:
            return "media", False, ({"name": found["c"].strip()},)
    if OMITTED.fullmatch(plain) and not ios:
        return "media", False, ({"omitted": True},)
    if ios and body_mark:
        if line_mark:
            return "media", False, ({"omitted": True},)
        if _PERSON_WRITTEN.match(plain):
            return "message", False, ()
        return "system", False, ()
    return "message", False, ()
