"""python-telegram-bot handlers, keyboards and the text rendering of domain results."""
