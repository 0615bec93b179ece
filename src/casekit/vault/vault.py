"""The Vault: the one object the rest of casekit uses to keep, read and vouch for evidence."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ..errors import VaultError
from ..model import Exhibit
from ..settings import Settings
from ..store import CaseRepository, Store
from ..store.evidence import CustodyRepository, ExhibitRepository, KeyRepository
from . import archive, keys
from .anchor import write_anchor
from .crypto import BlobCorrupt, decrypt_stream, derive_key
from .custody import GENESIS, CustodyAction, CustodyEntry, seal_entry
from .metadata import is_image
from .packs import Span, Window, loose_path, packs_dir

SIGNING_AAD = b"casekit signing key v1"
Place = tuple[Path, int, int | None]  # file, offset, length (None: the whole file)


def _case_aad(case_id: str) -> bytes:
    return f"casekit case key v1:{case_id}".encode()


class Vault:
    """Encrypted evidence for every case in one store.  See the package docstring for the contract."""

    def __init__(
        self,
        store: Store,
        settings: Settings | None = None,
        passphrase: str | None = None,
        *,
        kdf: keys.KdfParams | None = None,
        limits: archive.ArchiveLimits = archive.DEFAULT_LIMITS,
    ) -> None:
        self.store = store
        self.settings = settings or store.settings
        self._passphrase = passphrase if passphrase is not None else os.environ.get("CASEKIT_PASSPHRASE")
        self._kdf = kdf
        self.limits = limits
        self._data_keys: dict[str, bytes] = {}
        self._signer: Ed25519PrivateKey | None = None
        self._keks: dict[keys.KdfParams, bytes] = {}  # Argon2id results, by salt and cost
        self._installation_kdf: keys.KdfParams | None = None

    # ---- keys ------------------------------------------------------------------------------------

    def _need_passphrase(self) -> str:
        if not self._passphrase:
            raise VaultError.from_key("vault.passphrase_needed")
        return self._passphrase

    def _kek(self, params: keys.KdfParams) -> bytes:
        if params not in self._keks:
            self._keks[params] = keys.derive(self._need_passphrase(), params)
        return self._keks[params]

    def has_setup(self) -> bool:
        """True once a signing key exists (the first evidence added, or ``setup``)."""
        with self.store.session() as s:
            return KeyRepository(s).signing_key() is not None

    def setup(self) -> None:
        """Make the signing key if there is none yet (needs the passphrase)."""
        self._signing_key()

    def _signing_key(self) -> Ed25519PrivateKey:
        if self._signer is not None:
            return self._signer
        self._need_passphrase()  # fail early, before touching the database
        with self.store.session() as s:
            repo = KeyRepository(s)
            found = repo.signing_key()
            if found is None:
                raw, pem = keys.new_signing_key()
                params = keys.fresh_params(self._kdf)
                repo.set_signing_key(
                    pem, keys.wrap_with(self._kek(params), raw, SIGNING_AAD), params.to_json()
                )
            else:
                _pem, wrapped, kdf = found
                params = keys.KdfParams.from_json(kdf)
                raw = keys.unwrap_with(self._kek(params), wrapped, SIGNING_AAD)
        self._installation_kdf = params
        self._signer = Ed25519PrivateKey.from_private_bytes(raw)
        return self._signer

    def _data_key(self, case_id: str, *, create: bool) -> bytes:
        if case_id in self._data_keys:
            return self._data_keys[case_id]
        self._need_passphrase()  # fail early, before touching the database
        self._signing_key()  # one passphrase for the installation: a wrong one fails here, early
        with self.store.session() as s:
            repo = KeyRepository(s)
            found = repo.case_key(case_id)
            if found is None:
                if not create:
                    raise VaultError.from_key("vault.no_key", case_id=case_id)
                key = keys.new_data_key()
                params = self._installation_kdf or keys.fresh_params(self._kdf)
                repo.set_case_key(
                    case_id, keys.wrap_with(self._kek(params), key, _case_aad(case_id)), params.to_json()
                )
            else:
                wrapped, kdf = found
                key = keys.unwrap_with(self._kek(keys.KdfParams.from_json(kdf)), wrapped, _case_aad(case_id))
        self._data_keys[case_id] = key
        return key

    def subkey(self, case_id: str, purpose: str, *, create: bool = False) -> bytes:
        """A key of the case for another part of casekit (``purpose``: e.g. ``"messages"``), derived
        from the case's data key with HKDF, so the case keeps one secret, unlocked by one passphrase,
        and no two parts ever encrypt under the same key."""
        if not purpose.isidentifier():
            raise ValueError("purpose must be a short word")
        return derive_key(self._data_key(case_id, create=create), f"casekit {purpose} v1".encode())

    def public_key_pem(self) -> str:
        """The Ed25519 public key (PEM) that checks custody-log signatures; made at set-up."""
        with self.store.session() as s:
            found = KeyRepository(s).signing_key()
        if found is None:
            self.setup()
            with self.store.session() as s:
                found = KeyRepository(s).signing_key()
        assert found is not None
        return found[0]

    # ---- custody ---------------------------------------------------------------------------------

    def _append(
        self,
        session: Any,
        case_id: str,
        action: CustodyAction | str,
        exhibit: str | None,
        detail: str,
        actor: str,
    ) -> CustodyEntry:
        repo = CustodyRepository(session)
        head = repo.head(case_id)
        entry = CustodyEntry(
            case_id=case_id,
            seq=(head.seq + 1) if head else 1,
            actor=actor,
            action=CustodyAction(action),
            exhibit_sha256=exhibit,
            detail=detail,
            prev_hash=head.entry_hash if head else GENESIS,
        )
        return repo.append(seal_entry(entry, self._signing_key()))

    def record(
        self,
        case_id: str,
        action: CustodyAction | str,
        exhibit: Exhibit | str | None = None,
        detail: str = "",
        actor: str = "user",
    ) -> CustodyEntry:
        """Append one entry (viewed / opened / exported / note…) to the case's custody log."""
        sha = exhibit.sha256 if isinstance(exhibit, Exhibit) else exhibit
        self._signing_key()
        with self.store.session() as s:
            CaseRepository(s).get(case_id)
            entry = self._append(s, case_id, action, sha, detail, actor)
        write_anchor(self.settings, case_id, entry)  # after the commit: see anchor.py
        return entry

    def custody(self, case_id: str) -> list[CustodyEntry]:
        with self.store.session() as s:
            CaseRepository(s).get(case_id)
            return CustodyRepository(s).for_case(case_id)

    # ---- reading ---------------------------------------------------------------------------------

    def exhibits(self, case_id: str) -> list[Exhibit]:
        with self.store.session() as s:
            CaseRepository(s).get(case_id)
            return ExhibitRepository(s).for_case(case_id)

    def get(self, case_id: str, ref: str | int) -> Exhibit:
        """An exhibit by number (3 or "E3"), full SHA-256, or a unique SHA-256 prefix of 6+ digits."""
        text = str(ref).strip()
        with self.store.session() as s:
            CaseRepository(s).get(case_id)
            repo = ExhibitRepository(s)
            number = text[1:] if text[:1] in ("E", "e") else text
            if number.isdigit() and len(number) < 10:
                found = repo.by_number(case_id, int(number))
                if found is not None:
                    return found
            if len(text) >= 6 and all(c in "0123456789abcdefABCDEF" for c in text):
                matches = [e for e in repo.for_case(case_id) if e.sha256.startswith(text.lower())]
                if len(matches) == 1:
                    return matches[0]
        raise VaultError.from_key("vault.exhibit_not_found", ref=text, case_id=case_id)

    def stream(
        self, case_id: str, sha256: str, *, purpose: str | None = None, actor: str = "user"
    ) -> Iterator[bytes]:
        """The decrypted bytes of an exhibit, chunk by chunk, in memory only.

        With ``purpose`` (e.g. "read by the WhatsApp importer") a ``viewed`` custody entry is written
        first.  Raises VaultError for hash-only items and for damaged blobs."""
        exhibit = self.get(case_id, sha256)
        if not exhibit.stored:
            raise VaultError.from_key("vault.not_stored", label=exhibit.label)
        key = self._data_key(case_id, create=False)
        if purpose:
            self.record(case_id, CustodyAction.viewed, exhibit, purpose, actor)
        return self._decrypt(case_id, exhibit, key)

    def stored_at(self, case_id: str, exhibit: Exhibit) -> Place:
        """Where the exhibit's encrypted blob is: (file, offset, length) — a pack file and the blob's
        place in it, or (for blobs written before packs) a file of its own, whole (length None)."""
        with self.store.session() as s:
            span = ExhibitRepository(s).span(case_id, exhibit.sha256)
        return self._place(case_id, exhibit.sha256, span)

    def _place(self, case_id: str, sha256: str, span: Span | None) -> Place:
        """``stored_at`` for a caller that already has the span (``verify`` reads them all at once)."""
        if span is None:
            return loose_path(self.settings, case_id, sha256), 0, None
        return packs_dir(self.settings, case_id) / span.pack, span.offset, span.length

    def _decrypt(
        self, case_id: str, exhibit: Exhibit, key: bytes, place: Place | None = None
    ) -> Iterator[bytes]:
        path, offset, length = place or self.stored_at(case_id, exhibit)
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed below, after the generator's last chunk
        except FileNotFoundError:
            raise VaultError.from_key("vault.blob_missing", label=exhibit.label) from None
        with handle:
            source = handle if length is None else Window(handle, offset, length)
            try:
                yield from decrypt_stream(key, source, exhibit.sha256)
            except BlobCorrupt:
                raise VaultError.from_key("vault.blob_corrupt", label=exhibit.label) from None

    def read(self, case_id: str, sha256: str, *, purpose: str | None = None, actor: str = "user") -> bytes:
        return b"".join(self.stream(case_id, sha256, purpose=purpose, actor=actor))

    def open_to(self, case_id: str, ref: str | int, destination: Path, *, actor: str = "user") -> Path:
        """Decrypt one exhibit to a place the user chose (never inside the data folder); logs ``opened``."""
        exhibit = self.get(case_id, ref)
        if not exhibit.stored:
            raise VaultError.from_key("vault.not_stored", label=exhibit.label)
        destination = destination.expanduser().resolve()
        target = destination / Path(exhibit.original_name).name if destination.is_dir() else destination
        home = self.settings.home.expanduser().resolve()
        if target == home or home in target.parents:
            raise VaultError.from_key("vault.open_inside_home", home=home)
        if target.exists():
            raise VaultError.from_key("vault.open_exists", path=target)
        key = self._data_key(case_id, create=False)
        try:
            with open(target, "xb") as out:
                for chunk in self._decrypt(case_id, exhibit, key):
                    out.write(chunk)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        self.record(case_id, CustodyAction.opened, exhibit, f"decrypted to {target}", actor)
        return target

    # ---- adding ----------------------------------------------------------------------------------

    def add(
        self,
        case_id: str,
        paths: list[Path] | list[str],
        *,
        sensitive: bool = False,
        sensitive_media: bool = False,
        note: str | None = None,
        actor: str = "user",
        progress: Callable[[int, int], None] | None = None,
        expand_archives: bool = True,
    ) -> list[Exhibit]:
        """Add files, folders and zip archives to a case; see the package docstring.

        ``sensitive``: nothing is copied, every item is hash-only.  ``sensitive_media``: pictures and
        videos (by content, zip members included) are hash-only, other files (chat text) are kept — for
        a chat export that may hold an intimate image of a minor."""
        from .adding import Adder

        return Adder(
            self,
            case_id,
            sensitive=sensitive,
            sensitive_media=sensitive_media,
            note=note,
            actor=actor,
            progress=progress,
            expand_archives=expand_archives,
        ).run([Path(p) for p in paths])

    # ---- checking --------------------------------------------------------------------------------

    def verify(self, case_id: str) -> VerifyReport:
        from .verify import verify_case

        return verify_case(self, case_id)

    def hashlist(self, case_id: str) -> list[dict[str, Any]]:
        """MD5 and PDQ of every image and sensitive item: what image-removal services match on."""
        rows = []
        for e in self.exhibits(case_id):
            if e.sensitive or is_image(e.media_type):
                rows.append(
                    {
                        "exhibit": e.label,
                        "md5": e.md5,
                        "pdq": e.pdq,
                        "pdq_quality": e.pdq_quality,
                        "sha256": e.sha256,
                        "sensitive": e.sensitive,
                    }
                )
        return rows


from .verify import VerifyReport  # noqa: E402  (the report type is part of this module's API)
