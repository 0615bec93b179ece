"""Tables of the messages part (see casekit/store/tables_messages.py).

Revision ID: 0003_messages
Revises: 0002_evidence
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0003_messages"
down_revision = "0002_evidence"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
