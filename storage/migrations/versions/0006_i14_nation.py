"""learner.nation: the UK nation whose law applies where the learner works

Revision ID: 0006_i14_nation
Revises: 0005_i18
Create Date: 2026-12-04 05:40:00
"""

# Existing learners get `unknown` through server_default: the coach then asks, never guesses.
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = '0006_i14_nation'
down_revision: str | None = '0005_i18'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('learner', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'nation', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False,
            server_default='unknown',
        ))


def downgrade() -> None:
    with op.batch_alter_table('learner', schema=None) as batch_op:
        batch_op.drop_column('nation')
