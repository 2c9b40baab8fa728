"""Close matches for a mistyped id or name, so an error can say "did you mean ...?"."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process, utils


def close_matches(word: str, choices: Iterable[str], limit: int = 3, cutoff: float = 60.0) -> list[str]:
    """Up to `limit` of `choices` most like `word`, best first: those containing it, then those
    spelt alike (a plain edit ratio; a partial one would offer anything sharing a syllable)."""
    options = list(choices)
    key = utils.default_process(word)
    containing = [c for c in options if len(key) >= 3 and key in utils.default_process(c)]
    alike = process.extract(
        word, options, scorer=fuzz.ratio, processor=utils.default_process,
        limit=limit, score_cutoff=cutoff,
    )
    found = containing + [c for c, _score, _index in alike if c not in containing]
    return found[:limit]


def unknown(kind: str, word: str, choices: Iterable[str], listing: str) -> str:
    """`unknown sector id 'retial' (did you mean retail?); star-coach content list sectors lists them`."""
    near = close_matches(word, choices)
    hint = f" (did you mean {' or '.join(near)}?)" if near else ""
    return f"unknown {kind} id {word!r}{hint}; `{listing}` lists them"
