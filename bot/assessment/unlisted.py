"""Laws an answer names that the catalogue does not hold: "the Renting Homes (Wales) Act 2016".

The catalogue (content/data/catalogue) holds the laws the syllabus asks about, each with its
years, nations and corrections. A learner may name another one, rightly: a housing Act, a local
by-law, a sector's regulations. The coach cannot check it, so it neither praises nor corrects it,
but it must not answer "What you named: nothing yet" to an answer that named an Act. Only names
shaped like legislation are taken: capitalised words ending in Act, Regulations, Order or Measure
and a year, as written.
"""

from __future__ import annotations

import re

from bot.assessment.types import Found

# A part of a title in brackets: "(Wales)", "(Fitness for Human Habitation)".
BRACKETED = r"\([A-Z][\w'’ -]{0,40}\)"
# Capitalised words (and the small words inside a title), then the kind of law, then its year.
LAW_NAME = re.compile(
    r"\b[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|" + BRACKETED + r"|of|and|for|the|to|on|in|at|&))*"
    r"\s+(?:Act|Regulations|Order|Measure)(?:\s+" + BRACKETED + r")?\s+(?:18|19|20)\d\d\b"
)
# Words that can open a sentence before a name without being part of it: "Under the Housing Act 1988".
NOT_THE_NAME = frozenset({
    "under", "in", "by", "with", "and", "so", "but", "because", "as", "the", "i", "we", "then", "also",
    "our", "that", "this", "it", "its", "it's", "there", "after", "before", "since", "from", "per",
    "following", "when", "if", "cos", "plus", "through", "about", "of", "to", "on", "at", "for",
})
MAX_NAMES = 3


def unlisted_laws(text: str, found: list[Found]) -> list[str]:
    """Legislation-shaped names in ``text`` that no catalogue entry matched, as written, in order."""
    taken = [(f.start, f.end) for f in found]
    out: list[str] = []
    for m in LAW_NAME.finditer(text):
        start, name = m.start(), m.group(0)
        words = name.split(" ")
        while len(words) > 2 and words[0].lower() in NOT_THE_NAME:
            start += len(words[0]) + 1
            words = words[1:]
        name = " ".join(words)
        if len(words) < 3 or any(s < m.end() and start < e for s, e in taken) or name in out:
            continue
        out.append(name)
        if len(out) == MAX_NAMES:
            break
    return out
