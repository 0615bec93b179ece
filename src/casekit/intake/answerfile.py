"""Running the interview from a YAML file of answers (``casekit intake --answers FILE``).

The file::

    description: A short sentence naming the situation (optional)
    lang: en                      # optional: the language of the advice
    safety_confirmed: false       # optional: go on past a danger stop ("everyone is safe now")
    answers:
      danger_now: [none]
      victim_age: 9
      platform: [instagram]
      deception: yes
      live_sexual_video_by_minor: "?"   # I don't know

Every answer is checked before anything is saved, so a mistake in the file changes nothing.  A question
the file does not answer stays open: the run stops there and ``casekit intake --case ID`` asks it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import IntakeError
from ..i18n import t
from .answers import AnswerError
from .engine import Status, Step
from .service import Intake

KEYS = {"description", "lang", "safety_confirmed", "answers"}


@dataclass(frozen=True)
class AnswerFile:
    path: Path
    answers: dict[str, Any]
    lang: str | None = None
    description: str | None = None
    safety_confirmed: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _file_error(path: Path, reason: str) -> IntakeError:
    return IntakeError.from_key("intake.error.answer_file", file=path.name, reason=reason)  # type: ignore[return-value]


def read_answer_file(path: Path) -> AnswerFile:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise _file_error(path, exc.strerror or type(exc).__name__) from None
    except UnicodeDecodeError:
        raise _file_error(path, "not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"YAML error at line {mark.line + 1}" if mark is not None else "YAML error"
        raise _file_error(path, where) from None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise _file_error(path, "no 'answers:' mapping")
    unknown = sorted(set(map(str, data)) - KEYS)
    if unknown:
        raise _file_error(path, f"unknown key '{unknown[0]}'")
    lang = data.get("lang")
    if lang is not None and lang not in ("en", "fr"):
        raise _file_error(path, "lang must be en or fr")
    return AnswerFile(
        path=path,
        answers={str(k): v for k, v in data["answers"].items()},
        lang=lang,
        description=data.get("description"),
        safety_confirmed=bool(data.get("safety_confirmed", False)),
    )


def run_answer_file(intake: Intake, doc: AnswerFile) -> Step:
    """Check every answer, save them together, and go as far as the answers allow."""
    parsed: dict[str, Any] = {}
    for question_id, raw in doc.answers.items():
        if intake.interview.question(question_id) is None:
            raise IntakeError.from_key(
                "intake.error.answer_in_file",
                file=doc.path.name,
                question=question_id,
                expect=t("intake.error.unknown_question", question=question_id),
            )
        try:
            parsed[question_id] = intake.parse(question_id, raw)
        except AnswerError as exc:
            raise IntakeError.from_key(
                "intake.error.answer_in_file", file=doc.path.name, question=question_id, expect=exc.hint or ""
            ) from None
    step = intake.answer_many(parsed)
    if step.status is Status.stopped and doc.safety_confirmed:
        step = intake.confirm_safe()
    return step
