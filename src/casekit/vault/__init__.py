"""The evidence vault: encrypted content store, hashes, metadata and chain of custody.

Contract for the rest of casekit (importers, documents, the CLI)::

    from casekit.vault import Vault, purge_case

    vault = Vault(store, settings, passphrase=None)   # None: CASEKIT_PASSPHRASE (the CLI asks otherwise)
    exhibits = vault.add(case_id, [Path("chat.zip")], sensitive=False, sensitive_media=False,
                         note=None, actor="user", progress=None)  # progress(done_bytes, total_bytes)
    # Files, folders (recursively, sorted, symlinks not followed) and zips: the zip is an exhibit and so
    # is each member, with original_path "…/chat.zip!/WhatsApp Chat.txt" and
    # metadata["container"] = the zip's sha256.  Deduplicated by SHA-256: adding the same bytes again
    # returns the existing exhibit.  Returns the exhibits (new or existing) in the order met.
    vault.exhibits(case_id) -> list[Exhibit]            # by number
    vault.get(case_id, ref) -> Exhibit                  # ref: 3, "E3", a sha256 or a unique 6+ digit prefix
    vault.read(case_id, sha256, purpose=None) -> bytes  # decrypted, in memory; purpose → "viewed" entry
    vault.stream(case_id, sha256, purpose=None) -> Iterator[bytes]
    vault.open_to(case_id, ref, destination) -> Path    # decrypt to a user-chosen place, logs "opened"
    vault.custody(case_id) -> list[CustodyEntry]        # seq, time, actor, action, exhibit_sha256,
                                                        # detail, prev_hash, entry_hash, signature
    vault.record(case_id, "exported", exhibit=None, detail="police package …", actor="user")
    vault.verify(case_id) -> VerifyReport               # .ok, .problems[where, reason], .head_hash …
    vault.hashlist(case_id) -> list[dict]               # MD5 + PDQ of images and sensitive items
    vault.public_key_pem() -> str                       # Ed25519 key that checks the log signatures
    vault.subkey(case_id, "messages", create=False) -> bytes  # a key for another part (HKDF of the case key)
    vault.stored_at(case_id, exhibit) -> (Path, offset, length)  # where its encrypted blob is: a pack
                                                        # (packs.py), or a file of its own (length None)
    check_log(entries_or_json_dicts, public_key_pem)    # offline check of an exported log: [] when intact
    purge_case(settings, case_id) -> int                # remove a deleted case's encrypted blobs

    hash_file(path) -> FileHashes                       # sha256, md5, pdq, pdq_quality (no case)
    pdq_hash(path_or_stream) -> PdqResult               # our own numpy PDQ

Exhibit fields (``casekit.model.Exhibit``): number (label "E3"), sha256, size, original_name,
original_path, media_type (by content), md5 (images and sensitive items), pdq + pdq_quality (images),
sensitive, stored (False = hash-only: nothing was copied), note, metadata (file_times, image: width,
height, format, exif: taken, make, model, software, gps; container), acquired.

Sensitive items (``sensitive=True``; or ``sensitive_media=True`` for the pictures and videos among the
files and zip members, other files being kept) are never copied: only their hashes, metadata and original place
are kept, and ``read``/``stream``/``open_to`` refuse them with a VaultError.

Every error is a ``VaultError`` (a CasekitError) that names the file or exhibit, never its content.
"""

from __future__ import annotations

from .custody import CustodyAction, CustodyEntry, check_log
from .hashing import FileHashes, hash_file
from .keys import KdfParams
from .packs import purge_case
from .vault import Vault, VerifyReport
from .verify import Problem

_PDQ = ("PdqResult", "hamming", "pdq_hash")


def __getattr__(name: str) -> object:
    # PDQ needs numpy, a tenth of a second or more to import: only commands that hash pictures pay it.
    if name in _PDQ:
        from . import pdq

        return getattr(pdq, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CustodyAction",
    "CustodyEntry",
    "FileHashes",
    "KdfParams",
    "PdqResult",
    "Problem",
    "Vault",
    "VerifyReport",
    "check_log",
    "hamming",
    "hash_file",
    "pdq_hash",
    "purge_case",
]
