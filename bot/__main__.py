"""`python -m bot` is the same as `star-coach`."""

from bot.app.cli import main

raise SystemExit(main())
