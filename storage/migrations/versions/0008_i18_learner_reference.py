"""learner_reference: the full name and learner or ULN number an assessor files a learner under

Revision ID: 0008_i18_learner_reference
Revises: 0007_i13e_disputes
Create Date: 2026-12-04 07:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = '0008_i18_learner_reference'
down_revision: str | None = '0007_i13e_disputes'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('learner_reference',
    sa.Column('assessor_id', sa.Integer(), nullable=False),
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('full_name', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assessor_id'], ['learner.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['learner_id'], ['learner.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('assessor_id', 'learner_id')
    )
    with op.batch_alter_table('learner_reference', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_learner_reference_learner_id'), ['learner_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('learner_reference', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_learner_reference_learner_id'))
    op.drop_table('learner_reference')
