"""review cards, reminders, nudge log, assessors, cohorts

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 05:56:08.086203
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate renders sqlmodel's string type)
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('invite_failure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('telegram_user_id', sa.BigInteger(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('invite_failure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invite_failure_telegram_user_id'), ['telegram_user_id'], unique=False)

    op.create_table('area_card',
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.String(length=40), nullable=False),
    sa.Column('skill', sa.String(length=20), nullable=False),
    sa.Column('mastery', sa.Float(), nullable=False),
    sa.Column('reviews', sa.Integer(), nullable=False),
    sa.Column('card', sa.JSON(), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['learner_id'], ['learner.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('learner_id', 'topic_id', 'skill')
    )
    with op.batch_alter_table('area_card', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_area_card_due_at'), ['due_at'], unique=False)

    op.create_table('assessor',
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('granted_by', sa.BigInteger(), nullable=True),
    sa.Column('granted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('digest_day', sa.Integer(), nullable=False),
    sa.Column('digest_time', sa.String(length=5), nullable=False),
    sa.Column('digest_next_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['learner_id'], ['learner.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('learner_id')
    )
    with op.batch_alter_table('assessor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessor_digest_next_at'), ['digest_next_at'], unique=False)

    op.create_table('assessor_invite',
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('created_by', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('used_by', sa.Integer(), nullable=True),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['used_by'], ['learner.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('cohort',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessor_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('invite_code', sa.String(length=64), nullable=True),
    sa.Column('invite_expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assessor_id'], ['learner.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('cohort', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cohort_assessor_id'), ['assessor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cohort_invite_code'), ['invite_code'], unique=True)

    op.create_table('nudge_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('telegram_message_id', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['learner_id'], ['learner.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('learner_id', 'due_at', name='uq_nudge_once')
    )
    with op.batch_alter_table('nudge_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nudge_log_learner_id'), ['learner_id'], unique=False)

    op.create_table('reminder',
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('local_time', sa.String(length=5), nullable=False),
    sa.Column('days', sa.String(length=7), nullable=False),
    sa.Column('next_due_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('snoozed_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ignored_in_row', sa.Integer(), nullable=False),
    sa.Column('last_sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('claim_token', sa.String(length=40), nullable=True),
    sa.Column('claimed_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('disabled_reason', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['learner_id'], ['learner.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('learner_id')
    )
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminder_next_due_at'), ['next_due_at'], unique=False)

    op.create_table('cohort_member',
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('share_answers', sa.Boolean(), nullable=False),
    sa.Column('joined_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohort.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['learner_id'], ['learner.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('cohort_id', 'learner_id')
    )


def downgrade() -> None:
    op.drop_table('cohort_member')
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminder_next_due_at'))

    op.drop_table('reminder')
    with op.batch_alter_table('nudge_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nudge_log_learner_id'))

    op.drop_table('nudge_log')
    with op.batch_alter_table('cohort', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cohort_invite_code'))
        batch_op.drop_index(batch_op.f('ix_cohort_assessor_id'))

    op.drop_table('cohort')
    op.drop_table('assessor_invite')
    with op.batch_alter_table('assessor', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessor_digest_next_at'))

    op.drop_table('assessor')
    with op.batch_alter_table('area_card', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_area_card_due_at'))

    op.drop_table('area_card')
    with op.batch_alter_table('invite_failure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invite_failure_telegram_user_id'))

    op.drop_table('invite_failure')
