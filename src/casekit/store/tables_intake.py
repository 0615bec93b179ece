"""Tables owned by the intake part: where an interview stands, and each answer as it was given.

Answers are kept apart from facts: a fact is what the law engine reads, an answer is what the person
said (including "I don't know"), so an interview can be left and resumed exactly where it stopped and a
changed answer can take back the facts it wrote.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, JSONType, UTCDateTime


class IntakeProgressRow(Base):
    __tablename__ = "intake_progress"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    interview_version: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(24))
    lang: Mapped[str] = mapped_column(String(8))
    current_question: Mapped[str | None] = mapped_column(String(80), nullable=True)
    # Danger reasons the person has told us are handled ("everyone is safe now"), so a resumed
    # interview does not stop again on the same answer; a new danger still stops it.
    safety_confirmed: Mapped[list[str]] = mapped_column(JSONType, default=list)
    started: Mapped[datetime] = mapped_column(UTCDateTime())
    updated: Mapped[datetime] = mapped_column(UTCDateTime())


class IntakeAnswerRow(Base):
    __tablename__ = "intake_answers"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    question_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    # None means "I don't know" / skipped: the question was asked and deliberately left open.
    value: Mapped[Any] = mapped_column(JSONType, nullable=True)
    recorded: Mapped[datetime] = mapped_column(UTCDateTime())
