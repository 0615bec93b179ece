"""Identifiers and indicators found in made-up messages, each citing the message it came from."""

from __future__ import annotations

from casekit.analysis import analyse, find_identifiers, find_indicators, load_rules
from casekit.analysis.indicators import CATEGORIES
from casekit.model import Message

SHA = "ab" * 32


def _m(text: str, n: int, sender: str = "jake.skater09", kind: str = "message") -> Message:
    return Message(
        id=f"m{n}", case_id="c1", exhibit_sha256=SHA, locator=f"line {n}", platform="instagram",
        sender=sender, text=text, kind=kind,
    )  # fmt: skip


CHAT = [
    _m("hey r u the girl from the skate video? im 12 too", 1),
    _m("whats ur snap? this app is boring. add me on snap: jake_sk8_09", 2),
    _m("dont tell ur mom we talk ok. its our secret", 3),
    _m("send me a pic of u, just us", 4),
    _m("r u alone? do ur parents check ur phone", 5),
    _m("send $200 in gift cards or i'll post the pics. everyone will see", 6),
    _m("call me 613-555-0142 or mail jake09@example.com, pay to $jakeskate or paypal.me/jake09", 7),
    _m("i want to die", 8, sender="Maya"),
    _m("Maya added jake.skater09", 9, sender=None, kind="system"),
    _m("see you at practice", 10, sender="Coach"),
]


def test_identifiers_cite_their_message():
    found = {(i.kind, i.value, i.platform, i.locator) for i in find_identifiers(CHAT, region="CA")}
    assert ("handle", "jake_sk8_09", "snapchat", "line 2") in found
    assert ("phone", "+16135550142", None, "line 7") in found
    assert ("email", "jake09@example.com", None, "line 7") in found
    assert ("payment", "$jakeskate", "cashapp", "line 7") in found
    assert any(kind == "payment" and "paypal.me/jake09" in value for kind, value, _, _ in found)
    assert not any(i.locator == "line 10" for i in find_identifiers(CHAT))
    first = find_identifiers(CHAT)[0]
    assert first.exhibit_sha256 == SHA and first.message_id.startswith("m") and SHA[:12] in first.cites


def test_indicators_by_category_self_harm_first():
    found = find_indicators(CHAT)
    assert found[0].category == "self_harm" and found[0].locator == "line 8"
    by_line = {}
    for f in found:
        by_line.setdefault(f.locator, set()).add(f.category)
    assert by_line["line 1"] == {"age_talk"}
    assert "platform_move" in by_line["line 2"]
    assert by_line["line 3"] == {"secrecy"}
    assert by_line["line 4"] == {"image_request"}
    assert by_line["line 5"] == {"supervision_probe"}
    assert by_line["line 6"] == {"sextortion_demand"}
    assert "line 9" not in by_line and "line 10" not in by_line  # events and ordinary talk: nothing


def test_french_phrases():
    found = find_indicators([_m("ne dis rien à ta mère, c'est notre secret. envoie-moi une photo", 1)])
    assert {f.category for f in found} == {"secrecy", "image_request"}


def test_rules_are_well_formed():
    rules = load_rules()
    assert len({r.id for r in rules}) == len(rules)
    assert {r.category for r in rules} <= set(CATEGORIES)
    assert all(r.note for r in rules)


def test_analyse_bundles_both():
    result = analyse(CHAT)
    assert result.identifiers and result.indicators


def test_findings_command(cli, tmp_path, monkeypatch):
    import json

    from casekit.vault import keys

    monkeypatch.setattr(keys, "DEFAULT_KDF", keys.KdfParams(time_cost=1, memory_kib=64, parallelism=1))
    case_id = json.loads(cli("case", "new", "findings (made up)", "--json").stdout)["id"]
    chat = tmp_path / "chat.txt"
    chat.write_text(
        "14/03/2024, 20:10 - jake.skater09: dont tell ur mom. add me on snap: jake_sk8_09\n"
        "14/03/2024, 20:11 - Maya: i want to die\n",
        encoding="utf-8",
    )
    assert cli("import", "--case", case_id, str(chat), "--timezone", "UTC").exit_code == 0
    result = cli("findings", "--case", case_id, "--json")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["indicators"][0]["category"] == "self_harm" and found["indicators"][0]["locator"] == "line 2"
    assert {"secrecy", "platform_move"} <= {i["category"] for i in found["indicators"]}
    (handle,) = [i for i in found["identifiers"] if i["kind"] == "handle"]
    assert handle["value"] == "jake_sk8_09" and handle["locator"] == "line 1"
    readable = cli("findings", "--case", case_id)
    assert "9-8-8" in readable.stdout and "newswire.ca" in readable.stdout
