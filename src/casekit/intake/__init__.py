"""Intake: a calm, guided interview that triages first and fills a case's facts.

The interview and its advice are data (``intake/data/interview.yaml``, ``guidance.yaml``), in English and
French.  The engine is pure and knows no terminal, so the same definition drives the CLI, answer files,
the web wizard and the tests:

* ``walk(interview, answers)`` → a ``Step``: the next question, a stop (someone in danger), or the end;
* ``Intake(store, case_id)`` keeps answers and facts in the store as they are given, resumable;
* ``outcome(step, case_id, lang)`` → what to do now / while you wait / in the next hour.
"""

from __future__ import annotations

from .advice import Advice, Outcome, outcome
from .answerfile import AnswerFile, read_answer_file, run_answer_file
from .answers import AnswerError, parse_answer
from .assessment import assess_step
from .definition import load_guidance, load_interview
from .engine import FactValue, Known, Status, Step, facts_for, walk
from .schema import GuidanceBook, Interview, Question
from .service import Intake
from .view import describe, step_view

__all__ = [
    "Advice",
    "AnswerError",
    "AnswerFile",
    "FactValue",
    "GuidanceBook",
    "Intake",
    "Interview",
    "Known",
    "Outcome",
    "Question",
    "Status",
    "Step",
    "assess_step",
    "describe",
    "facts_for",
    "load_guidance",
    "load_interview",
    "outcome",
    "parse_answer",
    "read_answer_file",
    "run_answer_file",
    "step_view",
    "walk",
]
