"""Exhibits stored in pack files (casekit/vault/packs.py): each row says which pack holds its
encrypted blob, at which offset and how long.  Rows made before (NULL pack) keep their one-file blob.

Revision ID: 0005_packs
Revises: 0004_intake
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_packs"
down_revision = "0004_intake"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("exhibits", sa.Column("pack", sa.String(64), nullable=True))
    op.add_column("exhibits", sa.Column("pack_offset", sa.BigInteger(), nullable=True))
    op.add_column("exhibits", sa.Column("pack_length", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("exhibits") as batch:
        batch.drop_column("pack_length")
        batch.drop_column("pack_offset")
        batch.drop_column("pack")
