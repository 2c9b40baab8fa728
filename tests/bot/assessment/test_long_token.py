"""One very long "word" (20,000 letters pasted without a space) is assessed in time linear in its
length (issue 20, item 7): the reasoning cue used to try a branch at every letter and walk to the
word's end each time, 34 s on the event loop for 20,000 letters. Measured as a ratio, not a time:
ten times the letters may take about ten times as long, not a hundred."""

from __future__ import annotations

import random
import string
import time

from bot.assessment import Assessor
from tests.helpers import has_reasoning


def _best_of_three(assessor: Assessor, text: str) -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        assessor.assess(text)
        times.append(time.perf_counter() - started)
    return min(times)


def test_a_long_word_costs_linear_time(assessor: Assessor) -> None:
    rng = random.Random(1)
    word = "".join(rng.choice(string.ascii_lowercase) for _ in range(20_000))
    short, long = _best_of_three(assessor, word[:2_000]), _best_of_three(assessor, word)
    assert long < 40 * max(short, 0.001), (short, long)


def test_the_reasoning_cue_still_reads_so_after_a_clause() -> None:
    assert has_reasoning("The customer was waiting, so I logged the refund at once.")
    assert has_reasoning("I checked the policy so we could offer a repair.")
    assert not has_reasoning("I said sorry and sent a new one.")
