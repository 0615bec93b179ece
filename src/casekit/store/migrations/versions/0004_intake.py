"""Tables of the intake part (see casekit/store/tables_intake.py): interview progress and answers.

Revision ID: 0004_intake
Revises: 0003_messages
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from casekit.store.base import UTCDateTime

revision = "0004_intake"
down_revision = "0003_messages"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "intake_progress",
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("interview_version", sa.String(32), nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("current_question", sa.String(80), nullable=True),
        sa.Column("safety_confirmed", sa.JSON(), nullable=False),
        sa.Column("started", UTCDateTime(), nullable=False),
        sa.Column("updated", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_intake_progress_case_id_cases"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_intake_progress")),
    )
    op.create_table(
        "intake_answers",
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("question_id", sa.String(80), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("recorded", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_intake_answers_case_id_cases"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("case_id", "question_id", name=op.f("pk_intake_answers")),
    )


def downgrade() -> None:
    op.drop_table("intake_answers")
    op.drop_table("intake_progress")
