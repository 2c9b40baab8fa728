"""The wiring: settings, the composition root, the Telegram application, webhook, CLI, terminal mode, logs."""
