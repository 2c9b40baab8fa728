"""answer comments: an assessor's comment on an answer and the learner's one reply

Revision ID: 0004_i18
Revises: 0003
Create Date: 2026-12-03 11:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004_i18'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('answer_comment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('assessor_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reply_prompt_message_id', sa.BigInteger(), nullable=True),
    sa.Column('reply', sa.Text(), nullable=True),
    sa.Column('replied_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['assessor_id'], ['learner.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempt.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['learner_id'], ['learner.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('answer_comment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answer_comment_attempt_id'), ['attempt_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_answer_comment_learner_id'), ['learner_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('answer_comment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answer_comment_learner_id'))
        batch_op.drop_index(batch_op.f('ix_answer_comment_attempt_id'))
    op.drop_table('answer_comment')
