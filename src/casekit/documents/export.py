"""The evidence package: a BagIt bag an officer can verify offline.

::

    <DIR>/bagit.txt, bag-info.txt, manifest-sha256.txt, manifest-sha512.txt, tagmanifest-*.txt
    <DIR>/data/README.txt                      how to verify (both languages)
    <DIR>/data/documents/brief.pdf|.docx, statement.pdf|.docx, letter-*.pdf
    <DIR>/data/evidence/exhibits.json          index: E-number, description, hashes, acquisition
    <DIR>/data/evidence/hashlist.csv           MD5 + PDQ of images and sensitive items (removal services)
    <DIR>/data/evidence/case-uco.jsonld        CASE/UCO description of the exhibits and their provenance
    <DIR>/data/custody/custody-log.json        the hash-chained, signed log as kept by the vault
    <DIR>/data/custody/public-key.pem          Ed25519 key that checks the log's signatures
    <DIR>/data/custody/verify_custody.py       checks the log offline, without casekit
    <DIR>/data/files/E1-<name>                 exhibit contents, only with include_files; never sensitive ones

The bag is built in a hidden sibling folder and renamed into place when complete, so an interrupted
export leaves nothing that looks like a package.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import bagit

from .. import __version__
from ..errors import CasekitError, DocumentError
from ..i18n import t
from .brief import build_brief
from .bundle import CaseBundle
from .caseuco import case_graph
from .common import exhibit_description
from .letters import LETTER_KINDS, build_letter
from .render import render
from .statement import build_statement

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class ExportResult:
    path: Path
    files: list[str] = field(default_factory=list)  # payload paths, relative to data/
    included: list[str] = field(default_factory=list)  # E-labels whose contents were included
    sensitive_skipped: list[str] = field(default_factory=list)
    verified: bool | None = None  # None: the vault could not be checked (no passphrase, no vault)


def _safe_name(label: str, name: str) -> str:
    cleaned = _SAFE.sub("_", Path(name).name).strip("._") or "file"
    return f"{label}-{cleaned}"[:120]


def _write(root: Path, rel: str, data: bytes, result: ExportResult) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    result.files.append(rel)


def exhibits_index(bundle: CaseBundle, lang: str) -> list[dict[str, Any]]:
    return [
        {
            "exhibit": e.label,
            "description": exhibit_description(e, lang),
            "original_name": e.original_name,
            "original_path": e.original_path,
            "media_type": e.media_type,
            "size": e.size,
            "sha256": e.sha256,
            "md5": e.md5,
            "pdq": e.pdq,
            "pdq_quality": e.pdq_quality,
            "sensitive": e.sensitive,
            "stored": e.stored,
            "acquired": e.acquired.isoformat(),
        }
        for e in sorted(bundle.exhibits, key=lambda x: x.number)
    ]


def hashlist_csv(bundle: CaseBundle) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["exhibit", "md5", "pdq", "pdq_quality", "sha256", "sensitive"])
    for e in sorted(bundle.exhibits, key=lambda x: x.number):
        if e.sensitive or e.pdq or (e.media_type or "").startswith("image/"):
            writer.writerow(
                [e.label, e.md5 or "", e.pdq or "", e.pdq_quality or "", e.sha256, str(e.sensitive).lower()]
            )
    return buffer.getvalue().encode("utf-8")


def readme(bundle: CaseBundle, result: ExportResult) -> bytes:
    lines = []
    for lang in ("en", "fr"):
        lines += [t("export.readme_title", lang), "=" * len(t("export.readme_title", lang)), ""]
        lines += [t(f"export.readme.{n}", lang, case=bundle.case.id) for n in range(1, 7)]
        if result.sensitive_skipped:
            lines.append(t("export.sensitive_skipped", lang, count=len(result.sensitive_skipped)))
        lines.append("")
    return "\n".join(lines).encode("utf-8")


def export_package(
    bundle: CaseBundle,
    target: Path,
    *,
    lang: str = "en",
    include_files: bool = False,
    vault: Any = None,
    formats: tuple[str, ...] = ("pdf", "docx"),
) -> ExportResult:
    """Write the police package for ``bundle`` into the new folder ``target`` (which must not hold anything)."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise DocumentError.from_key("error.export_target", path=target)
    work = target.with_name(f".{target.name}.part")
    if work.exists():
        shutil.rmtree(work)  # our own leftover from an interrupted export, never the user's folder
    result = ExportResult(path=target)
    try:
        work.mkdir(parents=True)
        _fill(work, bundle, lang, include_files, vault, formats, result)
        _write(work, "README.txt", readme(bundle, result), result)
        bag_info = {
            "Source-Organization": "casekit",
            "External-Identifier": f"casekit case {bundle.case.id}",
            "External-Description": f"Evidence package: {bundle.case.title}",
            "Bag-Software-Agent": f"casekit {__version__}",
            "Contact-Name": bundle.reporter.names[0] if bundle.reporter and bundle.reporter.names else "",
        }
        bagit.make_bag(str(work), {k: v for k, v in bag_info.items() if v}, checksums=["sha256", "sha512"])
        if target.exists():
            target.rmdir()
        work.rename(target)
    except CasekitError:
        shutil.rmtree(work, ignore_errors=True)
        raise
    except (OSError, bagit.BagError) as exc:
        shutil.rmtree(work, ignore_errors=True)
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        raise DocumentError.from_key("error.export_write", path=target, reason=reason) from None
    if vault is not None:
        for label in result.included:
            exhibit = next(e for e in bundle.exhibits if e.label == label)
            vault.record(
                bundle.case.id, "exported", exhibit=exhibit.sha256, detail=f"evidence package {target.name}"
            )
        vault.record(
            bundle.case.id, "exported", detail=f"evidence package {target.name}: {len(result.files)} files"
        )
    return result


def _fill(
    root: Path,
    bundle: CaseBundle,
    lang: str,
    include_files: bool,
    vault: Any,
    formats: tuple[str, ...],
    result: ExportResult,
) -> None:
    docs = {"brief": build_brief(bundle, lang), "statement": build_statement(bundle, lang)}
    for kind in LETTER_KINDS:
        docs[f"letter-{kind}"] = build_letter(bundle, kind, lang)
    for name, doc in docs.items():
        for fmt in formats:
            _write(root, f"documents/{name}.{fmt}", render(doc, fmt), result)
    _write(root, "evidence/exhibits.json", _json(exhibits_index(bundle, lang)), result)
    _write(root, "evidence/hashlist.csv", hashlist_csv(bundle), result)
    _write(root, "evidence/case-uco.jsonld", _json(case_graph(bundle)), result)
    custody = {
        "case_id": bundle.case.id,
        "head_hash": bundle.custody.head_hash,
        "head_signature": bundle.custody.head_signature,
        "entries": bundle.custody.raw
        or [
            {
                "time": c.when.isoformat(),
                "actor": c.actor,
                "action": c.action,
                "exhibit": c.exhibit,
                "prev_hash": c.previous_hash,
                "entry_hash": c.entry_hash,
            }
            for c in bundle.custody.entries
        ],
    }
    _write(root, "custody/custody-log.json", _json(custody), result)
    if bundle.custody.public_key_pem:
        _write(root, "custody/public-key.pem", bundle.custody.public_key_pem.encode("ascii"), result)
    checker = resources.files("casekit.documents").joinpath("templates/verify_custody.py").read_bytes()
    _write(root, "custody/verify_custody.py", checker, result)
    result.sensitive_skipped = [e.label for e in bundle.exhibits if e.sensitive]
    report = _verify(bundle, vault)
    if report is not None:
        result.verified = bool(report.get("ok"))
        _write(root, "custody/verification.json", _json(report), result)
    if include_files:
        for e in sorted(bundle.exhibits, key=lambda x: x.number):
            # Sensitive items were never copied into the vault; the check is repeated here on purpose.
            if e.sensitive or not e.stored:
                continue
            if vault is None:
                raise DocumentError.from_key("error.export_files_locked", reason="no vault")
            rel = f"files/{_safe_name(e.label, e.original_name)}"
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as fh:
                for chunk in vault.stream(bundle.case.id, e.sha256, purpose="export"):
                    fh.write(chunk)
            result.files.append(rel)
            result.included.append(e.label)


def _verify(bundle: CaseBundle, vault: Any) -> dict[str, Any] | None:
    """The vault's own check at export time: every exhibit re-hashed, the custody chain and signatures.

    The package says what was found either way; a failed check does not stop the export (the officer
    needs to know), and the command reports it.
    """
    if vault is None or not hasattr(vault, "verify") or not bundle.exhibits:
        return None
    try:
        report = vault.verify(bundle.case.id)
    except CasekitError:
        return None  # no passphrase: the package is still verifiable by its own manifests
    data = report.model_dump(mode="json")
    data["checked_at"] = bundle.generated.isoformat()
    return data


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8")
