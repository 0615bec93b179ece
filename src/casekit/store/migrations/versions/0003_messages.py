"""Chat imports and messages (see casekit/store/tables_messages.py).

Revision ID: 0003_messages
Revises: 0002_evidence
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from casekit.store.base import UTCDateTime

revision = "0003_messages"
down_revision = "0002_evidence"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "chat_imports",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("exhibit_sha256", sa.String(64), nullable=False),
        sa.Column("source_name", sa.Text(), nullable=False),
        sa.Column("importer", sa.String(40), nullable=False),
        sa.Column("platform", sa.String(40), nullable=False),
        sa.Column("message_count", sa.Integer(), nullable=False),
        sa.Column("date_order", sa.String(8), nullable=True),
        sa.Column("timezone", sa.String(64), nullable=True),
        sa.Column("timezone_assumed", sa.String(64), nullable=True),
        sa.Column("imported", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_chat_imports_case_id_cases"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chat_imports")),
    )
    op.create_index(op.f("ix_chat_imports_case_id"), "chat_imports", ["case_id"])
    op.create_table(
        "messages",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("import_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("exhibit_sha256", sa.String(64), nullable=False),
        sa.Column("locator", sa.Text(), nullable=False),
        sa.Column("platform", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("timestamp", UTCDateTime(), nullable=True),
        sa.Column("timezone_assumed", sa.String(64), nullable=True),
        sa.Column("edited", sa.Boolean(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_messages_case_id_cases"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["chat_imports.id"],
            name=op.f("fk_messages_import_id_chat_imports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_messages")),
    )
    op.create_index(op.f("ix_messages_case_id"), "messages", ["case_id"])
    op.create_index(op.f("ix_messages_import_id"), "messages", ["import_id"])
    op.create_index("ix_messages_case_id_timestamp", "messages", ["case_id", "timestamp"])


def downgrade() -> None:
    op.drop_table("messages")
    op.drop_table("chat_imports")
