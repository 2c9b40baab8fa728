"""SQLModel tables, Alembic migrations and small async query functions."""
