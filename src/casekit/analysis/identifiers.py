"""Identifiers in message text: the handles, numbers and addresses police can send a production order
about.  Phone numbers are read with ``phonenumbers`` (the case's country decides how a local number is
read); the rest are small, precompiled patterns."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import phonenumbers

from ..model import Message


@dataclass(frozen=True)
class Identifier:
    kind: str  # phone | email | url | handle | payment
    value: str  # normalised: E.164 phones, lower-case e-mails and handles
    platform: str | None  # the app a handle belongs to, where the text says
    message_id: str
    exhibit_sha256: str
    locator: str
    sender: str | None

    @property
    def cites(self) -> str:
        return f"{self.exhibit_sha256[:12]} {self.locator} (message {self.message_id})"


_EMAIL = re.compile(r"\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})*\.[a-z]{2,24}\b", re.IGNORECASE)
_URL = re.compile(r"\bhttps?://[^\s<>\"']{3,2000}|\bwww\.[^\s<>\"']{3,2000}", re.IGNORECASE)
_APPS = {
    "snap": "snapchat", "snapchat": "snapchat", "sc": "snapchat", "insta": "instagram", "instagram": "instagram",
    "ig": "instagram", "discord": "discord", "tiktok": "tiktok", "tt": "tiktok", "kik": "kik",
    "telegram": "telegram", "tg": "telegram", "whatsapp": "whatsapp", "wa": "whatsapp", "roblox": "roblox",
    "xbox": "xbox", "psn": "playstation", "twitter": "x", "x": "x", "signal": "signal", "wickr": "wickr",
}  # fmt: skip
# "add me on snap: jake_sk8_09", "my insta is @x", "sc - x", "discord x#1234"
_APP_HANDLE = re.compile(
    r"\b(?P<app>" + "|".join(sorted(map(re.escape, _APPS), key=len, reverse=True)) + r")\b"
    r"(?:\s+(?:is|id|name|username|c'est|est))?\s*[:=\-]?\s*@?(?P<handle>[A-Za-z0-9_.]{3,32}(?:#\d{4})?)",
    re.IGNORECASE,
)
_AT_HANDLE = re.compile(r"(?<![\w@.])@(?P<handle>[A-Za-z0-9_][A-Za-z0-9_.]{1,29})\b")
_CASHTAG = re.compile(r"(?<![\w$])\$(?P<tag>[A-Za-z][A-Za-z0-9_]{1,19})\b")
_PAYMENT_LINK = re.compile(
    r"\b(?:paypal\.me|cash\.app|venmo\.com(?:/u)?)/(?P<who>[A-Za-z0-9_.-]{2,40})", re.IGNORECASE
)
_BITCOIN = re.compile(r"\b(?:bc1[a-z0-9]{25,60}|[13][a-km-zA-HJ-NP-Z1-9]{25,34})\b")
_NOT_HANDLES = frozenset({"me", "you", "u", "it", "is", "the", "and", "on", "to", "my", "ur", "your", "pls"})


def find_identifiers(messages: Iterable[Message], region: str = "CA") -> list[Identifier]:
    found: list[Identifier] = []
    seen: set[tuple[str, str, str]] = set()

    def add(kind: str, value: str, platform: str | None, m: Message) -> None:
        key = (kind, value, m.id)
        if key not in seen:
            seen.add(key)
            found.append(Identifier(kind, value, platform, m.id, m.exhibit_sha256, m.locator, m.sender))

    for m in messages:
        text = m.text
        if not text:
            continue
        for match in _EMAIL.finditer(text):
            add("email", match.group(0).lower(), None, m)
        for match in _URL.finditer(text):
            url = match.group(0).rstrip(".,!?)")
            payment = _PAYMENT_LINK.search(url)
            add("payment" if payment else "url", url, None, m)
        for match in _PAYMENT_LINK.finditer(text):
            add("payment", match.group(0).lower(), None, m)
        for match in _CASHTAG.finditer(text):
            add("payment", "$" + match["tag"].lower(), "cashapp", m)
        for match in _BITCOIN.finditer(text):
            add("payment", match.group(0), "bitcoin", m)
        for match in _APP_HANDLE.finditer(text):
            handle = match["handle"].lower().rstrip(".")
            if handle not in _NOT_HANDLES and not handle.isdigit():
                add("handle", handle, _APPS[match["app"].lower()], m)
        for match in _AT_HANDLE.finditer(text):
            if not _EMAIL.search(text, max(0, match.start() - 64), match.end()):
                add("handle", match["handle"].lower().rstrip("."), m.platform, m)
        try:
            for number in phonenumbers.PhoneNumberMatcher(text, region):
                if phonenumbers.is_possible_number(number.number):
                    e164 = phonenumbers.format_number(number.number, phonenumbers.PhoneNumberFormat.E164)
                    add("phone", e164, None, m)
        except Exception:  # a library hiccup on odd text must not stop the analysis of the rest
            continue
    return found
