"""draft.replacing: the part of the answer a learner's next message replaces (voice correction)

Revision ID: 0009_i15_draft_replacing
Revises: 0006_i20_inbox
Create Date: 2026-12-04 09:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009_i15_draft_replacing'
down_revision: str | None = '0006_i20_inbox'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.add_column(sa.Column('replacing', sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.drop_column('replacing')
