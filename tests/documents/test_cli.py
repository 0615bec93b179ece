"""casekit brief | statement | letter | export, end to end on a real store, vault and law engine."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from casekit.documents import gather
from casekit.importers import Options, import_chats
from casekit.model import Case, Contact, Fact, Handle, Person, PersonRole, TimelineEvent
from casekit.settings import Settings
from casekit.store import (
    CaseRepository,
    ContactRepository,
    FactRepository,
    PersonRepository,
    Store,
    TimelineRepository,
)
from casekit.vault import Vault, keys

from .conftest import flat, pdf_text

FAST_KDF = keys.KdfParams(time_cost=1, memory_kib=64, parallelism=1)
FACTS = {
    "victim_age": 9,
    "platform": ["Snapchat"],
    "suspect_age": "adult",
    "suspect_requested_images": True,
    "victim_sent_intimate_image": True,
    "image_depicts_minor": True,
    "secrecy_requested": True,
}


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "DEFAULT_KDF", FAST_KDF)


@pytest.fixture
def seeded(store: Store, settings: Settings, tmp_path: Path) -> dict:
    case = Case(title="Snapchat contact with Mia (test)", jurisdiction="CA-ON")
    with store.session() as s:
        CaseRepository(s).add(case)
        people = PersonRepository(s)
        people.add(Person(case_id=case.id, role=PersonRole.victim, names=["Mia"], age=9))
        people.add(
            Person(case_id=case.id, role=PersonRole.reporter, names=["Claire"], location="Hamilton, ON")
        )
        people.add(
            Person(
                case_id=case.id,
                role=PersonRole.suspect,
                aliases=["Jake"],
                handles=[Handle(platform="Snapchat", value="skaterjake11")],
            )
        )
        for key, value in FACTS.items():
            FactRepository(s).set(Fact(case_id=case.id, key=key, value=value))
        ContactRepository(s).add(
            Contact(
                case_id=case.id,
                agency="Hamilton Police Service",
                officer_name="R. Dunn",
                file_number="HP26-1",
                outcome="Declined: nothing can be done",
            )
        )
        TimelineRepository(s).add(TimelineEvent(case_id=case.id, title="First contact"))
    screenshot = tmp_path / "profile.png"
    screenshot.write_bytes(b"not really a png, a screenshot stand-in")
    secret = tmp_path / "IMG_0001.jpg"
    secret.write_bytes(b"CANARY-intimate-image-bytes")
    vault = Vault(store, settings)
    vault.add(case.id, [screenshot])
    vault.add(case.id, [secret], sensitive=True, note="the image he asked for")
    chat = tmp_path / "WhatsApp Chat with skaterjake11.txt"
    chat.write_text(
        "03/10/2026, 18:05 - skaterjake11: hey u play roblox?\n"
        "03/10/2026, 18:06 - Mia: yes\n"
        "04/10/2026, 19:10 - skaterjake11: dont tell ur mom we talk ok?\n"
        "04/10/2026, 19:12 - skaterjake11: text me at 613-555-0143\n",
        encoding="utf-8",
    )
    import_chats(store, vault, case.id, [chat], Options(date_order="DMY", assumed_zone="America/Toronto"))
    return {"case_id": case.id, "vault": vault}


def test_gather_integrates_store_vault_and_law(store, seeded):
    bundle = gather(store, seeded["case_id"], vault=seeded["vault"])
    assert [e.label for e in bundle.exhibits] == ["E1", "E2", "E3"] and bundle.exhibits[1].stored is False
    assert [c.action for c in bundle.custody.entries][:3] == ["acquired", "acquired", "acquired"]
    assert bundle.custody.public_key_pem.startswith("-----BEGIN PUBLIC KEY-----")
    assert bundle.assessment is not None
    assert any(o.section.startswith("172.1") and o.status == "likely" for o in bundle.assessment.offences)
    assert "snapchat" in bundle.platforms and bundle.platforms["snapchat"].law_enforcement_url
    assert bundle.oversight is not None
    assert "assessment" not in bundle.gaps
    # The suspect's messages, not the child's, each citing the chat export exhibit and its line.
    assert [m.text for m in bundle.messages] == [
        "hey u play roblox?",
        "dont tell ur mom we talk ok?",
        "text me at 613-555-0143",
    ]
    # The analysis part flags secrecy and finds the phone number the suspect gave, citing the line.
    assert bundle.messages[1].reason == "secrecy"
    assert [(i.kind, i.value, i.exhibit, i.locator) for i in bundle.identifiers] == [
        ("phone", "+16135550143", "E3", "line 4")
    ]
    assert {m.exhibit for m in bundle.messages} == {"E3"} and bundle.messages[1].locator == "line 3"
    assert bundle.messages[0].timezone_assumed == "America/Toronto"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_brief_command_writes_a_pdf(cli, seeded, tmp_path, lang):
    out = tmp_path / f"brief-{lang}.pdf"
    result = cli("brief", "--case", seeded["case_id"], "--lang", lang, "-o", str(out))
    assert result.exit_code == 0, result.output
    text = pdf_text(out.read_bytes(), tmp_path)
    assert "172.1" in text and "skaterjake11" in text and "HP26-1" in text
    assert "dont tell ur mom we talk ok?" in text and "line 3" in text
    assert ("flagged: secrecy" if lang == "en" else "signalé : secret") in text
    assert "+16135550143" in text
    assert seeded["vault"].exhibits(seeded["case_id"])[1].sha256 in flat(text)
    assert ("Police brief" if lang == "en" else "Dossier à l'intention de la police") in text


def test_statement_letters_in_every_format(cli, seeded, tmp_path):
    case_id = seeded["case_id"]
    for args in (
        ["statement"],
        ["letter", "preservation"],
        ["letter", "escalation"],
        ["letter", "complaint"],
    ):
        for fmt in ("pdf", "docx", "md"):
            out = tmp_path / f"{'-'.join(args)}.{fmt}"
            result = cli(*args, "--case", case_id, "--format", fmt, "--lang", "fr", "-o", str(out))
            assert result.exit_code == 0, (args, fmt, result.output)
            assert out.stat().st_size > 0
    assert "skaterjake11" in (tmp_path / "letter-preservation.md").read_text()


def test_default_output_name(cli, seeded, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("brief", "--case", seeded["case_id"], "--format", "md")
    assert result.exit_code == 0
    assert (tmp_path / f"{seeded['case_id']}-brief-en.md").exists()


def test_bad_input_is_a_plain_error_with_status_2(cli, seeded, tmp_path):
    result = cli("brief", "--case", seeded["case_id"], "--format", "odt")
    assert result.exit_code == 2 and "odt" in result.output and "pdf, docx or md" in result.output
    result = cli("brief", "--case", seeded["case_id"], "--lang", "de")
    assert result.exit_code == 2 and "'de'" in result.output
    result = cli("brief", "--case", "nosuchcase00")
    assert result.exit_code == 2 and "nosuchcase00" in result.output
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    result = cli("brief", "--case", seeded["case_id"], "-o", str(blocked / "brief.pdf"))
    assert result.exit_code == 2 and "could not be written" in result.output
    assert "Traceback" not in result.output


def test_export_command_with_files_never_includes_the_sensitive_item(cli, seeded, tmp_path):
    case_id = seeded["case_id"]
    target = tmp_path / "package"
    result = cli("export", "--case", case_id, str(target), "--include-files")
    assert result.exit_code == 0, result.output
    assert "1 sensitive item(s)" in result.output
    check = subprocess.run(["bagit.py", "--validate", str(target)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr[-500:]
    files = sorted(p.name for p in (target / "data" / "files").iterdir())
    assert files == ["E1-profile.png", "E3-WhatsApp_Chat_with_skaterjake11.txt"]
    for path in target.rglob("*"):
        if path.is_file():
            assert b"CANARY-intimate-image-bytes" not in path.read_bytes()
    log = json.loads((target / "data" / "custody" / "custody-log.json").read_text())
    assert [e["action"] for e in log["entries"]][:3] == ["acquired"] * 3
    actions = [e.action for e in seeded["vault"].custody(case_id)]
    assert actions.count("exported") == 3  # E1's and E3's contents, and the package
    verification = json.loads((target / "data" / "custody" / "verification.json").read_text())
    assert verification["ok"] is True and verification["exhibits_checked"] == 3
    # The officer's offline check of the custody log, shipped in the package, passes; one changed byte fails it.
    checker = target / "data" / "custody" / "verify_custody.py"
    ok = subprocess.run([sys.executable, str(checker)], capture_output=True, text=True)
    assert ok.returncode == 0 and "hashes, links and signatures INTACT" in ok.stdout, ok.stdout
    tampered = tmp_path / "tampered.json"
    log["entries"][0]["actor"] = "someone else"
    tampered.write_text(json.dumps(log))
    bad = subprocess.run(
        [sys.executable, str(checker), str(tampered), str(checker.parent / "public-key.pem")],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1 and "entry 1: its content does not match its hash" in bad.stdout
    again = cli("export", "--case", case_id, str(target))
    assert again.exit_code == 2 and "already exists" in again.output


def test_without_the_passphrase_the_brief_is_written_and_says_why_messages_are_missing(
    cli, seeded, tmp_path, monkeypatch
):
    monkeypatch.delenv("CASEKIT_PASSPHRASE")
    out = tmp_path / "brief.md"
    result = cli("brief", "--case", seeded["case_id"], "--format", "md", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "locked with your passphrase" in result.output
    brief = out.read_text()
    assert "dont tell ur mom" not in brief and "Not yet recorded." in brief
    assert seeded["vault"].exhibits(seeded["case_id"])[0].sha256 in brief  # the index needs no passphrase


def test_statement_quotes_the_narrative_given_as_a_file(cli, seeded, store, tmp_path):
    story = tmp_path / "what happened.txt"
    story.write_text(
        "Le 3 octobre, Mia m'a montré les messages.\n\nJ'ai appelé la police le lendemain.", encoding="utf-8"
    )
    out = tmp_path / "statement.md"
    result = cli(
        "statement",
        "--case",
        seeded["case_id"],
        "--narrative",
        str(story),
        "--format",
        "md",
        "--lang",
        "fr",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert (
        "Le 3 octobre, Mia m'a montré les messages." in text and "J'ai appelé la police le lendemain." in text
    )
    assert "Dans mes propres mots" in text
    # Kept with the case: the next statement quotes it without the option.
    again = cli("statement", "--case", seeded["case_id"], "--format", "md", "-o", str(tmp_path / "again.md"))
    assert (
        again.exit_code == 0 and "J'ai appelé la police le lendemain." in (tmp_path / "again.md").read_text()
    )
    # Kept out of the facts (the law part's vocabulary): the assessment still runs on the stored facts,
    # and the brief, which is not the person's own statement, does not list it as an event.
    from casekit.law import assess
    from casekit.store import FactRepository

    with store.session() as s:
        stored = FactRepository(s).as_dict(seeded["case_id"])
    assert "narrative" not in stored
    assess(stored, "CA-ON")
    brief = cli("brief", "--case", seeded["case_id"], "--format", "md", "-o", str(tmp_path / "b.md"))
    assert brief.exit_code == 0 and "J'ai appelé" not in (tmp_path / "b.md").read_text()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00not text")
    result = cli("statement", "--case", seeded["case_id"], "--narrative", str(bad))
    assert result.exit_code == 2 and "bad.txt" in result.output and "UTF-8" in result.output


def test_a_place_without_a_law_pack_still_gets_every_document(cli, store, tmp_path):
    case = Case(title="Contact from abroad (test)", jurisdiction="FR")
    with store.session() as s:
        CaseRepository(s).add(case)
        FactRepository(s).set(Fact(case_id=case.id, key="victim_age", value=12))
    bundle = gather(store, case.id)
    assert bundle.assessment is None and {"assessment", "oversight"} <= bundle.gaps
    for args in (["brief"], ["statement"], ["letter", "complaint"]):
        out = tmp_path / f"{args[-1]}.md"
        result = cli(*args, "--case", case.id, "--format", "md", "-o", str(out))
        assert result.exit_code == 0, result.output
    assert "Not yet recorded." in (tmp_path / "brief.md").read_text()
    assert "oversight body for FR" in (tmp_path / "complaint.md").read_text()
