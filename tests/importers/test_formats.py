"""Formats with no public sample export: small synthetic files in each layout, read back field by field.
All names and texts are made up."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from casekit.importers import Options, ParseFailed, Source, detect, get

UTC_ONLY = Options(timezone="UTC")


def _read(name: str, data: bytes | str, importer: str, options: Options = UTC_ONLY):
    raw = data.encode() if isinstance(data, str) else data
    source = Source.from_bytes(name, raw)
    found = detect(source)
    assert found is not None and found.name == importer, found
    return list(get(importer).parse(source, options))


def test_snapchat_old_layout():
    doc = {
        "Received Saved Chat History": [
            {
                "From": "jake.skater09",
                "Media Type": "TEXT",
                "Created": "2024-03-02 21:40:30 UTC",
                "Text": "hey",
            }
        ],
        "Sent Saved Chat History": [
            {"To": "jake.skater09", "Media Type": "MEDIA", "Created": "2024-03-02 21:41:00 UTC", "Text": ""}
        ],
    }
    records = _read("chat_history.json", json.dumps(doc), "snapchat")
    assert [(r.sender, r.kind, r.locator) for r in records] == [
        ("jake.skater09", "message", "$['Received Saved Chat History'][0]"),
        ("(me)", "media", "$['Sent Saved Chat History'][0]"),
    ]
    assert records[0].timestamp == datetime(2024, 3, 2, 21, 40, 30, tzinfo=UTC)
    assert records[1].recipients == ("jake.skater09",)


def test_snapchat_new_layout():
    doc = {
        "jake.skater09": [
            {
                "From": "jake.skater09",
                "Media Type": "TEXT",
                "Created": "2024-03-02 21:40:30 UTC",
                "Content": "add me on the other app",
                "Conversation Title": None,
                "IsSender": False,
                "Created(microseconds)": 1709415630000,
            }
        ]
    }
    (record,) = _read("chat_history.json", json.dumps(doc), "snapchat")
    assert (record.sender, record.text, record.conversation) == (
        "jake.skater09",
        "add me on the other app",
        "jake.skater09",
    )
    assert record.timestamp == datetime(2024, 3, 2, 21, 40, 30, tzinfo=UTC)


def test_discord_package_csv_and_json():
    csv_text = (
        "ID,Timestamp,Contents,Attachments\n"
        '1,2024-03-02 21:40:30.123000+00:00,"hi, there",\n'
        "2,2024-03-02 21:41:00+00:00,,https://cdn.example/a.png\n"
    )
    records = _read("messages/c123456789/messages.csv", csv_text, "discord_package")
    assert [(r.text, r.kind, r.locator, r.conversation) for r in records] == [
        ("hi, there", "message", "line 2", "channel 123456789"),
        ("", "media", "line 3", "channel 123456789"),
    ]
    assert records[0].sender == "(account owner)"
    doc = [{"ID": 1, "Timestamp": "2024-03-02 21:40:30", "Contents": "hi", "Attachments": ""}]
    (record,) = _read("messages/c1234567/messages.json", json.dumps(doc), "discord_package")
    assert record.timestamp == datetime(2024, 3, 2, 21, 40, 30, tzinfo=UTC)


def test_discord_chat_exporter_csv():
    text = (
        "AuthorID,Author,Date,Content,Attachments,Reactions\n"
        '"111","jake#0001","2024-03-02T21:40:30.000-05:00","hello\nthere","",""\n'
        '"222","maya#0002","2024-03-02T21:41:00.000-05:00","","https://cdn.example/x.png",""\n'
    )
    records = _read("channel.csv", text, "discord_dce_csv")
    assert [(r.sender, r.sender_id, r.text, r.kind) for r in records] == [
        ("jake#0001", "111", "hello\nthere", "message"),
        ("maya#0002", "222", "", "media"),
    ]
    assert records[0].timestamp.utcoffset().total_seconds() == -5 * 3600
    assert [r.locator for r in records] == ["line 2", "line 4"]  # where each row starts


IMESSAGE = """May 17, 2022  5:29:42 PM (Read by you after 1 minute)
+15555550123
Hello! do you like skating

May 17, 2022  5:30:10 PM
Me
who is this?
it's late

"""


def test_imessage_exporter_txt():
    records = _read("+15555550123.txt", IMESSAGE, "imessage", Options(timezone="America/Toronto"))
    assert [(r.sender, r.text, r.locator) for r in records] == [
        ("+15555550123", "Hello! do you like skating", "line 1"),
        ("(me)", "who is this?\nit's late", "line 5"),
    ]
    assert records[0].timestamp.hour == 17 and str(records[0].timestamp.tzinfo) == "America/Toronto"


def test_generic_csv_with_a_mapping():
    text = "When;Who;Said\n02/03/2024 21:40;jake;hi\n25/03/2024 09:00;maya;bye\n"
    options = Options(timezone="UTC", columns={"time": "When", "sender": "Who", "text": "Said"})
    records = list(get("csv").parse(Source.from_bytes("x.csv", text.encode()), options))
    assert [(r.sender, r.text, r.timestamp.day, r.timestamp.month) for r in records] == [
        ("jake", "hi", 2, 3),
        ("maya", "bye", 25, 3),
    ]


def test_generic_csv_guesses_common_columns_and_refuses_missing_ones():
    text = "timestamp,from,message\n2024-03-02T21:40:30Z,jake,hi\n"
    (record,) = _read("x.csv", text, "csv")
    assert (
        record.timestamp == datetime(2024, 3, 2, 21, 40, 30, tzinfo=UTC) and record.timezone_assumed is None
    )
    bad = Options(columns={"time": "Nope", "text": "message"})
    with pytest.raises(ParseFailed) as failure:
        list(get("csv").parse(Source.from_bytes("x.csv", text.encode()), bad))
    assert "Nope" in failure.value.message and failure.value.where == "line 1"


META_HTML = """<html><head><title>jake.skater09</title></head><body>
<div class="pam _3-95 _2ph- _a6-g uiBoxWhite noborder"><div class="_3-95 _2pim _a6-h _a6-i">jake.skater09</div>
<div class="_3-95 _a6-p"><div><div></div><div>don&#039;t tell your parents ok</div></div></div>
<div class="_3-94 _a6-o">Mar 2, 2024, 9:40 PM</div></div>
<div class="pam _3-95 _2ph- _a6-g uiBoxWhite noborder"><div class="_3-95 _2pim _a6-h _a6-i">Maya</div>
<div class="_3-95 _a6-p"><div><div></div><div>ok</div></div></div>
<div class="_3-94 _a6-o">Mar 2, 2024, 9:41 PM</div></div>
</body></html>"""


def test_meta_html_per_thread_layout():
    records = _read("message_1.html", META_HTML, "messenger_html", Options(assumed_zone="America/Toronto"))
    assert [(r.sender, r.text) for r in records] == [
        ("jake.skater09", "don't tell your parents ok"),
        ("Maya", "ok"),
    ]
    assert records[0].timezone_assumed == "America/Toronto"
    assert records[0].conversation == "jake.skater09"


def test_instagram_html_is_told_from_messenger_html():
    page = META_HTML.replace("<title>jake.skater09</title>", "<title>jake.skater09 | Instagram</title>")
    (first, _second) = _read("message_1.html", page, "instagram_html", Options(assumed_zone="UTC"))
    assert first.platform == "instagram"


def test_sms_mms_and_refusal_of_entities():
    xml = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<smses count="2">
  <sms protocol="0" address="+15555550123" date="1709415630000" type="1" body="hi" contact_name="(Unknown)" />
  <mms date="1709415690000" msg_box="2" address="+15555550123" contact_name="Jake">
    <parts><part ct="application/smil" text="x"/><part ct="text/plain" text="a photo"/>
    <part ct="image/jpeg" cl="IMG_1.jpg"/></parts>
    <addrs><addr address="+15555550100" type="137"/><addr address="+15555550123" type="151"/></addrs>
  </mms>
</smses>"""
    records = _read("sms.xml", xml, "sms_backup")
    assert [(r.sender, r.text, r.kind, r.locator) for r in records] == [
        ("+15555550123", "hi", "message", "record 1"),
        ("(me)", "a photo", "message", "record 2"),
    ]
    assert records[1].attachments == ({"name": "IMG_1.jpg", "type": "image/jpeg"},)
    evil = (
        '<?xml version="1.0"?><!DOCTYPE smses [<!ENTITY a "aaaa">]><smses><sms date="1" body="&a;"/></smses>'
    )
    with pytest.raises(ParseFailed) as failure:
        list(get("sms_backup").parse(Source.from_bytes("sms.xml", evil.encode()), UTC_ONLY))
    assert "entities" in failure.value.message


def test_telegram_service_and_local_dates():
    doc = {
        "name": "Jake",
        "type": "personal_chat",
        "messages": [
            {"id": 1, "type": "service", "date": "2024-03-02T21:40:30", "actor": "Jake", "action": "phone_call"},
            {"id": 2, "type": "message", "date": "2024-03-02T21:41:00", "from": "Jake", "from_id": "user1",
             "text": ["see ", {"type": "link", "text": "https://example.org"}], "edited": "2024-03-02T21:42:00"},
        ],
    }  # fmt: skip
    records = _read("result.json", json.dumps(doc), "telegram", Options(assumed_zone="Europe/Paris"))
    assert [(r.kind, r.sender, r.text) for r in records] == [
        ("call", None, "Jake: phone_call"),
        ("message", "Jake", "see https://example.org"),
    ]
    assert records[1].edited and records[1].timezone_assumed == "Europe/Paris"


def test_line_ambiguous_day_headers_ask():
    from casekit.importers import DateOrderUnknown

    text = "\ufeffChat history with Jake\nSaved on: 3/4/2024, 10:00\n\nMon, 3/4/2024\n10:00\tJake\thi\n"
    with pytest.raises(DateOrderUnknown):
        _read("line.txt", text, "line", Options())
    (record,) = list(get("line").parse(Source.from_bytes("l.txt", text.encode()), Options(date_order="MDY")))
    assert record.timestamp.month == 3 and record.sender == "Jake"
