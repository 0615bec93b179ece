"""Tables of the evidence part (see casekit/store/tables_evidence.py): exhibits, the custody log, wrapped
case keys and the signing key.

Revision ID: 0002_evidence
Revises: 0001_cases
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from casekit.store.base import UTCDateTime

revision = "0002_evidence"
down_revision = "0001_cases"
branch_labels = None
depends_on = None


def _case_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["case_id"], ["cases.id"], name=op.f(f"fk_{table}_case_id_cases"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "exhibits",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("original_name", sa.Text(), nullable=False),
        sa.Column("original_path", sa.Text(), nullable=True),
        sa.Column("media_type", sa.String(128), nullable=True),
        sa.Column("md5", sa.String(32), nullable=True),
        sa.Column("pdq", sa.String(64), nullable=True),
        sa.Column("pdq_quality", sa.Integer(), nullable=True),
        sa.Column("sensitive", sa.Boolean(), nullable=False),
        sa.Column("stored", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("metadata", sa.JSON(), nullable=False),
        sa.Column("acquired", UTCDateTime(), nullable=False),
        _case_fk("exhibits"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exhibits")),
        sa.UniqueConstraint("case_id", "sha256", name="uq_exhibits_case_id_sha256"),
        sa.UniqueConstraint("case_id", "number", name="uq_exhibits_case_id_number"),
    )
    op.create_index(op.f("ix_exhibits_case_id"), "exhibits", ["case_id"])
    op.create_table(
        "custody_log",
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("time", UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("exhibit_sha256", sa.String(64), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("entry_hash", sa.String(64), nullable=False),
        sa.Column("signature", sa.String(128), nullable=True),
        _case_fk("custody_log"),
        sa.PrimaryKeyConstraint("case_id", "seq", name=op.f("pk_custody_log")),
    )
    op.create_table(
        "vault_case_keys",
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("wrapped", sa.LargeBinary(), nullable=False),
        sa.Column("kdf", sa.JSON(), nullable=False),
        sa.Column("created", UTCDateTime(), nullable=False),
        _case_fk("vault_case_keys"),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_vault_case_keys")),
    )
    op.create_table(
        "vault_signing_keys",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("public_pem", sa.Text(), nullable=False),
        sa.Column("wrapped_private", sa.LargeBinary(), nullable=False),
        sa.Column("kdf", sa.JSON(), nullable=False),
        sa.Column("created", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vault_signing_keys")),
    )


def downgrade() -> None:
    for table in ("vault_signing_keys", "vault_case_keys", "custody_log", "exhibits"):
        op.drop_table(table)
