"""What to ask for next, from the contact log.

A contact records who was reached (``rank`` / agency) and what came of it (``outcome``).  An outcome that
says the report was declined, or no news past the rung's waiting time, moves the family one rung up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources

import yaml

from ..model import Contact

# Words in an outcome that mean "police will not act" — in English and French.
DECLINED_WORDS = (
    "declined",
    "refused",
    "nothing can be done",
    "no action",
    "not a crime",
    "refusé",
    "refus",
    "rien à faire",
    "aucune mesure",
)
# Which rung a contact reached, from the rank or role the user wrote down.
RANK_RUNG = (
    (("oversight", "complaint", "commissaire", "plainte", "ombuds", "siu", "oiprd", "lecoa"), "oversight"),
    (("detective", "investigator", "ice unit", "cyber", "enquêteur", "enquêtrice"), "detectives"),
    (("watch commander", "staff sergeant", "inspector", "chef de quart", "inspecteur"), "watch_commander"),
    (("sergeant", "supervisor", "sergent", "superviseur"), "supervisor"),
)


@dataclass(frozen=True)
class Rung:
    id: str
    texts: dict[str, dict[str, str]]
    wait_days: int

    def who(self, lang: str = "en") -> str:
        return self.texts[lang]["who"]

    def ask(self, lang: str = "en") -> str:
        return self.texts[lang]["ask"]


@cache
def _ladder() -> tuple[Rung, ...]:
    raw = yaml.safe_load(
        resources.files("casekit.followup").joinpath("ladder.yaml").read_text(encoding="utf-8")
    )
    return tuple(
        Rung(id=r["id"], texts={"en": r["en"], "fr": r["fr"]}, wait_days=r["wait_days"]) for r in raw
    )


LADDER = _ladder()
RUNG_INDEX = {rung.id: i for i, rung in enumerate(LADDER)}


@dataclass(frozen=True)
class NextStep:
    rung: Rung
    due: date
    reason: str  # "start" | "declined" | "no_news" | "waiting"
    after: Contact | None


def rung_of(contact: Contact) -> str:
    text = " ".join(filter(None, (contact.rank, contact.agency, contact.officer_name))).lower()
    for words, rung in RANK_RUNG:
        if any(w in text for w in words):
            return rung
    return "complaint_taker"


def is_declined(contact: Contact) -> bool:
    outcome = (contact.outcome or "").lower()
    return any(word in outcome for word in DECLINED_WORDS)


def next_step(contacts: list[Contact], today: date) -> NextStep:
    """The next rung to reach and by when.  With no contacts yet, the first rung, today."""
    if not contacts:
        return NextStep(rung=LADDER[0], due=today, reason="start", after=None)
    latest = max(contacts, key=lambda c: c.when)
    highest = max(RUNG_INDEX[rung_of(c)] for c in contacts)
    current = LADDER[highest]
    following = LADDER[min(highest + 1, len(LADDER) - 1)]
    contacted_on = latest.when.date()
    if is_declined(latest):
        return NextStep(rung=following, due=max(today, contacted_on), reason="declined", after=latest)
    if latest.follow_up_due is not None:
        if today < latest.follow_up_due:
            return NextStep(rung=current, due=latest.follow_up_due, reason="waiting", after=latest)
        return NextStep(rung=following, due=today, reason="no_news", after=latest)
    due = contacted_on + timedelta(days=following.wait_days)
    reason = "no_news" if today >= due else "waiting"
    return NextStep(rung=following if reason == "no_news" else current, due=due, reason=reason, after=latest)
