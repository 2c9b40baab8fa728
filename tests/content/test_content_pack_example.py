"""The worked example in docs/content.md is a real pack that loads and is used."""

from __future__ import annotations

import re

import pytest

from bot.assessment import Assessor
from content.loader import ContentError, load_content
from content.models import Kind
from tests.content.packs import ACME_PACK, REPO


def test_the_acme_pack_adds_its_policy_and_prompt() -> None:
    content = load_content([ACME_PACK])
    policy = content.catalogue["acme_returns_promise"]
    assert policy.kind is Kind.POLICY
    assert policy.name == "Acme Returns Promise"
    prompt = content.prompts["acme_returns_promise_case"]
    assert prompt.topic == "policies_procedures"
    assert "retail" in prompt.sectors
    ids = {ref for p in prompt.marking_points for ref in p.params.get("ids", [])}
    assert "acme_returns_promise" in ids
    assert "consumer_rights_act_2015" in ids  # a shipped entry, referred to from the pack


def test_an_answer_naming_the_employers_policy_is_recognised() -> None:
    content = load_content([ACME_PACK])
    assessor = Assessor(content)
    prompt = content.prompts["acme_returns_promise_case"]
    answer = (
        "A customer came in with an unused lamp after 45 days. My task was to check her rights. "
        "I explained that under the Consumer Rights Act 2015 she had no refund for a change of mind, "
        "but the Acme Returns Promise gives 60 days, so I refunded her. She rated us 5 out of 5."
    )
    result = assessor.assess(answer, prompt=prompt, sector="retail")
    named = {e.entry_id for e in result.entities}
    assert {"acme_returns_promise", "consumer_rights_act_2015"} <= named
    met = {r.id for r in result.marking_points if r.met}
    assert {"promise", "law"} <= met


def test_loading_the_same_pack_twice_is_a_duplicate() -> None:
    with pytest.raises(ContentError) as info:
        load_content([ACME_PACK, ACME_PACK])
    assert info.value.field == "id"


def test_the_documentation_shows_the_pack_that_ships() -> None:
    doc = (REPO / "docs" / "content.md").read_text(encoding="utf-8")
    assert "docs/examples/acme-pack" in doc or "examples/acme-pack/" in doc
    shipped = (ACME_PACK / "catalogue" / "policies.yaml").read_text(encoding="utf-8")
    # The policy quoted in the guide is the file in the repository, word for word.
    block = re.search(r"`catalogue/policies.yaml`:\n\n```yaml\n(.*?)```", doc, re.S)
    assert block is not None
    body = "\n".join(line for line in shipped.splitlines() if not line.lstrip().startswith("#"))
    assert block.group(1).strip() == body.strip()
