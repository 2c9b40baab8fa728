"""Daily reminders: planning the next nudge in local time, and the dispatcher that sends them once."""
