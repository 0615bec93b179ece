"""WhatsApp: round trips through every header variant, events without authors, marks, and refusals."""

from __future__ import annotations

import os
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.importers import DateOrderUnknown, Options, ParseFailed, Source, get

TORONTO = ZoneInfo("America/Toronto")
# (sender or None for an event, text, local time) — made-up, plain content.
CHAT = [
    (None, "Messages and calls are end-to-end encrypted. Tap to learn more.", datetime(2024, 3, 1, 9, 5, 7)),
    ("Maya", "hi", datetime(2024, 3, 1, 9, 6, 0)),
    ("jake.skater09", "hey! which school do you go to?", datetime(2024, 3, 2, 21, 40, 30)),
    ("Maya", "first line\nsecond line\n\nafter a blank line", datetime(2024, 3, 13, 7, 1, 2)),
    ("jake.skater09", "time: 9pm ok?", datetime(2024, 3, 14, 12, 0, 0)),
    (None, 'Maya changed the subject to "plans: Friday"', datetime(2024, 3, 14, 12, 30, 0)),
]

# name → (format of the header, date order it needs, 12 h?) ; {d} {m} {y} {Y} {H} {I} {M} {S} {p}
VARIANTS = {
    "android_dmy_24": ("{d}/{m}/{Y}, {H}:{M} - ", None, False),
    "android_mdy_12": ("{mu}/{du}/{y}, {I}:{M} {p} - ", None, True),
    "android_dotted_de": ("{d}.{m}.{y}, {H}:{M} - ", None, False),
    "android_dash_nl": ("{d}-{m}-{Y} {H}:{M} - ", None, False),
    "android_iso": ("{Y}-{m}-{d}, {H}:{M} - ", None, False),
    "android_es_ampm": ("{d}/{m}/{Y}, {I}:{M} {pes} - ", None, True),
    "android_nbsp_pm": ("{d}/{m}/{y}, {I}:{M}\u202f{p} - ", None, True),
    "ios_seconds": ("[{d}/{m}/{y}, {H}:{M}:{S}] ", None, False),
    "ios_us_12": ("[{mu}/{du}/{y}, {I}:{M}:{S} {p}] ", None, True),
    "ios_no_comma": ("[{d}.{m}.{y} {H}:{M}:{S}] ", None, False),
    "ios_time_first": ("[{H}:{M}:{S}, {mu}/{du}/{y}] ", None, False),
    "ios_lrm": ("\u200e[{d}/{m}/{Y}, {H}:{M}:{S}] ", None, False),
}


def _header(fmt: str, when: datetime) -> str:
    hour12 = when.hour % 12 or 12
    return fmt.format(
        d=f"{when.day:02d}", m=f"{when.month:02d}", du=str(when.day), mu=str(when.month),
        y=f"{when.year % 100:02d}", Y=str(when.year), H=f"{when.hour:02d}", I=str(hour12),
        M=f"{when.minute:02d}", S=f"{when.second:02d}", p="PM" if when.hour >= 12 else "AM",
        pes="p. m." if when.hour >= 12 else "a. m.",
    )  # fmt: skip


def _export(fmt: str, ios: bool, crlf: bool = False) -> bytes:
    lines = []
    for sender, text, when in CHAT:
        head = _header(fmt, when)
        if sender is None and ios:
            # iOS writes events with a name and a mark in the text, never a mark before the line
            lines.append(f"{head.lstrip(chr(0x200E))}Maya: \u200e{text}")
        elif sender is None:
            lines.append(f"{head}{text}")
        else:
            lines.append(f"{head}{sender}: {text}")
    return (("\r\n" if crlf else "\n").join(lines) + "\n").encode()


@pytest.mark.parametrize("name", sorted(VARIANTS))
@pytest.mark.parametrize("crlf", [False, True])
def test_round_trip(name, crlf):
    fmt, order, _twelve = VARIANTS[name]
    ios = fmt.lstrip("\u200e").startswith("[")
    data = _export(fmt, ios, crlf)
    source = Source.from_bytes("WhatsApp Chat with Maya.txt", data)
    assert get("whatsapp").sniff(data) > 0
    records = list(get("whatsapp").parse(source, Options(timezone="America/Toronto", date_order=order)))
    assert len(records) == len(CHAT)
    for record, (sender, text, when) in zip(records, CHAT, strict=True):
        seconds = "S" in fmt
        expected = when.replace(tzinfo=TORONTO) if seconds else when.replace(second=0, tzinfo=TORONTO)
        assert record.timestamp == expected, name
        assert record.timezone_assumed is None  # the user named the zone
        assert record.conversation == "Maya"
        if sender is None:
            assert record.kind == "system" and record.sender is None
            assert text in record.text
        else:
            assert (record.sender, record.text, record.kind) == (sender, text, "message")


def test_line_numbers_point_at_the_header():
    data = _export(VARIANTS["android_dmy_24"][0], False)
    records = list(get("whatsapp").parse(Source.from_bytes("c.txt", data), Options()))
    assert [r.locator for r in records] == ["line 1", "line 2", "line 3", "line 4", "line 8", "line 9"]


def test_zone_is_assumed_and_recorded_when_not_given():
    data = _export(VARIANTS["android_dmy_24"][0], False)
    records = list(
        get("whatsapp").parse(Source.from_bytes("c.txt", data), Options(assumed_zone="Europe/Paris"))
    )
    assert {r.timezone_assumed for r in records} == {"Europe/Paris"}
    assert records[1].timestamp.utcoffset().total_seconds() == 3600


def test_events_never_get_an_author():
    text = (
        "14/03/2024, 12:30 - Maya added jake.skater09\n"
        '14/03/2024, 12:31 - You changed the subject to "plans: Friday at 5: bring snacks"\n'
        "14/03/2024, 12:32 - jake.skater09 left\n"
        "14/03/2024, 12:33 - Maya: You deleted this message\n"
        "14/03/2024, 12:34 - jake.skater09: This message was deleted\n"
        "14/03/2024, 12:35 - jake.skater09: <Media omitted>\n"
        "14/03/2024, 12:36 - jake.skater09: Missed voice call\n"
        "14/03/2024, 12:37 - jake.skater09: ok <This message was edited>\n"
        "14/03/2024, 12:38 - jake.skater09: IMG-20240314-WA0001.jpg (file attached)\n"
    )
    records = list(get("whatsapp").parse(Source.from_bytes("c.txt", text.encode()), Options()))
    kinds = [(r.kind, r.sender, r.deleted, r.edited) for r in records]
    assert kinds == [
        ("system", None, False, False),
        ("system", None, False, False),
        ("system", None, False, False),
        ("system", None, True, False),
        ("system", None, True, False),
        ("media", "jake.skater09", False, False),
        ("call", "jake.skater09", False, False),
        ("message", "jake.skater09", False, True),
        ("media", "jake.skater09", False, False),
    ]
    assert records[1].text.endswith('"plans: Friday at 5: bring snacks"')
    assert records[3].text == "Maya: You deleted this message"  # who, kept in the event's words
    assert records[7].text == "ok"
    assert records[8].attachments == ({"name": "IMG-20240314-WA0001.jpg"},)


def test_ios_marks_tell_media_from_events():
    text = (
        "[14/03/2024, 12:30:00] Maya: \u200eMessages and calls are end-to-end encrypted.\n"
        "\u200e[14/03/2024, 12:31:00] jake.skater09: \u200eimage omitted\n"
        "\u200e[14/03/2024, 12:32:00] jake.skater09: \u200e<attached: 00000042-PHOTO-2024-03-14.jpg>\n"
        "[14/03/2024, 12:33:00] jake.skater09: \u200eLocation: https://maps.example/?q=1,2\n"
    )
    records = list(get("whatsapp").parse(Source.from_bytes("c.txt", text.encode()), Options()))
    assert [(r.kind, r.sender) for r in records] == [
        ("system", None),
        ("media", "jake.skater09"),
        ("media", "jake.skater09"),
        ("message", "jake.skater09"),
    ]
    assert records[2].attachments == ({"name": "00000042-PHOTO-2024-03-14.jpg"},)


def test_ambiguous_dates_ask_and_the_answer_is_obeyed():
    text = "01/02/2024, 10:00 - Maya: hi\n03/02/2024, 10:00 - Maya: again\n"
    source = Source.from_bytes("c.txt", text.encode())
    with pytest.raises(DateOrderUnknown) as asked:
        list(get("whatsapp").parse(source, Options()))
    assert asked.value.choices == ("DMY", "MDY")
    dmy = list(get("whatsapp").parse(source, Options(date_order="DMY", timezone="UTC")))
    mdy = list(get("whatsapp").parse(source, Options(date_order="MDY", timezone="UTC")))
    assert dmy[0].timestamp.month == 2 and mdy[0].timestamp.month == 1


def test_one_late_line_settles_the_order_for_the_whole_file():
    text = "01/02/2024, 10:00 - Maya: hi\n" * 3 + "25/02/2024, 10:00 - Maya: later\n"
    records = list(get("whatsapp").parse(Source.from_bytes("c.txt", text.encode()), Options(timezone="UTC")))
    assert records[0].timestamp.month == 2 and records[0].timestamp.day == 1


def test_a_date_order_the_file_contradicts_is_refused():
    text = "25/02/2024, 10:00 - Maya: hi\n"
    with pytest.raises(ParseFailed) as failure:
        list(get("whatsapp").parse(Source.from_bytes("c.txt", text.encode()), Options(date_order="MDY")))
    assert "DMY" in failure.value.message


def test_file_changing_shape_midway_is_read_whole():
    """The fast header pattern follows the first line's shape; a later line in another shape (seconds
    appear) must still start a message, not vanish into the previous one."""
    text = (
        "14/03/2024, 12:30 - Maya: one\n14/03/2024, 12:31:05 - Maya: two\n14/03/2024, 12:32 - Maya: three\n"
    )
    records = list(get("whatsapp").parse(Source.from_bytes("c.txt", text.encode()), Options(timezone="UTC")))
    assert [r.text for r in records] == ["one", "two", "three"]
    assert records[1].timestamp.second == 5


def test_messages_spanning_blocks(monkeypatch):
    from casekit.importers import whatsapp_scan

    data = _export(VARIANTS["android_dmy_24"][0], False) * 5
    whole = list(get("whatsapp").parse(Source.from_bytes("c.txt", data), Options(timezone="UTC")))
    monkeypatch.setattr(whatsapp_scan, "BLOCK", 64)
    pieces = list(get("whatsapp").parse(Source.from_bytes("c.txt", data), Options(timezone="UTC")))
    assert pieces == whole
    assert len(pieces) == 5 * len(CHAT)
    assert pieces[3].text == CHAT[3][1]
    assert pieces[9].locator == "line 13"  # 9 lines per copy; the 4th message of the second copy


def test_invalid_utf8_names_the_line():
    data = b"14/03/2024, 12:30 - Maya: one\n14/03/2024, 12:31 - Maya: caf\xe9\n"
    with pytest.raises(ParseFailed) as failure:
        list(get("whatsapp").parse(Source.from_bytes("chat.txt", data), Options()))
    assert failure.value.where == "line 2"
    assert "chat.txt" in failure.value.message and "caf" not in failure.value.message


def test_text_before_the_first_header_is_refused():
    data = b"hello\n14/03/2024, 12:30 - Maya: one\n"
    assert get("whatsapp").sniff(data) == 0
    with pytest.raises(ParseFailed) as failure:
        list(get("whatsapp").parse(Source.from_bytes("chat.txt", data), Options()))
    assert failure.value.where == "line 1"


def test_impossible_date_names_the_line():
    data = b"14/03/2024, 12:30 - Maya: one\n31/02/2024, 12:31 - Maya: two\n"
    with pytest.raises(ParseFailed) as failure:
        list(get("whatsapp").parse(Source.from_bytes("chat.txt", data), Options()))
    assert failure.value.where == "line 2"


def test_utf16_export():
    data = "14/03/2024, 12:30 - Maya: one\n".encode("utf-16")
    (record,) = get("whatsapp").parse(Source.from_bytes("c.txt", data), Options(timezone="UTC"))
    assert record.text == "one"


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéàçñ", min_size=1, max_size=8)
_LINE = st.lists(_WORD, min_size=1, max_size=6).map(" ".join)
_MESSAGE = st.tuples(
    st.sampled_from(["Maya", "jake.skater09", "Alex Martin", "+1 613 555 0100", "Zoë"]),
    st.lists(_LINE, min_size=1, max_size=3).map("\n".join),
    st.datetimes(min_value=datetime(2010, 1, 1), max_value=datetime(2030, 12, 31)).map(
        lambda d: d.replace(second=0, microsecond=0)
    ),
)


@settings(max_examples=int(os.environ.get("CASEKIT_FUZZ_EXAMPLES", "60")), deadline=None)
@given(chat=st.lists(_MESSAGE, min_size=1, max_size=25), ios=st.booleans())
def test_round_trip_property(chat, ios):
    """Any chat written in WhatsApp's layout reads back to the same senders, texts and times."""
    fmt = "[{d}/{m}/{Y}, {H}:{M}:{S}] " if ios else "{d}/{m}/{Y}, {H}:{M} - "
    data = "".join(f"{_header(fmt, when)}{who}: {text}\n" for who, text, when in chat).encode()
    records = list(
        get("whatsapp").parse(Source.from_bytes("c.txt", data), Options(timezone="UTC", date_order="DMY"))
    )
    assert [(r.sender, r.text, r.timestamp.replace(tzinfo=None)) for r in records] == chat
