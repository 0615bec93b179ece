"""Hypothesis fuzzing of every importer: whatever the bytes, an importer either yields records or raises
casekit's ImportFailed naming the file and a place — never another exception.

Examples per importer stay modest so the suite stays fast; set CASEKIT_FUZZ_EXAMPLES=2000 for a long run.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casekit.errors import ImportFailed
from casekit.importers import Options, ParseFailed, Source, importers

EXAMPLES = int(os.environ.get("CASEKIT_FUZZ_EXAMPLES", "40"))
DATA = Path(__file__).parent / "data"
SEEDS = sorted(p for p in DATA.rglob("*") if p.is_file() and p.suffix in (".txt", ".json", ".htm"))
NAMES = sorted(importers())
FRAGMENTS = [
    "14/03/2024, 12:30 - ", "[14/03/2024, 12:30:05] ", "3/6/18, 1:55 p.m. - ", "\u200e", "\u202f", "Maya: ",
    "<Media omitted>", "<attached: a.jpg>", "\n", ": ", '"', "{", "}", "[", "]", '"messages": [', "\t",
    "31/02/2024, 25:61 - ", "Mon, 8/19/2019\n", "10:00\tJake\thi\n", "<smses>", "<sms date=\"x\"/>",
    "ID,Timestamp,Contents,Attachments\n", "2024-03-02 21:40:30", '"timestamp_ms": 1', "\r\n", "\xe9",
]  # fmt: skip
OPTIONS = Options(timezone="UTC", date_order="DMY")


def _check(importer: str, data: bytes) -> None:
    source = Source.from_bytes("fuzz.bin", data)
    try:
        for record in importers()[importer].parse(source, OPTIONS):
            assert record.locator
    except ParseFailed as failure:
        assert failure.where and failure.file == "fuzz.bin"
    except ImportFailed as failure:  # whole-file refusals (zone, importer) still name what they refuse
        assert str(failure)


def _mutations() -> st.SearchStrategy[bytes]:
    seeded = st.sampled_from(SEEDS).flatmap(
        lambda path: st.tuples(st.just(path.read_bytes()), st.integers(0, 4000), st.binary(max_size=20)).map(
            lambda t: t[0][: t[1]] + t[2] + t[0][t[1] + len(t[2]) :]
        )
    )
    spliced = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=30).map(
        lambda parts: "".join(parts).encode("utf-8", "surrogatepass")
    )
    return st.one_of(st.binary(max_size=600), seeded, spliced)


@pytest.mark.parametrize("importer", NAMES)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_mutations())
def test_importer_raises_only_located_errors(importer, data):
    _check(importer, data)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(
        st.sampled_from(["messages", "sender_name", "timestamp_ms", "content", "type", "date", "from", "text",
                         "guild", "channel", "author", "timestamp", "chats", "list", "From", "Created"]),
        inner, max_size=5),
    max_leaves=20,
)  # fmt: skip


@pytest.mark.parametrize("importer", NAMES)
@settings(max_examples=EXAMPLES, deadline=None)
@given(value=JSON_VALUES)
def test_json_shapes_raise_only_located_errors(importer, value):
    _check(importer, json.dumps(value).encode())
