"""point disputes: a learner says the coach got one marking point of an answer wrong

Revision ID: 0007_i13e_disputes
Revises: 0006_i17_mock
Create Date: 2026-12-04 06:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = '0007_i13e_disputes'
down_revision: str | None = '0006_i17_mock'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('point_dispute',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('prompt_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('point_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('point_text', sa.Text(), nullable=False),
    sa.Column('coach_met', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempt.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['learner_id'], ['learner.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('attempt_id', 'point_id')
    )
    with op.batch_alter_table('point_dispute', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_point_dispute_attempt_id'), ['attempt_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_point_dispute_learner_id'), ['learner_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('point_dispute', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_point_dispute_learner_id'))
        batch_op.drop_index(batch_op.f('ix_point_dispute_attempt_id'))
    op.drop_table('point_dispute')
