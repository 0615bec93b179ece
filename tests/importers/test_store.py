"""The messages store on SQLite and PostgreSQL: sealed content, time order, filters, case deletion."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from casekit.model import Case, Message
from casekit.store import CaseRepository
from casekit.store.messages import MessageRepository, new_import


class XorCipher:
    """A stand-in cipher for the repository's contract (the real one is AES-GCM, tested via the CLI)."""

    def seal(self, plaintext: bytes, aad: bytes) -> bytes:
        return bytes(b ^ 0x5A for b in plaintext) + b"|" + aad

    def open(self, sealed: bytes, aad: bytes) -> bytes:
        body, _, bound = sealed.rpartition(b"|")
        if bound != aad:
            raise ValueError("sealed for another message")
        return bytes(b ^ 0x5A for b in body)


def _message(case_id: str, n: int, when: datetime | None, platform: str = "whatsapp") -> Message:
    return Message(
        case_id=case_id, exhibit_sha256="cd" * 32, locator=f"line {n}", platform=platform, sender=f"p{n}",
        text=f"secret words {n}", timestamp=when, attachments=[{"name": f"f{n}.jpg"}],
    )  # fmt: skip


def test_round_trip_order_and_filters(any_store):
    with any_store.session() as s:
        case = CaseRepository(s).add(Case(title="store test"))
        repo = MessageRepository(s, XorCipher())
        chat = new_import(case.id, "cd" * 32, "chat.txt", "whatsapp", "whatsapp", timezone="UTC")
        stored = repo.add_import(
            chat,
            [
                _message(case.id, 1, datetime(2024, 3, 2, tzinfo=UTC)),
                _message(case.id, 2, None),
                _message(case.id, 3, datetime(2024, 3, 1, tzinfo=UTC), platform="telegram"),
            ],
        )
        assert stored == 3
    with any_store.session() as s:
        repo = MessageRepository(s, XorCipher())
        got = list(repo.for_case(case.id))
        assert [m.locator for m in got] == ["line 3", "line 1", "line 2"]  # time order, undated last
        assert got[0].text == "secret words 3" and got[0].attachments == [{"name": "f3.jpg"}]
        only = list(repo.for_case(case.id, platforms=["whatsapp"], start=datetime(2024, 3, 2, tzinfo=UTC)))
        assert [m.locator for m in only] == ["line 1"]
        assert repo.imports(case.id)[0].message_count == 3
        from sqlalchemy import text

        payloads = s.execute(text("select payload from messages")).scalars().all()
        assert all(b"secret words" not in bytes(p) for p in payloads)


def test_a_payload_moved_to_another_message_is_refused(any_store):
    with any_store.session() as s:
        case = CaseRepository(s).add(Case(title="store test"))
        repo = MessageRepository(s, XorCipher())
        repo.add_import(
            new_import(case.id, "cd" * 32, "c.txt", "whatsapp", "whatsapp"),
            [_message(case.id, 1, None), _message(case.id, 2, None)],
        )
        from sqlalchemy import text

        rows = s.execute(text("select id, payload from messages order by seq")).all()
        s.execute(text("update messages set payload = :p where id = :i"), {"p": rows[0][1], "i": rows[1][0]})
        with pytest.raises(ValueError):
            list(repo.for_case(case.id))


def test_vault_cipher_binds_content_to_its_message():
    import os

    from casekit.errors import ImportFailed
    from casekit.importers.pipeline import VaultCipher

    cipher = VaultCipher(os.urandom(32))
    sealed = cipher.seal(b"made-up words", b"message 1")
    assert b"made-up" not in sealed and cipher.open(sealed, b"message 1") == b"made-up words"
    assert cipher.seal(b"made-up words", b"message 1") != sealed  # a fresh nonce each time
    with pytest.raises(ImportFailed):
        cipher.open(sealed, b"message 2")
