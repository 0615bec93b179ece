"""Reminders as an iCalendar file the family can open in any calendar app (no network, no account)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ..i18n import t
from ..model import Contact


def reminders_ics(case_id: str, contacts: list[Contact], extra: list[tuple[date, str, str]] = ()) -> bytes:
    """One all-day event per follow-up date in the contact log, plus ``extra`` (date, summary, detail)."""
    # Imported here: icalendar costs ~35 ms, and casekit contact and next, which import this package, never
    # write a calendar.
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//casekit//follow-up reminders//EN")
    cal.add("version", "2.0")
    items = [
        (c.follow_up_due, t("followup.ics.summary", agency=c.agency), _detail(c), f"{case_id}-{c.id}")
        for c in contacts
        if c.follow_up_due
    ]
    items += [(d, s, text, f"{case_id}-extra-{i}") for i, (d, s, text) in enumerate(extra)]
    for day, summary, detail, uid in items:
        event = Event()
        event.add("uid", f"{uid}@casekit.local")
        event.add("dtstamp", datetime.now(UTC))
        event.add("dtstart", day)
        event.add("summary", summary)
        event.add("description", detail)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", datetime.combine(day, datetime.min.time(), tzinfo=UTC).replace(hour=9))
        event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()


def _detail(contact: Contact) -> str:
    officer = " ".join(filter(None, (contact.rank, contact.officer_name)))
    parts = [
        t("followup.col.file_number") + f": {contact.file_number}" if contact.file_number else "",
        t("followup.col.officer") + f": {officer}" if officer else "",
        t("followup.col.badge") + f": {contact.badge_number}" if contact.badge_number else "",
    ]
    return "\n".join(p for p in parts if p)
