"""Follow-through: the log of contacts with police, what to ask for next, and reminders.

``next_step(contacts, today)`` reads the contact log and says which rung of the escalation ladder
(``ladder.yaml``: complaint taker → supervisor → watch commander → detectives → oversight body) to climb
next, and when.  ``reminders_ics(...)`` turns follow-up dates into an iCalendar file.
"""

from .escalation import LADDER, NextStep, Rung, next_step
from .reminders import reminders_ics

__all__ = ["LADDER", "NextStep", "Rung", "next_step", "reminders_ics"]
