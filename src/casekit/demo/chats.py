"""Demo step: chats.  Imports the made-up Instagram thread (as the folder Instagram's "Download your
information" gives) and the made-up WhatsApp chat (zipped as WhatsApp's "Export chat" does) into the demo
case, then shows the merged timeline's size and the first message's citation.  Nothing here is a real
person's words (see data/chats/NOTICE.md)."""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

from ..i18n import t
from ..importers import Options, import_chats, timeline
from . import DATA, DemoContext
from .evidence import demo_vault

CHATS = DATA / "chats"
ZONE = "America/Toronto"  # the demo family's phones were set to Ottawa time


def run(ctx: DemoContext) -> None:
    vault = demo_vault(ctx)
    with tempfile.TemporaryDirectory(prefix="casekit-demo-chats-") as tmp:
        folder = Path(tmp) / "instagram-maya.sk8s"
        shutil.copytree(CHATS / "instagram", folder)
        export = Path(tmp) / "WhatsApp Chat with Jake.zip"
        with zipfile.ZipFile(export, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.write(CHATS / "WhatsApp Chat with Jake.txt", "WhatsApp Chat with Jake.txt")
        result = import_chats(ctx.store, vault, ctx.case_id, [folder, export], Options(timezone=ZONE))
    ctx.say(t("chats.demo_imported", count=result.message_count, files=len(result.files)))
    messages = timeline(ctx.store, vault, ctx.case_id)
    first = messages[0]
    ctx.say(
        t(
            "chats.demo_first",
            when=f"{first.timestamp:%Y-%m-%d %H:%M} UTC" if first.timestamp else "?",
            platform=first.platform,
            sha=first.exhibit_sha256[:12],
            locator=first.locator,
        )
    )
