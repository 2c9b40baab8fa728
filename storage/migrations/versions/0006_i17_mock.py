"""mock discussion: mock_session; the learner's standard and assessment date

Revision ID: 0006_i17_mock
Revises: 0006_i14_nation
Create Date: 2026-12-04 05:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = '0006_i17_mock'
down_revision: str | None = '0006_i14_nation'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch copy of `learner`: on SQLite a batch copy drops and
    # recreates the table, and with foreign keys on that would cascade to every answer.
    op.add_column('learner', sa.Column('standard', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True))
    op.add_column('learner', sa.Column('exam_date', sa.Date(), nullable=True))
    op.add_column('learner', sa.Column('mock_running', sa.Boolean(), server_default='0', nullable=False))
    op.create_table('mock_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('standard_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('active_seconds', sa.Integer(), nullable=False),
    sa.Column('resumed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('question', sa.JSON(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('parts', sa.Integer(), nullable=False),
    sa.Column('turns', sa.JSON(), nullable=False),
    sa.Column('report', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['learner_id'], ['learner.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('mock_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mock_session_finished_at'), ['finished_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_mock_session_learner_id'), ['learner_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('mock_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mock_session_learner_id'))
        batch_op.drop_index(batch_op.f('ix_mock_session_finished_at'))
    op.drop_table('mock_session')
    # Plain DROP COLUMN (SQLite 3.35+), for the reason given in upgrade().
    op.drop_column('learner', 'mock_running')
    op.drop_column('learner', 'exam_date')
    op.drop_column('learner', 'standard')
