"""Demo step: the first call to police, declined — what the escalation letter and the next step answer."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from ..followup import next_step
from ..i18n import current_lang, t
from ..model import Contact, ContactKind
from ..store import ContactRepository
from . import DemoContext


def run(ctx: DemoContext) -> None:
    called = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=20)
    contact = Contact(
        case_id=ctx.case_id,
        when=called,
        kind=ContactKind.call,
        agency="Ottawa Police Service (non-emergency line) — made up",
        officer_name="Jordan Example",
        rank="Civilian complaint taker",
        badge_number="C-0000",
        file_number="DEMO-0000-000000",
        summary="Reported that an adult posing as a child asked a 9-year-old for a photo on Instagram.",
        outcome="Declined: said it happened on the internet and nothing can be done.",
    )
    with ctx.store.session() as s:
        ContactRepository(s).add(contact)
    step = next_step([contact], date.today())
    ctx.say(t("demo.followup", who=step.rung.who(current_lang())))
