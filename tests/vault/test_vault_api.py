"""The Vault as other parts of casekit use it: add, dedup, zips, read, custody, sensitive items."""

from __future__ import annotations

import os
import tempfile
import zipfile
from functools import partial
from pathlib import Path

import pytest
from PIL import Image

from casekit.errors import CaseNotFound, VaultError
from casekit.settings import Settings
from casekit.store import Store
from casekit.vault import CustodyAction, Vault, purge_case
from casekit.vault.crypto import CHUNK_SIZE
from casekit.vault.packs import LOOSE_SUFFIX, PACK_SUFFIX, case_dir, packs_dir

CANARY = "CANARY-7f3e-do-not-leak"


def _screenshot(path: Path, colour: tuple[int, int, int] = (40, 90, 200)) -> Path:
    image = Image.new("RGB", (360, 640), colour)
    for y in range(0, 640, 40):
        for x in range(0, 360, 3):
            image.putpixel((x, y), (255, 255, 255))
    image.save(path, "JPEG", quality=90)
    return path


def test_add_files_folders_and_dedup(vault: Vault, case_id: str, inbox: Path) -> None:
    (inbox / "note.txt").write_text("hello")
    (inbox / "sub").mkdir()
    (inbox / "sub" / "copy.txt").write_text("hello")  # same bytes: one exhibit
    (inbox / "sub" / "other.txt").write_text("other")
    added = vault.add(case_id, [inbox])
    assert [e.label for e in added] == ["E1", "E2"]
    assert added[0].original_name == "note.txt" and added[0].stored and not added[0].sensitive
    again = vault.add(case_id, [inbox / "sub" / "other.txt"])
    assert [e.label for e in again] == ["E2"]
    assert len(vault.exhibits(case_id)) == 2
    assert [c.action for c in vault.custody(case_id)] == [CustodyAction.acquired] * 2


def test_round_trip_empty_one_byte_and_text(vault: Vault, case_id: str, inbox: Path) -> None:
    (inbox / "empty").write_bytes(b"")
    (inbox / "one").write_bytes(b"\x00")
    (inbox / "chat.txt").write_text("ligne avec accents éà\n", encoding="utf-8")
    for e in vault.add(case_id, [inbox]):
        assert vault.read(case_id, e.sha256) == (inbox / e.original_name).read_bytes()
        assert e.size == (inbox / e.original_name).stat().st_size


@pytest.mark.slow
def test_round_trip_larger_than_64_mib(vault: Vault, case_id: str, inbox: Path) -> None:
    big = inbox / "video.mp4"
    data = os.urandom(64 * 1024 * 1024 + 777)
    big.write_bytes(data)
    (exhibit,) = vault.add(case_id, [big])
    assert exhibit.size == len(data)
    seen = bytearray()
    for chunk in vault.stream(case_id, exhibit.sha256):
        assert len(chunk) <= 1 << 20  # streamed, not read whole
        seen += chunk
    assert bytes(seen) == data


def test_zip_members_become_exhibits_citing_their_container(vault: Vault, case_id: str, inbox: Path) -> None:
    archive = inbox / "chat.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("WhatsApp Chat with Jake.txt", "12/01/2024, 10:00 - Jake: hi\n")
        zf.writestr("media/IMG-1.jpg", _screenshot(inbox / "s.jpg").read_bytes())
    (inbox / "s.jpg").unlink()
    zipped, chat, image = vault.add(case_id, [archive])
    assert zipped.media_type == "application/zip" and "container" not in zipped.metadata
    assert chat.original_path == f"{archive.resolve()}!/WhatsApp Chat with Jake.txt"
    assert chat.metadata["container"] == zipped.sha256 == image.metadata["container"]
    assert image.media_type == "image/jpeg" and image.pdq and image.md5 and image.pdq_quality is not None
    assert vault.read(case_id, chat.sha256).startswith(b"12/01/2024")
    assert vault.get(case_id, "E2").sha256 == chat.sha256


def test_get_by_number_label_hash_and_prefix(vault: Vault, case_id: str, inbox: Path) -> None:
    (inbox / "a.txt").write_text("a")
    (exhibit,) = vault.add(case_id, [inbox / "a.txt"])
    for ref in (1, "1", "E1", "e1", exhibit.sha256, exhibit.sha256[:8]):
        assert vault.get(case_id, ref).sha256 == exhibit.sha256
    with pytest.raises(VaultError, match="no exhibit 'E9'"):
        vault.get(case_id, "E9")


def test_unknown_case_and_missing_path_are_plain_errors(vault: Vault, case_id: str, inbox: Path) -> None:
    with pytest.raises(CaseNotFound):
        vault.add("nosuchcase00", [inbox])
    with pytest.raises(VaultError, match="no file or folder"):
        vault.add(case_id, [inbox / "missing.jpg"])
    assert vault.exhibits(case_id) == []


def test_reading_with_a_purpose_logs_a_viewed_entry(vault: Vault, case_id: str, inbox: Path) -> None:
    (inbox / "chat.txt").write_text("x")
    (exhibit,) = vault.add(case_id, [inbox / "chat.txt"])
    vault.read(case_id, exhibit.sha256, purpose="read by the WhatsApp importer", actor="importer:whatsapp")
    entry = vault.custody(case_id)[-1]
    assert (entry.action, entry.actor, entry.exhibit_sha256) == (
        "viewed",
        "importer:whatsapp",
        exhibit.sha256,
    )
    assert entry.prev_hash == vault.custody(case_id)[0].entry_hash and entry.signature


def test_sensitive_items_are_hash_only(vault: Vault, case_id: str, inbox: Path, settings: Settings) -> None:
    picture = _screenshot(inbox / "IMG_0001.jpg", (200, 150, 140))
    (exhibit,) = vault.add(case_id, [picture], sensitive=True)
    assert exhibit.sensitive and not exhibit.stored
    assert exhibit.md5 and exhibit.pdq and exhibit.original_path == str(picture.resolve())
    kept = [p for p in case_dir(settings, case_id).rglob("*") if p.suffix in (PACK_SUFFIX, LOOSE_SUFFIX)]
    assert not kept  # no pack, no blob: nothing of the picture was written
    with pytest.raises(VaultError, match="sensitive item"):
        vault.read(case_id, exhibit.sha256)
    with pytest.raises(VaultError, match="sensitive item"):
        vault.open_to(case_id, "E1", inbox / "out.jpg")
    (row,) = vault.hashlist(case_id)
    assert row == {
        "exhibit": "E1", "md5": exhibit.md5, "pdq": exhibit.pdq, "pdq_quality": exhibit.pdq_quality,
        "sha256": exhibit.sha256, "sensitive": True,
    }  # fmt: skip
    assert picture.exists()  # the original is never touched
    assert vault.verify(case_id).ok


def test_canary_never_reaches_disk_in_plaintext(
    vault: Vault, case_id: str, inbox: Path, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy_tmp = tmp_path / "system-temp"
    spy_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spy_tmp))
    monkeypatch.setenv("TMPDIR", str(spy_tmp))
    (inbox / "chat.txt").write_text(f"Jake: {CANARY}\n" * 1000)
    (inbox / "small.txt").write_text(CANARY)
    with zipfile.ZipFile(inbox / "export.zip", "w") as zf:  # stored, not deflated: the canary is in clear
        zf.writestr("messages.json", f'{{"text": "{CANARY}"}}')
    image = Image.new("RGB", (64, 64), (1, 2, 3))
    image.save(inbox / "pic.png", pnginfo=_png_text(CANARY))
    added = vault.add(case_id, [inbox])
    for e in added:
        vault.read(case_id, e.sha256)
    vault.verify(case_id)
    needles = (CANARY.encode(), CANARY.encode("utf-16-le"))
    scanned: set[Path] = set()
    for path in [*home.rglob("*"), *spy_tmp.rglob("*")]:
        if path.is_file():
            scanned.add(path)
            content = path.read_bytes()
            assert not any(n in content for n in needles), f"plaintext evidence found in {path}"
    # the database and every pack holding an exhibit were looked at (packs hold several exhibits each)
    assert {vault.stored_at(case_id, e)[0] for e in added if e.stored} <= scanned
    assert any(p.suffix == ".db" for p in scanned)
    assert not any(spy_tmp.iterdir())


def _png_text(text: str):
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", text)
    return info


def test_open_to_decrypts_outside_the_data_folder_and_logs(
    vault: Vault, case_id: str, inbox: Path, home: Path
) -> None:
    (inbox / "proof.txt").write_text("proof")
    vault.add(case_id, [inbox / "proof.txt"])
    out = inbox / "opened"
    out.mkdir()
    target = vault.open_to(case_id, "E1", out)
    assert target.read_text() == "proof"
    assert vault.custody(case_id)[-1].action == "opened"
    with pytest.raises(VaultError, match="will not overwrite"):
        vault.open_to(case_id, "E1", out)
    with pytest.raises(VaultError, match="inside its data folder"):
        vault.open_to(case_id, "E1", home)


def test_wrong_passphrase_and_no_passphrase(
    store: Store, settings: Settings, case_id: str, inbox: Path
) -> None:
    (inbox / "a.txt").write_text("a")
    Vault(store, settings, passphrase="first").add(case_id, [inbox / "a.txt"])
    with pytest.raises(VaultError, match="does not unlock"):
        Vault(store, settings, passphrase="second").read(case_id, "E1")
    nobody = Vault(store, settings, passphrase="")
    with pytest.raises(VaultError, match="needs your passphrase"):
        nobody.read(case_id, "E1")
    assert [e.label for e in nobody.exhibits(case_id)] == ["E1"]  # listing needs no passphrase


def test_kdf_cost_is_stored_with_each_key(
    store: Store, settings: Settings, case_id: str, inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casekit.store.evidence import KeyRepository
    from casekit.vault import keys

    (inbox / "a.txt").write_text("a")
    Vault(store, settings).add(case_id, [inbox / "a.txt"])
    monkeypatch.setattr(keys, "DEFAULT_KDF", keys.KdfParams(time_cost=2, memory_kib=128, parallelism=1))
    assert Vault(store, settings).read(case_id, "E1") == b"a"  # the old cost is read back, not assumed
    with store.session() as s:
        _wrapped, kdf = KeyRepository(s).case_key(case_id)
    assert kdf["algorithm"] == "argon2id" and kdf["memory_kib"] == 64 and len(kdf["salt"]) == 32


def test_production_default_is_strong() -> None:
    from casekit.vault.keys import KdfParams

    default = KdfParams()
    assert default.memory_kib >= 64 * 1024 and default.time_cost >= 3


def test_purge_case_removes_the_blobs(vault: Vault, case_id: str, inbox: Path, settings: Settings) -> None:
    (inbox / "a.txt").write_text("a")
    (inbox / "b.txt").write_text("b")
    vault.add(case_id, [inbox])
    packs = list(packs_dir(settings, case_id).glob(f"*{PACK_SUFFIX}"))
    assert 1 <= len(packs) <= 2  # one per reading thread that had a file
    assert purge_case(settings, case_id) == len(packs)
    assert not case_dir(settings, case_id).exists()
    assert purge_case(settings, case_id) == 0


def test_public_key_is_pem(vault: Vault) -> None:
    pem = vault.public_key_pem()
    assert pem.startswith("-----BEGIN PUBLIC KEY-----") and pem == vault.public_key_pem()


def test_works_on_both_backends(any_store: Store, inbox: Path, new_case) -> None:
    case_id = new_case(any_store)
    vault = Vault(any_store)
    (inbox / "a.txt").write_text("a")
    vault.add(case_id, [inbox])
    vault.record(case_id, "note", None, "spoke to Constable Roy", actor="parent")
    report = vault.verify(case_id)
    assert report.ok and report.entries_checked == 2 and report.head_signed


def test_sensitive_media_withholds_pictures_and_videos_only(
    vault: Vault, case_id: str, inbox: Path, settings: Settings
) -> None:
    archive = inbox / "WhatsApp Chat with Jake.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("WhatsApp Chat with Jake.txt", "12/01/2024, 10:00 - Jake: send a pic\n")
        zf.writestr("IMG-20240112-WA0001.jpg", _screenshot(inbox / "tmp.jpg").read_bytes())
        zf.writestr("VID-20240112-WA0002.mp4", b"\x00\x00\x00\x18ftypmp42" + bytes(500))
    (inbox / "tmp.jpg").unlink()
    zipped, chat, image, video = vault.add(case_id, [archive], sensitive_media=True)
    assert chat.stored and not chat.sensitive
    assert vault.read(case_id, chat.sha256).startswith(b"12/01/2024")
    for item in (image, video):
        assert item.sensitive and not item.stored and item.md5
        place, _offset, length = vault.stored_at(case_id, item)
        assert length is None and not place.exists()  # in no pack, and no file of its own
    assert image.pdq and image.metadata["container"] == zipped.sha256
    assert not zipped.sensitive and zipped.stored  # the archive itself is kept, as it came
    assert vault.verify(case_id).ok


def test_one_argon2_derivation_per_vault(
    store: Store, settings: Settings, case_id: str, inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casekit.vault import keys

    calls: list[object] = []
    real = keys.derive
    monkeypatch.setattr(keys, "derive", lambda p, params: calls.append(params) or real(p, params))
    (inbox / "a.txt").write_text("a")
    Vault(store, settings).add(case_id, [inbox / "a.txt"])  # makes the signing key and the case key
    assert len(calls) == 1
    Vault(store, settings).read(case_id, "E1")  # unwraps both
    assert len(calls) == 2


def test_a_file_that_changed_size_since_it_was_listed_is_read_whole(
    vault: Vault, case_id: str, inbox: Path
) -> None:
    from casekit.vault.ingest import Source, read_through

    path = inbox / "growing.log"
    path.write_bytes(b"x" * 3000)
    source = Source("growing.log", str(path), 1000, partial(path.open, "rb"))  # listed when smaller
    digest = read_through(source, sink=None, data_key=None, md5_always=True)
    assert digest.size == 3000


def test_files_inside_the_data_folder_are_refused(vault: Vault, case_id: str, home: Path) -> None:
    inside = home / "stray.txt"
    inside.write_text("x")
    with pytest.raises(VaultError, match="inside casekit's own data folder"):
        vault.add(case_id, [inside])
    assert vault.exhibits(case_id) == []


def test_subkeys_are_stable_separate_and_never_the_data_key(vault: Vault, case_id: str) -> None:
    """Other parts (the message store) get keys of their own, derived from the case's one secret."""
    messages = vault.subkey(case_id, "messages", create=True)
    assert vault.subkey(case_id, "messages") == messages
    assert vault.subkey(case_id, "notes") != messages
    assert messages != vault._data_key(case_id, create=False)
    with pytest.raises(ValueError):
        vault.subkey(case_id, "../x")


def test_bytes_already_kept_are_not_written_again(
    vault: Vault, case_id: str, inbox: Path, settings: Settings
) -> None:
    """Packs are append-only, so bytes the case keeps must be recognised before they are written:
    small files by their hash, a large one hashed first when it comes again from the same path."""
    (inbox / "a.txt").write_text("same words\n" * 100)
    (inbox / "copy of a.txt").write_text("same words\n" * 100)
    (inbox / "big.bin").write_bytes(os.urandom(CHUNK_SIZE * 2 + 5))
    first = vault.add(case_id, [inbox])
    assert [e.original_name for e in first] == ["a.txt", "big.bin"]  # the first given is recorded

    def packed() -> int:
        return sum(p.stat().st_size for p in packs_dir(settings, case_id).glob(f"*{PACK_SUFFIX}"))

    before = packed()
    again = vault.add(case_id, [inbox])
    assert packed() == before and len(again) == 2 and len(vault.exhibits(case_id)) == 2
    assert vault.verify(case_id).ok


def test_blobs_kept_one_file_each_by_earlier_versions_are_still_read(
    vault: Vault, case_id: str, inbox: Path, settings: Settings, store: Store
) -> None:
    from sqlalchemy import update

    from casekit.store.tables_evidence import ExhibitRow
    from casekit.vault.crypto import Encryptor
    from casekit.vault.packs import loose_path

    data = b"written before packs\n" * 10
    (inbox / "old.txt").write_bytes(data)
    (exhibit,) = vault.add(case_id, [inbox / "old.txt"])
    encryptor = Encryptor(vault._data_key(case_id, create=False))
    blob = loose_path(settings, case_id, exhibit.sha256)
    blob.parent.mkdir(parents=True)
    blob.write_bytes(encryptor.update(data) + encryptor.finish(exhibit.sha256))  # header included
    with store.session() as s:  # the row of an earlier version: no pack
        s.execute(update(ExhibitRow).values(pack=None, pack_offset=None, pack_length=None))
    assert vault.stored_at(case_id, exhibit) == (blob, 0, None)
    assert vault.read(case_id, exhibit.sha256) == data
    assert vault.verify(case_id).ok
    blob.unlink()
    assert [(p.where, p.reason) for p in vault.verify(case_id).problems] == [
        ("E1", "vault.problem.exhibit_missing")
    ]
