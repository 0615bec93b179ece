"""casekit evidence add | list | show | open | hashlist, and the top-level ``hash`` and ``verify``."""

from __future__ import annotations

import csv
import io
import os
import sys
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ..errors import VaultError
from ..i18n import t
from ..settings import Settings
from ._common import JSON_HELP, console, err_console, open_store, print_json

# The store and the vault (about half a second of imports: SQLAlchemy, every table, cryptography) are
# imported inside the functions that use them, so --help and usage errors answer without them.
if TYPE_CHECKING:
    from ..store import Store
    from ..vault import Vault

evidence_app = typer.Typer(help="Add, list, show and open the evidence of a case.", no_args_is_help=True)

CASE_HELP = "The case id (see 'casekit case list')."


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


def _vault(store: Store) -> Vault:
    """The vault, with the passphrase from CASEKIT_PASSPHRASE or asked for (twice when it is new)."""
    from ..vault import Vault

    passphrase = os.environ.get("CASEKIT_PASSPHRASE")
    if not passphrase and _interactive():
        first = not Vault(store, passphrase="").has_setup()
        if first:
            err_console.print(t("evidence.passphrase_new"), highlight=False)
        passphrase = typer.prompt(
            t("evidence.passphrase_prompt"), hide_input=True, confirmation_prompt=first, err=True
        )
    return Vault(store, Settings.from_env(), passphrase=passphrase)


def _locked_vault() -> Vault:
    """The vault without its passphrase: enough to list and show exhibits, not to add or open one."""
    from ..vault import Vault

    return Vault(open_store(), passphrase="")


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} B"


def _minor_images_expected(store: Store, case_id: str) -> bool:
    """The case's facts say an intimate image of someone under 18 is involved."""
    from ..store import FactRepository, PersonRepository

    with store.session() as s:
        facts = FactRepository(s).as_dict(case_id)
        people = PersonRepository(s).for_case(case_id)
    if facts.get("image_depicts_minor") is True:
        return True
    young_victim = any(p.role.value == "victim" and p.age is not None and p.age < 18 for p in people)
    return bool(facts.get("victim_sent_intimate_image") is True and young_victim)


MEDIA_SUFFIXES = {".jpg", ".jpeg", ".png", ".heic", ".heif", ".gif", ".webp", ".bmp", ".tif", ".tiff"}
MEDIA_SUFFIXES |= {".mp4", ".mov", ".m4v", ".3gp", ".webm", ".mkv", ".avi"}


def _media_count(paths: list[Path]) -> int:
    """How many pictures and videos the paths hold (by content; zip members by name)."""
    from ..vault.metadata import is_picture_or_video, sniff

    count = 0
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            try:
                with open(f, "rb") as handle:
                    head = handle.read(4096)
                if is_picture_or_video(sniff(head)):
                    count += 1
                elif head[:4] == b"PK\x03\x04":
                    with zipfile.ZipFile(f) as zf:
                        count += sum(1 for n in zf.namelist() if Path(n).suffix.lower() in MEDIA_SUFFIXES)
            except (OSError, zipfile.BadZipFile):
                continue
    return count


@evidence_app.command("add")
def add(
    paths: list[Path] = typer.Argument(..., help="Files, folders or zip archives to add."),
    case_id: str = typer.Option(..., "--case", "-c", help=CASE_HELP),
    sensitive: bool = typer.Option(
        False,
        "--sensitive",
        help="An intimate image of a minor: record only its fingerprints (hashes), never a copy.",
    ),
    sensitive_media: bool = typer.Option(
        False,
        "--sensitive-media",
        help="Pictures and videos (zip members too) may be intimate images of a minor: keep only their "
        "fingerprints; keep other files (chat text) as usual.",
    ),
    not_sensitive: bool = typer.Option(
        False,
        "--not-sensitive",
        help="Confirm no picture or video here is an intimate image (skip the question).",
    ),
    note: str | None = typer.Option(None, "--note", help="A note kept with each exhibit."),
    no_expand: bool = typer.Option(False, "--no-expand", help="Keep zip archives as one sealed file."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Add evidence to a case: each file is hashed, encrypted and logged; the original is not changed."""
    store = open_store()
    vault = _vault(store)
    vault.exhibits(case_id)  # the case exists
    if not (sensitive or sensitive_media or not_sensitive) and _minor_images_expected(store, case_id):
        count = _media_count([p for p in paths if p.exists()])
        if count:
            if not _interactive():
                raise VaultError.from_key("evidence.sensitive_undecided", count=count)
            err_console.print(t("evidence.sensitive_question_why"), highlight=False)
            sensitive_media = typer.confirm(
                t("evidence.sensitive_question", count=count), default=True, err=True
            )
    before = {e.sha256 for e in vault.exhibits(case_id)}
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
        disable=as_json or not err_console.is_terminal,
    ) as bar:
        task = bar.add_task(t("evidence.adding"), total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        exhibits = vault.add(
            case_id,
            paths,
            sensitive=sensitive,
            sensitive_media=sensitive_media,
            note=note,
            progress=progress,
            expand_archives=not no_expand,
        )
    if as_json:
        print_json(exhibits)
        return
    for e in exhibits:
        key = "evidence.added_sensitive" if e.sensitive else "evidence.added"
        if e.sha256 in before:
            key = "evidence.already"
        console.print(t(key, label=e.label, name=e.original_name, sha=e.sha256[:16]), highlight=False)
    if any(e.sensitive for e in exhibits):
        console.print(t("evidence.sensitive_why"), highlight=False)
    new = sum(1 for e in exhibits if e.sha256 not in before)
    console.print(t("evidence.added_total", new=new, total=len(exhibits)), highlight=False)


@evidence_app.command("list")
def list_(
    case_id: str = typer.Option(..., "--case", "-c", help=CASE_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """List the exhibits of a case (E1, E2, …) with their SHA-256."""
    exhibits = _locked_vault().exhibits(case_id)
    if as_json:
        print_json(exhibits)
        return
    if not exhibits:
        console.print(t("evidence.none", case_id=case_id), highlight=False)
        return
    table = Table(title=t("evidence.list_title", case_id=case_id))
    for col in ("label", "name", "type", "size", "sha256", "kept"):
        table.add_column(t(f"evidence.col.{col}"))
    for e in exhibits:
        kept = t("evidence.kept_hash_only") if not e.stored else t("evidence.kept_encrypted")
        table.add_row(e.label, e.original_name, e.media_type or "", _mb(e.size), e.sha256, kept)
    console.print(table)


@evidence_app.command("show")
def show(
    ref: str = typer.Argument(..., help="The exhibit: E3, 3, or its SHA-256."),
    case_id: str = typer.Option(..., "--case", "-c", help=CASE_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Show one exhibit: hashes, where it came from, file times, photo details, custody entries."""
    vault = _locked_vault()
    exhibit = vault.get(case_id, ref)
    entries = [c for c in vault.custody(case_id) if c.exhibit_sha256 == exhibit.sha256]
    if as_json:
        doc = exhibit.model_dump(mode="json")
        doc["custody"] = [c.model_dump(mode="json") for c in entries]
        print_json(doc)
        return
    table = Table(show_header=False, box=None)
    rows = [
        ("label", exhibit.label),
        ("name", exhibit.original_name),
        ("from", exhibit.original_path or ""),
        ("type", exhibit.media_type or ""),
        ("size", f"{exhibit.size:,} B"),
        ("sha256", exhibit.sha256),
        ("md5", exhibit.md5 or ""),
        ("pdq", f"{exhibit.pdq} ({exhibit.pdq_quality})" if exhibit.pdq else ""),
        ("kept", t("evidence.kept_hash_only") if not exhibit.stored else t("evidence.kept_encrypted")),
        ("acquired", f"{exhibit.acquired:%Y-%m-%d %H:%M:%S} UTC"),
        ("note", exhibit.note or ""),
    ]
    image = exhibit.metadata.get("image", {})
    exif = image.get("exif", {})
    if image.get("width"):
        rows.append(("pixels", f"{image['width']} × {image['height']}"))
    if exif.get("taken"):
        rows.append(
            ("taken", exif["taken"] + (f" {exif['taken_offset']}" if exif.get("taken_offset") else ""))
        )
    device = " ".join(v for v in (exif.get("make"), exif.get("model")) if v)
    if device:
        rows.append(("device", device))
    if exif.get("gps"):
        rows.append(("gps", f"{exif['gps']['latitude']}, {exif['gps']['longitude']}"))
    for name, value in (exhibit.metadata.get("file_times") or {}).items():
        rows.append((f"file_{name}", value))
    if exhibit.metadata.get("container"):
        rows.append(("container", exhibit.metadata["container"]))
    for key, value in rows:
        if value:
            table.add_row(f"[bold]{t(f'evidence.field.{key}')}[/]", str(value))
    console.print(table)
    for c in entries:
        console.print(
            f"  #{c.seq} {c.time:%Y-%m-%d %H:%M:%S} UTC  {c.action.value}  {c.actor}", highlight=False
        )


@evidence_app.command("open")
def open_(
    ref: str = typer.Argument(..., help="The exhibit: E3, 3, or its SHA-256."),
    case_id: str = typer.Option(..., "--case", "-c", help=CASE_HELP),
    to: Path = typer.Option(..., "--to", help="Folder (or file name) to put the decrypted copy in."),
) -> None:
    """Decrypt a copy of one exhibit to a place you choose; the custody log records it."""
    target = _vault(open_store()).open_to(case_id, ref, to)
    console.print(t("evidence.opened", path=target), highlight=False)


@evidence_app.command("hashlist")
def hashlist(
    case_id: str = typer.Option(..., "--case", "-c", help=CASE_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """MD5 and PDQ of the case's images and sensitive items, as CSV, for image-removal services."""
    rows = _locked_vault().hashlist(case_id)
    if as_json:
        print_json(rows)
        return
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["exhibit", "md5", "pdq", "pdq_quality", "sha256", "sensitive"])
    writer.writeheader()
    writer.writerows(rows)
    sys.stdout.write(out.getvalue())


def hash_command(
    files: list[Path] = typer.Argument(..., help="Files (or folders) to fingerprint."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Print SHA-256, MD5 and, for pictures, PDQ of files, without adding them to any case."""
    from ..vault import hash_file

    expanded: list[Path] = []
    for f in files:  # a folder means every file in it, in order
        expanded.extend(
            sorted(p for p in f.rglob("*") if p.is_file() and not p.is_symlink()) if f.is_dir() else [f]
        )
    results = [hash_file(f) for f in expanded]
    if as_json:
        print_json(
            [
                {"path": r.path, "sha256": r.sha256, "md5": r.md5, "pdq": r.pdq, "pdq_quality": r.pdq_quality}
                for r in results
            ]
        )
        return
    for r in results:
        console.print(f"[bold]{r.path}[/]", highlight=False)
        console.print(f"  SHA-256  {r.sha256}", highlight=False)
        console.print(f"  MD5      {r.md5}", highlight=False)
        if r.pdq:
            console.print(
                f"  PDQ      {r.pdq}  ({t('evidence.pdq_quality')} {r.pdq_quality})", highlight=False
            )


def verify_command(
    case_id: str = typer.Option(..., "--case", "-c", help=CASE_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Re-hash every exhibit and check the custody log; exit status 1 if anything changed."""
    report = _vault(open_store()).verify(case_id)
    if as_json:
        print_json(report)
    else:
        for p in report.problems:
            console.print(f"[bold red]✗[/] {p.where}: {t(p.reason)}", highlight=False)
        key = "evidence.verify_ok" if report.ok else "evidence.verify_failed"
        console.print(
            t(
                key,
                exhibits=report.exhibits_checked,
                entries=report.entries_checked,
                problems=len(report.problems),
            ),
            highlight=False,
        )
        if report.head_hash:
            console.print(
                t("evidence.verify_head", seq=report.head_seq, hash=report.head_hash), highlight=False
            )
    if not report.ok:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add this part's commands to the casekit app."""
    app.add_typer(evidence_app, name="evidence")
    app.command("hash")(hash_command)
    app.command("verify")(verify_command)
