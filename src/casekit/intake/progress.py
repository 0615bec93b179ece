"""Where an interview stands for a case, kept in the store so it can be left and resumed.

``IntakeRepository`` speaks plain values; only this module and the table module know the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..model import utcnow
from ..store.tables_intake import IntakeAnswerRow, IntakeProgressRow


@dataclass(frozen=True)
class Progress:
    case_id: str
    interview_version: str
    status: str
    lang: str
    current_question: str | None
    safety_confirmed: tuple[str, ...]
    started: datetime
    updated: datetime


def _progress(row: IntakeProgressRow) -> Progress:
    return Progress(
        case_id=row.case_id,
        interview_version=row.interview_version,
        status=row.status,
        lang=row.lang,
        current_question=row.current_question,
        safety_confirmed=tuple(row.safety_confirmed or ()),
        started=row.started,
        updated=row.updated,
    )


class IntakeRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def progress(self, case_id: str) -> Progress | None:
        row = self.session.get(IntakeProgressRow, case_id)
        return _progress(row) if row is not None else None

    def save_progress(
        self,
        case_id: str,
        *,
        version: str,
        status: str,
        lang: str,
        current_question: str | None,
        safety_confirmed: tuple[str, ...] | None = None,
    ) -> Progress:
        row = self.session.get(IntakeProgressRow, case_id)
        now = utcnow()
        if row is None:
            row = IntakeProgressRow(case_id=case_id, started=now, safety_confirmed=[])
            self.session.add(row)
        row.interview_version = version
        row.status = status
        row.lang = lang
        row.current_question = current_question
        if safety_confirmed is not None:
            row.safety_confirmed = sorted(safety_confirmed)
        row.updated = now
        self.session.flush()
        return _progress(row)

    def answers(self, case_id: str) -> dict[str, Any]:
        rows = self.session.scalars(select(IntakeAnswerRow).where(IntakeAnswerRow.case_id == case_id))
        return {r.question_id: r.value for r in rows}

    def save_answer(self, case_id: str, question_id: str, value: Any) -> None:
        row = self.session.get(IntakeAnswerRow, (case_id, question_id))
        if row is None:
            row = IntakeAnswerRow(case_id=case_id, question_id=question_id)
            self.session.add(row)
        row.value = value
        row.recorded = utcnow()
        self.session.flush()

    def forget_answer(self, case_id: str, question_id: str) -> None:
        self.session.execute(
            delete(IntakeAnswerRow).where(
                IntakeAnswerRow.case_id == case_id, IntakeAnswerRow.question_id == question_id
            )
        )

    def clear(self, case_id: str) -> None:
        self.session.execute(delete(IntakeAnswerRow).where(IntakeAnswerRow.case_id == case_id))
        self.session.execute(delete(IntakeProgressRow).where(IntakeProgressRow.case_id == case_id))
