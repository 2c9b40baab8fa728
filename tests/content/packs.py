"""Small builders for operator content packs written to a temporary folder in tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ACME_PACK = REPO / "docs" / "examples" / "acme-pack"

# A prompt that is valid against the shipped content; tests break one thing at a time.
GOOD_PROMPT = """\
- id: pack_prompt
  topic: rules_and_law
  text: Tell me about a time you applied the law to a customer's request.
  levels: [2, 3]
  marking_points:
    - id: law
      check: names_legislation
      text: Names the legislation that applied, with its year.
    - id: star
      check: star_complete
      text: Gives the situation, task, action and result.
  probes:
    - point: law
      text: Which Act applied, and what year is it from?
  model_answer:
    - "Situation: a customer asked for a refund."
    - "Task: I had to check the Consumer Rights Act 2015."
    - "Result: refunded in 5 minutes."
"""

GOOD_POLICY = """\
- id: pack_policy
  kind: policy
  name: Pack Price Promise
  aliases: [pack price match]
  note: Matches a competitor's lower price on identical items.
  source: https://intranet.example.com/price-promise
"""


def write(pack: Path, relative: str, text: str) -> Path:
    """Write one file of a pack (creating folders) and return its path."""
    path = pack / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path
