"""Settings, application assembly, the CLI and the domain services (no telegram imports in the domain)."""

import os

# python-telegram-bot 22 gives time periods (RetryAfter.retry_after, a voice note's duration) as
# int seconds with a PTBDeprecationWarning, or, opted in through PTB_TIMEDELTA, as the
# datetime.timedelta PTB 23 will always give. The coach reads them as timedelta
# (handlers.reminders), so it opts in before any Telegram object is made.
os.environ["PTB_TIMEDELTA"] = "true"
