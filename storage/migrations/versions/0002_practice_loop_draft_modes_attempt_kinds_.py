"""practice loop: draft modes, attempt kinds, onboarding step, processed updates

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 05:35:09.186367
"""

# Existing rows get the defaults through server_default, so an upgrade keeps every answer.

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('processed_update',
    sa.Column('update_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('processed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('update_id')
    )
    with op.batch_alter_table('processed_update', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_processed_update_processed_at'), ['processed_at'], unique=False)

    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=10), nullable=False, server_default='answer'))
        batch_op.add_column(sa.Column('parent_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_attempt_parent_id_attempt', 'attempt', ['parent_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mode', sa.String(length=10), nullable=False, server_default='answer'))
        batch_op.add_column(sa.Column('parent_attempt_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('probe_point', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('status_message_id', sa.BigInteger(), nullable=True))

    with op.batch_alter_table('learner', schema=None) as batch_op:
        batch_op.add_column(sa.Column('onboarding_step', sa.String(length=20), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('learner', schema=None) as batch_op:
        batch_op.drop_column('onboarding_step')

    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.drop_column('status_message_id')
        batch_op.drop_column('probe_point')
        batch_op.drop_column('parent_attempt_id')
        batch_op.drop_column('mode')

    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_constraint('fk_attempt_parent_id_attempt', type_='foreignkey')
        batch_op.drop_column('parent_id')
        batch_op.drop_column('kind')

    with op.batch_alter_table('processed_update', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_processed_update_processed_at'))

    op.drop_table('processed_update')
