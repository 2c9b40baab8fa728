"""The words this coach listens for: the catalogue's names, aliases and acronyms, as they are said.

A recogniser trained on general English hears "G D P R" as "t v p r" and "the I C O" as "the
audio": the names the coach checks most are the ones it hears worst. So each written form in the
catalogue ("UK GDPR", "Consumer Rights Act 2015", "Ofcom") is turned into the words a speaker
says ("u k g d p r", "consumer rights act twenty fifteen", ...), and an engine that can be biased
(pocketsphinx: one dictionary word per phrase, see engines.py) listens for those word sequences
and writes the form back as the catalogue spells it.

Plain Python: no recogniser is imported here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from content.loader import Content

# The catalogue's written forms, each with how often the coach's own content names its entry.
Vocabulary = tuple[tuple[str, int], ...]

# Names whose spelling misleads a letter-by-letter guess: said like these dictionary words.
SAID_LIKE = {"ofcom": "off com", "ofgem": "off gem", "ofwat": "off what"}

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _texts(content: Content) -> list[str]:
    """The coach's own words: its questions, probes and model answers, and the catalogue's notes."""
    texts: list[str] = []
    for prompt in content.prompts.values():
        texts += [prompt.text, *prompt.model_answer, *(probe.text for probe in prompt.probes)]
    for entry in content.catalogue.values():
        texts += [entry.note, entry.remit or "", entry.superseded_note or "", entry.extent_note or ""]
    return texts


def _mentions(forms: list[str], text: str, folded: str) -> int:
    """How often the content names any of `forms` (`folded` is `text` in lower case: a form it
    does not hold is skipped before the costlier regular expression, which keeps building the
    vocabulary, at every start, to a tenth of a second)."""
    count = 0
    for form in forms:
        if form.casefold() not in folded:
            continue
        flags = 0 if form.isupper() else re.I  # "ICO" only in capitals; "Consumer Duty" any case
        count += len(re.findall(rf"(?<![\w]){re.escape(form)}(?![\w])", text, flags))
    return count


def catalogue_forms(content: Content) -> Vocabulary:
    """Every name, alias and abbreviation in the catalogue, once each, with how often the coach's
    own questions, model answers and notes name that entry: the names it asks about most are the
    likeliest to be said ("GDPR" 13 times; "TPR", the Pensions Regulator's acronym, never), which
    settles a close call between two acronyms that sound alike. Misspellings are left out: they
    are typing slips, nobody says them."""
    text = "\n".join(_texts(content))
    folded = text.casefold()
    seen: set[str] = set()
    out: list[tuple[str, int]] = []
    for entry in content.catalogue.values():
        forms = [entry.name, *entry.aliases, *entry.abbreviations]
        mentions = _mentions(forms, text, folded)
        for form in forms:
            if form.casefold() not in seen:
                seen.add(form.casefold())
                out.append((form, mentions))
    return tuple(out)


def two_digits(n: int) -> list[str]:
    """0 to 99 in words: 7 -> ["seven"], 42 -> ["forty", "two"]."""
    if n < 10:
        return [_UNITS[n]]
    if n < 20:
        return [_TEENS[n - 10]]
    return [_TENS[n // 10]] + ([_UNITS[n % 10]] if n % 10 else [])


def cardinal(n: int) -> list[str]:
    """0 to 9999 in British words: 261 -> "two hundred and sixty one"."""
    if n < 100:
        return two_digits(n)
    if n < 1000:
        rest = n % 100
        return [_UNITS[n // 100], "hundred"] + (["and", *two_digits(rest)] if rest else [])
    thousands, rest = divmod(n, 1000)
    words = [*two_digits(thousands), "thousand"]
    if rest >= 100:
        return words + cardinal(rest)
    return words + (["and", *two_digits(rest)] if rest else [])


def year_words(year: int) -> list[list[str]]:
    """The ways a year is said: 2015 as "twenty fifteen" and "two thousand and fifteen", 2008 as
    "two thousand and eight", 1974 as "nineteen seventy four", 1905 as "nineteen oh five"."""
    century, rest = divmod(year, 100)
    said: list[list[str]] = []
    if 2000 <= year < 2010:
        said.append(cardinal(year))
        said.append(["two", "thousand", *two_digits(rest)])
        return said
    if rest == 0:
        said.append([*two_digits(century), "hundred"])
    elif rest < 10:
        said.append([*two_digits(century), "oh", _UNITS[rest]])
    else:
        said.append([*two_digits(century), *two_digits(rest)])
    if year >= 2000:
        said.append(cardinal(year))
    return said


def _number(token: str) -> list[list[str]]:
    n = int(token)
    if len(token) == 4 and 1800 <= n <= 2099:
        return year_words(n)
    digits = [_UNITS[int(d)] for d in token]  # "23592": digit by digit
    if len(token) <= 2 and not token.startswith("0"):
        return [cardinal(n)]
    if len(token) <= 4 and not token.startswith("0"):
        return [cardinal(n), digits]  # "261": "two hundred and sixty one" or "two six one"
    return [digits]


def _is_acronym(part: str) -> bool:
    """"GDPR", "UK", "ID": said letter by letter. A capital and a small letter or two ("EqA",
    "SoGA") too: learners spell those as well."""
    return (len(part) >= 2 and part.isupper()) or (
        len(part) <= 4 and sum(c.isupper() for c in part) >= 2 and part.isalpha()
    )


def _parts(token: str) -> list[str]:
    """Split a written token where letters meet digits, and where a run of capitals meets a
    capitalised word: "UK261" -> UK, 261; "CCWater" -> CC, Water; "ServiceMark" -> Service, Mark."""
    parts: list[str] = []
    for piece in re.findall(r"[A-Za-z']+|\d+", token):
        if piece.isdigit() or _is_acronym(piece):
            parts.append(piece)
            continue
        parts.extend(re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z']+|[A-Z]+", piece))
    return parts


def spoken(form: str) -> list[tuple[str, ...]]:
    """The word sequences a speaker says for a written form, lower case, one letter a word for a
    spelled acronym: "UK GDPR" -> [("u", "k", "g", "d", "p", "r")]. Empty when the form holds
    nothing sayable."""
    text = form.replace("&", " and ").replace("etc.", "et cetera").replace("etc ", "et cetera ")
    text = re.sub(r"[()\[\],:;\"/]", " ", text)
    variants: list[list[str]] = [[]]
    for token in re.split(r"[\s\-]+", text):
        token = token.strip(".'")
        if not token:
            continue
        for part in _parts(token):
            if part.isdigit():
                options = _number(part)
            elif _is_acronym(part):
                # Spelled; and said as a word too when it could be one ("HEAT", "ISO", "SERVQUAL").
                options = [[c.lower() for c in part if c.isalpha()]]
                if len(part) >= 3 and re.search("[AEIOUY]", part):
                    options.append([part.lower()])
            else:
                options = [SAID_LIKE.get(part.lower(), part.lower()).split()]
            variants = [v + o for v in variants for o in options][:4]
    return [tuple(v) for v in variants if v]


def phrases(vocabulary: Iterable[tuple[str, int]]) -> dict[tuple[str, ...], tuple[str, int]]:
    """Each spoken word sequence, with the form to write for it and that form's mentions (the
    first form that says it wins)."""
    out: dict[tuple[str, ...], tuple[str, int]] = {}
    for form, mentions in vocabulary:
        for words in spoken(form):
            if words not in out:
                out[words] = (form, mentions)
    return out
