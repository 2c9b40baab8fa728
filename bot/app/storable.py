"""Text any database stores: no NUL (PostgreSQL refuses it in text) and no unpaired surrogate
(not UTF-8 at all, as piped Latin-1 bytes or a broken emoji arrive in Python). Shared by the
durable inbox (every update) and the terminal (every line); no Telegram import, so the terminal
starts without one."""

from __future__ import annotations

import re
from typing import Any

_UNSAFE = re.compile("[\x00\ud800-\udfff]")


def _clean_text(value: str) -> str:
    """No NUL (PostgreSQL refuses it in text) and no unpaired surrogate (not UTF-8 at all):
    NUL is dropped, a lone surrogate becomes U+FFFD, the replacement character."""
    return _UNSAFE.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", value)


def clean(data: Any) -> tuple[Any, bool]:
    """Every string in a decoded update made storable, and whether anything changed."""
    if isinstance(data, str):
        cleaned = _clean_text(data) if _UNSAFE.search(data) else data
        return cleaned, cleaned is not data
    if isinstance(data, list):
        items = [clean(item) for item in data]
        return [v for v, _ in items], any(c for _, c in items)
    if isinstance(data, dict):
        pairs = {k: clean(v) for k, v in data.items()}
        return {k: v for k, (v, _) in pairs.items()}, any(c for _, c in pairs.values())
    return data, False
