"""Tables of the evidence part (see casekit/store/tables_evidence.py).

Revision ID: 0002_evidence
Revises: 0001_cases
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0002_evidence"
down_revision = "0001_cases"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
