"""Tables of the intake part (see casekit/store/tables_intake.py).

Revision ID: 0004_intake
Revises: 0003_messages
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0004_intake"
down_revision = "0003_messages"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
