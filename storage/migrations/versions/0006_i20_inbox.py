"""durable inbox: every update stored before it is acknowledged, claimed with a lease, handled
once; draft parts keep their Telegram message ids (replaces processed_update)

Revision ID: 0006_i20_inbox
Revises: 0008_i18_learner_reference
Create Date: 2026-12-04 05:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = '0006_i20_inbox'
down_revision: str | None = '0008_i18_learner_reference'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('inbox_update',
    sa.Column('update_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('chat_key', sa.BigInteger(), nullable=True),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claim_token', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('claimed_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('update_id')
    )
    open_rows = sa.text("done_at IS NULL")
    with op.batch_alter_table('inbox_update', schema=None) as batch_op:
        batch_op.create_index(
            'ix_inbox_update_open', ['update_id'], unique=False,
            postgresql_where=open_rows, sqlite_where=open_rows,
        )
        batch_op.create_index(
            'ix_inbox_update_open_chat', ['chat_key', 'update_id'], unique=False,
            postgresql_where=open_rows, sqlite_where=open_rows,
        )
    # The inbox remembers handled update ids; the old table is no longer read.
    with op.batch_alter_table('processed_update', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_processed_update_processed_at'))
    op.drop_table('processed_update')
    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('part_messages', sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
    with op.batch_alter_table('mock_session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_message_id', sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('mock_session', schema=None) as batch_op:
        batch_op.drop_column('last_message_id')
    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.drop_column('part_messages')
    op.create_table('processed_update',
    sa.Column('update_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('processed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('update_id')
    )
    with op.batch_alter_table('processed_update', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_processed_update_processed_at'), ['processed_at'], unique=False)
    with op.batch_alter_table('inbox_update', schema=None) as batch_op:
        batch_op.drop_index('ix_inbox_update_open_chat')
        batch_op.drop_index('ix_inbox_update_open')
    op.drop_table('inbox_update')
