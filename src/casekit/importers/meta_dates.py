"""The written-out times in Facebook and Instagram HTML exports: ``Friday, October 4, 2013 at 10:05pm
PDT`` (legacy messages.htm), ``Jan 17, 2020, 8:49 PM`` (per-thread HTML, local time), and French forms
(``dimanche 4 décembre 2016, 13:54 UTC-07``).

A zone abbreviation is accepted only where it has one meaning (PDT, EST…); CDT (Central Daylight or
China/Cuba Daylight?) and its kind are refused rather than guessed.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

MONTHS = {
    **{
        m: i
        for i, m in enumerate(
            (
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ),
            1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            (
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre",
            ),
            1,
        )
    },
}
_MORE = {  # German, Spanish, Italian, Dutch, Portuguese, Scandinavian: the languages Meta's legacy pages used most
    1: "januar enero gennaio januari janeiro", 2: "februar febrero febbraio februari fevereiro",
    3: "märz marzo maart março mars", 4: "april abril aprile", 5: "mai mayo maggio mei maio maj",
    6: "juni junio giugno junho", 7: "juli julio luglio julho", 8: "august agosto augustus augusti",
    9: "september septiembre settembre setembro", 10: "oktober octubre ottobre outubro",
    11: "november noviembre novembre novembro", 12: "dezember diciembre dicembre december dezembro desember",
}  # fmt: skip
for _number, _names in _MORE.items():
    for _name in _names.split():
        MONTHS.setdefault(_name, _number)
MONTHS.update({name[:3]: number for name, number in list(MONTHS.items()) if name.isascii() and len(name) > 3})
MONTHS["sept"] = 9

ZONES = {
    "UTC": 0,
    "GMT": 0,
    "PST": -8,
    "PDT": -7,
    "MST": -7,
    "MDT": -6,
    "EST": -5,
    "EDT": -4,
    "AKST": -9,
    "AKDT": -8,
    "HST": -10,
    "NST": -3.5,
    "NDT": -2.5,
    "AST": -4,
    "ADT": -3,
    "CET": 1,
    "CEST": 2,
}
_CLOCK = r"(?P<h>\d{1,2})[:h](?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ap>[ap]\.?m\.?)?"
_ZONE = r"(?:\s+(?P<abbr>[A-Z]{2,5}))?(?:\s+UTC(?P<off>[+-]\d{1,2}(?::?\d{2})?))?"
_MDY = re.compile(
    rf"(?:[^\W\d]+,?\s+)?(?P<mon>[^\W\d]+)\.?\s+(?P<d>\d{{1,2}}),\s+(?P<y>\d{{4}})(?:,|\s+at)?\s+{_CLOCK}{_ZONE}$",
    re.IGNORECASE,
)
_JOINS = r"(?:,|\s+(?:at|à|um|a las|alle ore|om|às|kl\.|o|u|v|ob|la))?"
_DMY = re.compile(
    rf"(?:[^\W\d]+,?\s+)?(?P<d>\d{{1,2}})\.?\s+(?:de\s+)?(?P<mon>[^\W\d]+)\.?\s+(?:de\s+)?(?P<y>\d{{4}})"
    rf"{_JOINS}\s+{_CLOCK}{_ZONE}$",
    re.IGNORECASE,
)


def parse_written(text: str, assumed: timezone | object) -> tuple[datetime, bool] | None:
    """(time, zone_was_written) or None when ``text`` is not a time this module reads."""
    text = " ".join(text.replace("\u202f", " ").split())
    m = _MDY.match(text) or _DMY.match(text)
    if m is None:
        return None
    month = MONTHS.get(m["mon"].lower().rstrip("."))
    if month is None:
        return None
    hour = int(m["h"])
    if m["ap"]:
        hour = hour % 12 + (12 if m["ap"][0].lower() == "p" else 0)
    local = datetime(int(m["y"]), month, int(m["d"]), hour, int(m["mi"]), int(m["s"] or 0))
    if m["off"]:
        sign = -1 if m["off"][0] == "-" else 1
        digits = m["off"][1:].replace(":", "")
        hours, minutes = (
            int(digits[:-2] or digits) if len(digits) > 2 else int(digits),
            int(digits[-2:]) if len(digits) > 2 else 0,
        )
        return local.replace(tzinfo=timezone(sign * timedelta(hours=hours, minutes=minutes))), True
    if m["abbr"]:
        offset = ZONES.get(m["abbr"].upper())
        if offset is None:
            return None
        return local.replace(tzinfo=timezone(timedelta(hours=offset))), True
    return local.replace(tzinfo=assumed), False  # type: ignore[arg-type]
