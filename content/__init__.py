"""The question bank and knowledge catalogue (YAML), their pydantic models and the loader."""
