"""WhatsApp's fast lane (``whatsapp_fast``) against the general reader: the same records, field for field,
on messages made to trip each of the fast lane's shortcuts — deleted notices and calls in any case,
media, ")" and "\\r" endings, blank and whitespace-only lines, direction marks, events, names with
quotes, stamp-like continuation lines — in one block and cut into many small blocks."""

from __future__ import annotations

import os
import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.importers import (
    Options,
    ParseFailed,
    Source,
    get,
    whatsapp,
    whatsapp_fast,
    whatsapp_helper,
    whatsapp_scan,
)
from casekit.importers.whatsapp_kinds import CALL, DELETED_PHRASES

BODIES = [
    "hi",
    "you there?",
    "You deleted this message",
    "YOU DELETED THIS MESSAGE.",
    "you deleted this message  ",
    "This message was deleted",
    "ſe eliminó este mensaje",
    "Это сообщение удалено",
    "Missed voice call",
    "Missed voice call ",
    "Video call",
    "voice call",
    "<Media omitted>",
    "IMG-0001.jpg (file attached)",
    "you IMG-0001.jpg (file attached) ",
    "see you :)",
    "ok\r\r",  # "\r\r\n" reads as a line ending in "\r" ("\r\n" is a plain line end)
    "\u200eimage omitted",
    "\u200fimage omitted",
    "\u202ahello",
    "you deleted\u200e this message",
    "<attached: 00000042-PHOTO.jpg>",
    "edited text <This message was edited>",
    "first line\nsecond line",
    "first line\n\nafter a blank line",
    "trailing blank\n\n",
    "trailing spaces\n   \n",
    "you\nsecond line",
    "Voice call\nnext line",
    "a line\n14/03/2024 is not a header",
    "a line\n[not a header]",
    "",
    "time: 9pm ok?",
]
HEADS = ["Maya: ", "jake.skater09: ", "Alex Martin: ", "Zoë: ", "\u200eMaya: ", "Dr:Who: ", ""]
EVENTS = [
    "Maya added Jake",
    'Maya changed the subject to "plans: Friday"',
    "Messages and calls are end-to-end encrypted. Tap to learn more.",
    "Maya:.",
]


def _records(data: bytes, fast: bool, block: int | None = None) -> list:
    with pytest.MonkeyPatch.context() as patch:
        if not fast:
            patch.setattr(whatsapp.FastReader, "fits", staticmethod(lambda first: False))
        if block is not None:
            patch.setattr(whatsapp_scan, "BLOCK", block)
        source = Source.from_bytes("c.txt", data)
        return list(get("whatsapp").parse(source, Options(timezone="UTC", date_order="DMY")))


def _chat(lines: list[str], mark_date: set[int] = frozenset(), ios: bool = False) -> bytes:
    out = []
    for index, line in enumerate(lines):
        day, hour, minute = 1 + index // 1440, index // 60 % 24, index % 60
        head = (
            f"[{day:02d}/03/2024, {hour:02d}:{minute:02d}:07] "
            if ios
            else f"{day:02d}/03/2024, {hour:02d}:{minute:02d} - "
        )
        out.append(("\u200e" if index in mark_date else "") + head + line + "\n")
    return "".join(out).encode()


def _same(data: bytes) -> None:
    slow = _records(data, False)
    assert _records(data, True) == slow
    for block in (64, 300):
        assert _records(data, True, block) == slow


def test_every_tricky_message_reads_as_the_general_reader_reads_it():
    lines = [head + body for head in HEADS for body in BODIES] + EVENTS
    _same(_chat(lines))
    _same(_chat(lines, mark_date={3, 10, 40}))
    _same(_chat(lines, ios=True))
    _same(_chat(lines, mark_date=set(range(0, len(lines), 3)), ios=True))


def test_tricky_message_alone_in_a_clean_block():
    """Each tricky message among plain ones, so the block-wide checks (")", "<", marks, blank lines)
    see only that message's characters."""
    for body in BODIES:
        for head in HEADS:
            for ios in (False, True):
                lines = ["Maya: hi", head + body, "Maya: later\nstill later", "Maya: bye"]
                _same(_chat(lines, mark_date={1}, ios=ios))
                _same(_chat(lines, ios=ios))


@settings(max_examples=int(os.environ.get("CASEKIT_FUZZ_EXAMPLES", "60")), deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(HEADS), st.sampled_from(BODIES)).map("".join) | st.sampled_from(EVENTS),
        min_size=1,
        max_size=40,
    ),
    st.sets(st.integers(0, 39), max_size=3),
    st.booleans(),
)
def test_fast_lane_equals_general_reader_property(lines, mark_date, ios):
    _same(_chat(lines, mark_date, ios))


def test_the_deleted_and_call_flag_covers_every_case_variant():
    """The phrase test (``_PHRASE``) must be tried wherever DELETED or CALL could match: its guard lets
    through every character that IGNORECASE equates with a phrase's first letter."""
    guard = re.compile(re.search(r"\(\?=(\[[^\]]*\])\)", whatsapp_fast._PHRASE).group(1))
    letters = "".join(sorted({phrase[0] for phrase in DELETED_PHRASES}))
    deleted_first = re.compile(f"[{letters}]", re.IGNORECASE)
    firsts = [chr(code) for code in range(sys.maxunicode + 1) if deleted_first.match(chr(code))]
    assert len(firsts) > 2 * len(letters)  # both cases, and the odd ones ("ſ" for "s")
    assert all(guard.match(first) for first in [*firsts, "M", "V", "S"])
    assert set(re.findall("[A-Z]", CALL.pattern)) == set("MVS")  # CALL is case-sensitive


def _with_helpers(data: bytes, block: int) -> list:
    """The records read with a helper process cutting the blocks (``whatsapp_helper``), however
    small the file and however many cores."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(whatsapp_helper, "HELPER_MIN", 0)
        patch.setattr(whatsapp_helper, "_cores", lambda: 2)
        return _records(data, True, block)


def test_helpers_cut_as_this_process_does():
    lines = [head + body for head in HEADS for body in BODIES] + EVENTS
    for ios in (False, True):
        data = _chat(lines, mark_date={3, 10, 40}, ios=ios)
        slow = _records(data, False)
        for block in (64, 300, 4096):
            assert _with_helpers(data, block) == slow


@settings(max_examples=int(os.environ.get("CASEKIT_FUZZ_EXAMPLES", "60")) // 4, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(HEADS), st.sampled_from(BODIES)).map("".join) | st.sampled_from(EVENTS),
        min_size=1,
        max_size=40,
    ),
    st.booleans(),
)
def test_helpers_equal_general_reader_property(lines, ios):
    data = _chat(lines, ios=ios)
    assert _with_helpers(data, 200) == _records(data, False)


def test_a_helper_that_cannot_work_leaves_the_cutting_here(monkeypatch):
    """A helper that exits at once (here: an interpreter that is not one) changes nothing."""
    data = _chat([head + body for head in HEADS for body in BODIES])
    monkeypatch.setattr(
        whatsapp_helper.sys, "executable", "/bin/false" if os.path.exists("/bin/false") else ""
    )
    assert _with_helpers(data, 300) == _records(data, False)


def test_helpers_stop_where_the_file_changes_shape():
    """A later block holding a header of another shape is read, from there on, by the general pattern."""
    lines = [f"Maya: message {n}" for n in range(60)]
    data = _chat(lines) + b"14.03.24, 12:30 - Maya: dotted\n" + _chat(lines[:5])
    records = _with_helpers(data, 300)
    assert records == _records(data, False)
    assert [r.text for r in records][60] == "dotted"


def test_helpers_name_the_line_of_an_impossible_date():
    data = _chat([f"Maya: message {n}" for n in range(60)]) + b"31/02/2024, 12:31 - Maya: two\n"
    with pytest.raises(ParseFailed) as failure:
        _with_helpers(data, 300)
    assert failure.value.where == "line 61"


@pytest.mark.skipif(os.name != "posix", reason="the silent helper is a shell script")
def test_a_helper_that_hangs_is_given_up(monkeypatch, tmp_path):
    """A helper that never answers is ended after a while, and the blocks are cut here."""
    silent = tmp_path / "silent"
    silent.write_text("#!/bin/sh\nexec sleep 30\n")
    silent.chmod(0o755)
    monkeypatch.setattr(whatsapp_helper.sys, "executable", str(silent))
    monkeypatch.setattr(whatsapp_helper, "_PATIENCE", 0.2)
    data = _chat([f"Maya: message {n}" for n in range(40)])
    assert _with_helpers(data, 300) == _records(data, False)


def test_helpers_end_with_the_reading(monkeypatch):
    """A reader dropped halfway leaves no helper running."""
    started = []

    class Recorded(whatsapp_helper.subprocess.Popen):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self)

    monkeypatch.setattr(whatsapp_helper.subprocess, "Popen", Recorded)
    monkeypatch.setattr(whatsapp_helper, "HELPER_MIN", 0)
    monkeypatch.setattr(whatsapp_helper, "_cores", lambda: 2)
    monkeypatch.setattr(whatsapp_scan, "BLOCK", 300)
    data = _chat([f"Maya: message {n}" for n in range(200)])
    records = get("whatsapp").parse(
        Source.from_bytes("c.txt", data), Options(timezone="UTC", date_order="DMY")
    )
    assert next(records).text == "message 0"
    assert started and all(process.poll() is None for process in started)
    del records
    assert all(process.returncode is not None for process in started)


def test_helpers_hand_on_what_precedes_an_unreadable_block():
    """Blocks read ahead for a helper do not bring an encoding error forward: the records before it
    come first, as when the blocks are cut here."""
    settled = b"14/03/2024, 00:00 - Maya: the first day above 12 settles the date order\n"
    data = settled + _chat([f"Maya: message {n}" for n in range(80)]) + b"01/03/2024, 23:59 - Maya: caf\xe9\n"

    def before_the_error(helpers: bool) -> tuple[int, str]:
        got = []
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(whatsapp_helper, "HELPER_MIN", 0 if helpers else 1 << 60)
            patch.setattr(whatsapp_helper, "_cores", lambda: 2)
            patch.setattr(whatsapp_scan, "BLOCK", 300)
            with pytest.raises(ParseFailed) as failure:
                for record in get("whatsapp").parse(
                    Source.from_bytes("c.txt", data), Options(date_order="DMY")
                ):
                    got.append(record)
        return len(got), failure.value.where

    assert before_the_error(True) == before_the_error(False)
    assert before_the_error(True)[0] > 70
