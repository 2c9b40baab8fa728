"""`python -m bot` is the same as `star-coach`."""

from bot.cli import main

raise SystemExit(main())
