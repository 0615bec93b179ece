"""Demo step: evidence.  Draws made-up chat screenshots with Pillow (with EXIF), adds them and a parent's
note to the vault, adds a made-up stand-in for an intimate image as *sensitive* (hash-only), and
verifies the vault.  Inputs are drawn in a temporary folder that is removed afterwards; nothing here
is a real person's data."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from PIL import Image, ImageDraw

from ..errors import VaultError
from ..i18n import t
from ..vault import Vault
from . import DATA, DEMO_PASSPHRASE, DemoContext

SPEC = DATA / "evidence" / "screenshots.yaml"
PHONE = (750, 1334)  # a common phone screen, in pixels


def demo_vault(ctx: DemoContext) -> Vault:
    """The vault for the demo's steps: CASEKIT_PASSPHRASE when set, else (on a data folder with no vault
    yet) a made-up demo passphrase the step announces."""
    cached = getattr(ctx, "_vault", None)  # one Vault per demo run (one Argon2id derivation)
    if isinstance(cached, Vault):
        return cached
    passphrase = os.environ.get("CASEKIT_PASSPHRASE")
    if not passphrase:
        if Vault(ctx.store, ctx.settings, passphrase="").has_setup():
            raise VaultError.from_key("vault.passphrase_needed")
        passphrase = DEMO_PASSPHRASE
        ctx.say(t("evidence.demo_passphrase", passphrase=DEMO_PASSPHRASE))
    vault = Vault(ctx.store, ctx.settings, passphrase=passphrase)
    ctx._vault = vault  # type: ignore[attr-defined]
    return vault


def _draw(shot: dict[str, Any]) -> Image.Image:
    width = PHONE[0]
    image = Image.new("RGB", PHONE, (245, 245, 247))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 120), fill=(30, 30, 36))
    draw.text((40, 50), shot["title"], fill=(255, 255, 255), font_size=34)
    y = 170
    for message in shot["messages"]:
        mine = message["from"] == "me"
        box_w = min(80 + 15 * len(message["text"]), width - 160)
        x0 = width - box_w - 40 if mine else 40
        colour = (60, 130, 246) if mine else (225, 225, 230)
        draw.rounded_rectangle((x0, y, x0 + box_w, y + 80), radius=30, fill=colour)
        draw.text(
            (x0 + 28, y + 22), message["text"], fill=(255, 255, 255) if mine else (20, 20, 20), font_size=28
        )
        y += 120
    return image


def _exif(spec: dict[str, Any], shot: dict[str, Any]) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = spec["device"]["make"]
    exif[0x0110] = spec["device"]["model"]
    if shot.get("taken"):
        sub = exif.get_ifd(0x8769)
        sub[0x9003] = shot["taken"]
        if shot.get("offset"):
            sub[0x9011] = shot["offset"]
    return exif


def make_inputs(folder: Path) -> tuple[list[Path], Path]:
    """Write the demo's made-up 'files from the family' into ``folder``: (evidence, sensitive stand-in)."""
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    files: list[Path] = []
    for shot in spec["screenshots"]:
        path = folder / shot["file"]
        image = _draw(shot)
        if path.suffix == ".png":
            image.save(path, exif=_exif(spec, shot))
        else:
            image.save(path, "JPEG", quality=88, exif=_exif(spec, shot))
        files.append(path)
    note = folder / spec["parent_note"]
    note.write_bytes((DATA / "evidence" / spec["parent_note"]).read_bytes())
    files.append(note)
    noise = np.random.default_rng(42).integers(0, 255, (240, 180, 3), dtype=np.uint8)
    stand_in = folder / spec["sensitive_stand_in"]
    Image.fromarray(noise).resize((720, 960)).save(stand_in, "JPEG", quality=85)
    return files, stand_in


def run(ctx: DemoContext) -> None:
    vault = demo_vault(ctx)
    with tempfile.TemporaryDirectory(prefix="casekit-demo-inputs-") as tmp:
        files, stand_in = make_inputs(Path(tmp))
        added = vault.add(ctx.case_id, files, note="demo: taken from Maya's tablet (made up)")
        (sensitive,) = vault.add(ctx.case_id, [stand_in], sensitive=True, note="demo: made-up stand-in")
    ctx.say(t("evidence.demo_added", count=len(added)))
    ctx.say(t("evidence.demo_sensitive", label=sensitive.label, md5=sensitive.md5, pdq=sensitive.pdq))
    report = vault.verify(ctx.case_id)
    ctx.say(t("evidence.verify_ok", exhibits=report.exhibits_checked, entries=report.entries_checked))
