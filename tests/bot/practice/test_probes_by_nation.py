"""A learner is asked about their own nation's law or body: a probe may carry `by_nation` text."""

from __future__ import annotations

import pytest

from bot.assessment import Assessor
from bot.mock import plan
from bot.practice.service import next_probe
from content.loader import Content


@pytest.mark.parametrize(
    ("nation", "says"),
    [
        ("scotland", "Which Scottish Act makes selling alcohol to under-18s an offence?"),
        ("northern_ireland", "Which Northern Ireland law makes selling alcohol to under-18s an offence?"),
        ("england", "Which law makes selling alcohol to under-18s an offence?"),
        ("unknown", "Which law makes selling alcohol to under-18s an offence?"),
    ],
)
def test_the_probe_about_a_law_names_the_learners_nation(
    content: Content, assessor: Assessor, nation: str, says: str
) -> None:
    prompt = content.prompts["rl_age_restricted_sale"]
    answer = "A lad without ID tried to buy cider. I used Challenge 25 and refused calmly."
    probe = next_probe(prompt, assessor.assess(answer, prompt=prompt, nation=nation, sector="retail"))
    assert probe is not None and probe.point == "law" and probe.text == says


def test_a_care_learner_in_each_nation_is_asked_about_their_own_inspector(
    content: Content, assessor: Assessor
) -> None:
    prompt = content.prompts["sf_dignity_in_care"]
    texts = {
        nation: prompt.probe_for("regulator", nation).text  # type: ignore[union-attr]
        for nation in ("england", "wales", "scotland", "northern_ireland")
    }
    assert "fundamental standards" in texts["england"]  # the CQC's standards, England only
    assert all("fundamental standards" not in texts[n] for n in ("wales", "scotland", "northern_ireland"))
    assert "Wales" in texts["wales"] and "grade" in texts["scotland"]
    assert "minimum care standards" in texts["northern_ireland"]


def test_the_mock_asks_the_nations_probe(content: Content) -> None:
    standard = next(s for s in content.standards.values() if s.code == "ST0072")
    asked = {}
    for nation in ("northern_ireland", "england"):
        turns = [{
            "n": 1, "kind": plan.AREA, "prompt": "rl_reasonable_adjustment",
            "result": {"nation": nation, "marking_points": [{"id": "equality_law", "met": False}]},
        }]
        question = plan.next_question(content, standard, minutes=20, turns=turns, sector="general")
        assert question is not None and question.kind == plan.PROBE
        asked[nation] = question.text
    assert "in Northern Ireland" in asked["northern_ireland"]
    assert "Northern Ireland" not in asked["england"]


def test_every_nation_text_is_a_question_for_a_nation_outside_england(content: Content) -> None:
    tailored = [(p.id, pr) for p in content.prompts.values() for pr in p.probes if pr.by_nation]
    assert len(tailored) >= 5
    for prompt_id, probe in tailored:
        assert "england" not in probe.by_nation, prompt_id
        assert all(text.endswith("?") for text in probe.by_nation.values()), prompt_id
