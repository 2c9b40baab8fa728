"""Settings, application assembly, the CLI and the domain services (no telegram imports in the domain)."""
