"""The importer registry: explicit, sorted, unique, documented; and the demo's chat step."""

from __future__ import annotations

from pathlib import Path

import pytest

import casekit.importers as api
from casekit.importers import registry

FORMATS = Path(registry.__file__).with_name("FORMATS.md").read_text(encoding="utf-8")


def test_modules_are_sorted_and_names_unique():
    assert list(registry.MODULES) == sorted(registry.MODULES)
    names = list(registry.importers())
    assert len(names) == len(set(names)) >= 15


def test_a_duplicate_name_stops_start_up(monkeypatch):
    with pytest.raises(RuntimeError, match="two importers are named 'instagram_json'"):
        registry.build(("meta_json", "meta_json"))
    with pytest.raises(RuntimeError, match="sorted"):
        registry.build(("whatsapp", "line"))


@pytest.mark.parametrize("name", sorted(registry.importers()))
def test_every_importer_is_documented(name):
    importer = registry.importers()[name]
    assert f"| `{name}` |" in FORMATS, f"{name} is missing from importers/FORMATS.md"
    assert importer.title and importer.platform


def test_public_api():
    assert sorted(api.__all__) == [
        "DateOrderUnknown", "ImportResult", "Importer", "Options", "ParseFailed", "Record", "Source",
        "detect", "get", "import_chats", "importers", "timeline",
    ]  # fmt: skip


def test_folder_names_break_the_instagram_messenger_tie():
    data = b'{"messages": [{"sender_name": "a", "timestamp_ms": 1, "content": "x"}]}'
    inside = api.Source.from_bytes(
        "export.zip!/your_instagram_activity/messages/inbox/a_1/message_1.json", data
    )
    assert api.detect(inside).name == "instagram_json"
    facebook = api.Source.from_bytes("fb/your_facebook_activity/messages/inbox/a_1/message_1.json", data)
    assert api.detect(facebook).name == "messenger_json"
    from casekit.importers.base import ParseFailed

    with pytest.raises(ParseFailed, match="--format"):
        api.detect(api.Source.from_bytes("message_1.json", data))


def test_demo_chats_step(home, monkeypatch):
    from casekit.demo import DemoContext, chats
    from casekit.demo import case as case_step
    from casekit.settings import Settings
    from casekit.store import Store

    said: list[str] = []
    store = Store(Settings.from_env())
    try:
        ctx = DemoContext(store=store, settings=Settings.from_env(), say=said.append)
        case_step.run(ctx)
        chats.run(ctx)
        messages = api.timeline(store, chats.demo_vault(ctx), ctx.case_id)
    finally:
        store.close()
    assert len(messages) == 23
    assert {m.platform for m in messages} == {"instagram", "whatsapp"}
    assert any("\U0001f60a" in m.text for m in messages)  # Instagram's escaped emoji, repaired
    assert any("23 made-up messages" in line for line in said)
