"""The contact log, the escalation ladder and reminders."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from icalendar import Calendar

from casekit.followup import LADDER, next_step, reminders_ics
from casekit.model import Contact

DAY = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)


def _contact(**kw) -> Contact:
    return Contact(
        case_id="c1", when=kw.pop("when", DAY), agency=kw.pop("agency", "Ottawa Police Service"), **kw
    )


def test_ladder_order_and_both_languages() -> None:
    assert [r.id for r in LADDER] == [
        "complaint_taker",
        "supervisor",
        "watch_commander",
        "detectives",
        "oversight",
    ]
    for rung in LADDER:
        assert rung.who("en") and rung.who("fr") and rung.ask("en") and rung.ask("fr")


def test_no_contacts_starts_with_the_report() -> None:
    step = next_step([], date(2026, 11, 2))
    assert (step.rung.id, step.reason, step.due) == ("complaint_taker", "start", date(2026, 11, 2))


def test_declined_at_front_desk_goes_to_supervisor() -> None:
    step = next_step(
        [_contact(outcome="Declined: 'it's the internet, nothing can be done'")], date(2026, 11, 2)
    )
    assert (step.rung.id, step.reason) == ("supervisor", "declined")


def test_declined_by_sergeant_goes_to_watch_commander() -> None:
    contacts = [
        _contact(outcome="declined"),
        _contact(when=DAY.replace(hour=17), rank="Sergeant", outcome="refused to take a report"),
    ]
    assert next_step(contacts, date(2026, 11, 2)).rung.id == "watch_commander"


def test_staff_sergeant_is_the_watch_commander_not_a_supervisor() -> None:
    step = next_step([_contact(rank="Staff Sergeant", outcome="declined")], date(2026, 11, 2))
    assert step.rung.id == "detectives"


def test_waiting_then_no_news() -> None:
    contact = _contact(outcome="will call back", follow_up_due=date(2026, 11, 9))
    assert next_step([contact], date(2026, 11, 5)).reason == "waiting"
    late = next_step([contact], date(2026, 11, 10))
    assert (late.rung.id, late.reason) == ("supervisor", "no_news")


def test_reminders_ics_has_one_event_per_follow_up() -> None:
    contacts = [_contact(file_number="OPS-1", follow_up_due=date(2026, 11, 9)), _contact()]
    cal = Calendar.from_ical(reminders_ics("c1", contacts, [(date(2026, 11, 3), "Call ICE unit", "")]))
    events = [e for e in cal.walk("VEVENT")]
    assert sorted(str(e["summary"]) for e in events) == ["Call ICE unit", "Follow up: Ottawa Police Service"]
    assert "OPS-1" in str(next(e for e in events if "Follow" in str(e["summary"]))["description"])


def test_cli_contact_log_and_next(cli, tmp_path) -> None:
    case_id = json.loads(cli("case", "new", "Test", "--json").stdout)["id"]
    added = cli(
        "contact", "add", "--case", case_id, "--agency", "Ottawa Police Service", "--officer", "Cst. Example",
        "--badge", "1234", "--when", "2026-11-02 15:00", "--outcome", "declined", "--json",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    listed = json.loads(cli("contact", "list", "--case", case_id, "--json").stdout)
    assert [(c["officer_name"], c["badge_number"]) for c in listed] == [("Cst. Example", "1234")]
    nxt = json.loads(cli("next", "--case", case_id, "--json").stdout)
    assert nxt["rung"] == "supervisor" and nxt["reason"] == "declined"
    ics = tmp_path / "r.ics"
    assert cli("remind", "--case", case_id, "-o", str(ics)).exit_code == 0
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_cli_contact_bad_date_and_unknown_case(cli) -> None:
    case_id = json.loads(cli("case", "new", "Test", "--json").stdout)["id"]
    bad = cli("contact", "add", "--case", case_id, "--agency", "RCMP", "--when", "last tuesday")
    assert bad.exit_code == 2 and "not a date" in bad.stderr
    missing = cli("contact", "add", "--case", "nope", "--agency", "RCMP")
    assert missing.exit_code == 2 and "no case with id 'nope'" in missing.stderr
    assert json.loads(cli("contact", "list", "--case", case_id, "--json").stdout) == []
