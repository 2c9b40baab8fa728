"""Alembic environment and revisions for the STAR Coach schema."""
