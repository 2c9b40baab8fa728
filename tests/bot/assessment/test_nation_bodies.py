"""The nations' own bodies and laws: each is recognised in its written and spoken forms, answers
naming the English or GB body in another nation are told what applies there, and the sector
expects the learner's own nation's bodies. Sources are in content/data/catalogue."""

from __future__ import annotations

import pytest

from bot.assessment import Assessor
from content.loader import Content


def named(assessor: Assessor, text: str, nation: str = "unknown") -> dict[str, tuple[str, ...]]:
    return {f.entry_id: f.flags for f in assessor.assess(text, nation=nation).entities}


@pytest.mark.parametrize(
    ("said", "entry_id"),
    [
        ("Care Inspectorate Wales", "ciw"),
        ("c i w", "ciw"),
        ("the CSSIW", "ciw"),
        ("the care inspectorate", "care_inspectorate"),
        ("the Care Inspectorate Scotland", "care_inspectorate"),
        ("RQIA", "rqia"),
        ("r q i a", "rqia"),
        ("the regulation and quality improvement authority", "rqia"),
        ("food standards scotland", "food_standards_scotland"),
        ("the Food Standards Agency", "food_standards_agency"),
        ("the welsh language commissioner", "welsh_language_commissioner"),
        ("Comisiynydd y Gymraeg", "welsh_language_commissioner"),
        ("the public services ombudsman for wales", "psow"),
        ("p s o w", "psow"),
        ("nip so", "nipso"),
        ("the northern ireland public services ombudsman", "nipso"),
        ("the equality commission for northern ireland", "ecni"),
        ("e c n i", "ecni"),
        ("the consumer council for northern ireland", "consumer_council_ni"),
        ("the information commission", "ico"),
    ],
)
def test_each_body_is_heard(assessor: Assessor, said: str, entry_id: str) -> None:
    assert entry_id in named(assessor, f"i told her about {said} before she left")


@pytest.mark.parametrize(
    ("said", "entry_id"),
    [
        ("the Licensing (Northern Ireland) Order 1996", "licensing_ni_order_1996"),
        ("the licensing n i order nineteen ninety six", "licensing_ni_order_1996"),
        ("the Welsh Language (Wales) Measure 2011", "welsh_language_measure_2011"),
        ("the welsh language measure twenty eleven", "welsh_language_measure_2011"),
        ("the Mental Capacity Act (Northern Ireland) 2016", "mental_capacity_act_ni_2016"),
        ("the mental capacity act n i twenty sixteen", "mental_capacity_act_ni_2016"),
    ],
)
def test_each_law_is_heard_with_its_year(assessor: Assessor, said: str, entry_id: str) -> None:
    assert named(assessor, f"we followed {said} on the day") == {entry_id: ()}


def test_the_ico_under_its_new_name_is_not_outdated(assessor: Assessor) -> None:
    # Both names are accepted until the transfer to the Information Commission is confirmed in force.
    assert named(assessor, "I reported it to the Information Commission") == {"ico": ()}
    assert named(assessor, "I reported it to the ICO") == {"ico": ()}


@pytest.mark.parametrize(
    ("text", "nation", "says"),
    [
        ("the CQC inspected our care home", "wales", "Care Inspectorate Wales"),
        ("the CQC inspected our care home", "scotland", "Care Inspectorate"),
        ("the CQC inspected our care home", "northern_ireland", "Regulation and Quality Improvement"),
        ("the food standards agency rated our kitchen", "scotland", "Food Standards Scotland"),
        ("i refused the sale under the licensing act 2003", "northern_ireland",
         "Licensing (Northern Ireland) Order 1996"),
        ("i refused the sale under the Licensing (Scotland) Act 2005", "northern_ireland",
         "Licensing (Northern Ireland) Order 1996"),
        ("under the mental capacity act 2005 i assumed she could decide", "northern_ireland",
         "only partly in force"),
        ("the care inspectorate inspected us", "wales", "Care Inspectorate Wales"),
        ("we follow the Welsh Language (Wales) Measure 2011", "england", "covers Wales"),
    ],
)
def test_a_body_or_law_of_another_nation_is_corrected(
    assessor: Assessor, text: str, nation: str, says: str
) -> None:
    hints = {h.code: h.message for h in assessor.assess(text, nation=nation).hints}
    assert "other_nation" in hints and says in hints["other_nation"], hints


@pytest.mark.parametrize(
    ("text", "nation"),
    [
        ("the care inspectorate inspected us", "scotland"),
        ("RQIA inspected us", "northern_ireland"),
        ("CIW inspected us", "wales"),
        ("food standards scotland rated our kitchen", "scotland"),
        ("i refused under the licensing (northern ireland) order 1996", "northern_ireland"),
    ],
)
def test_a_body_in_its_own_nation_raises_nothing(assessor: Assessor, text: str, nation: str) -> None:
    assert "other_nation" not in {h.code for h in assessor.assess(text, nation=nation).hints}


@pytest.mark.parametrize(
    ("nation", "body", "expected"),
    [
        ("wales", "Care Inspectorate Wales", "ciw"),
        ("scotland", "the Care Inspectorate", "care_inspectorate"),
        ("northern_ireland", "RQIA", "rqia"),
    ],
)
def test_a_care_learner_is_expected_to_name_their_nations_inspector(
    assessor: Assessor, content: Content, nation: str, body: str, expected: str
) -> None:
    met = assessor.assess(f"{body} inspected our home.", sector="health_social_care", nation=nation)
    assert next(p for p in met.marking_points if p.id == "sector_regulator").met
    cqc = assessor.assess("The CQC inspected our home.", sector="health_social_care", nation=nation)
    point = next(p for p in cqc.marking_points if p.id == "sector_regulator")
    assert not point.met
    assert expected in content.sectors["health_social_care"].regulators_in(nation)


def test_scottish_hospitality_expects_food_standards_scotland(assessor: Assessor) -> None:
    met = assessor.assess("Food Standards Scotland checked our allergens.", sector="hospitality",
                          nation="scotland")
    assert next(p for p in met.marking_points if p.id == "sector_regulator").met


def test_the_nations_laws_meet_the_points_that_ask_for_a_law(
    assessor: Assessor, content: Content
) -> None:
    sale = content.prompts["rl_age_restricted_sale"]
    text = "I refused the sale under the Licensing (Northern Ireland) Order 1996."
    ni = assessor.assess(text, prompt=sale, nation="northern_ireland", sector="retail")
    assert next(p for p in ni.marking_points if p.id == "law").met
    # A point naming the Mental Capacity Act 2005 is met in Northern Ireland by its own Act.
    care = content.prompts["sf_dignity_in_care"]
    text = "Under the Mental Capacity Act (Northern Ireland) 2016 I assumed she could decide."
    ni = assessor.assess(text, prompt=care, nation="northern_ireland", sector="health_social_care")
    assert next(p for p in ni.marking_points if p.id == "law").met


def test_a_law_that_does_not_apply_there_meets_no_point_even_one_naming_it(
    assessor: Assessor, content: Content
) -> None:
    """The Equality Act 2010 point names the Disability Discrimination Act 1995 for Northern
    Ireland; the 2010 Act in Enniskillen meets it no more than the Mental Capacity Act 2005 in
    Derry meets "the law that protects the person's dignity" (docs/assessment-labelling.md rule 6)."""
    adjust = content.prompts["rl_reasonable_adjustment"]
    text = (
        "Under the Equality Act 2010 we had to make a reasonable adjustment, so I moved her to the "
        "quiet desk."
    )
    for nation, met in (("northern_ireland", False), ("england", True), ("wales", True)):
        got = assessor.assess(text, prompt=adjust, nation=nation, sector="retail")
        assert next(p for p in got.marking_points if p.id == "equality_law").met is met, nation
    dda = "Under the Disability Discrimination Act 1995 I moved her to the quiet desk."
    got = assessor.assess(dda, prompt=adjust, nation="northern_ireland", sector="retail")
    assert next(p for p in got.marking_points if p.id == "equality_law").met
    care = content.prompts["sf_dignity_in_care"]
    text = "Under the Mental Capacity Act 2005 I assumed he could decide for himself."
    for nation, met in (("northern_ireland", False), ("england", True)):
        got = assessor.assess(text, prompt=care, nation=nation, sector="health_social_care")
        assert next(p for p in got.marking_points if p.id == "law").met is met, nation


# --- a body of another sector: the other_sector hint ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "sector", "nation", "says"),
    [
        # Telecoms in Northern Ireland is Ofcom's, as in Great Britain; the Utility Regulator's remit
        # is electricity, gas, water and sewerage there.
        ("I told her she could complain to the Utility Regulator.", "telecoms", "northern_ireland",
         "covers electricity, gas, water and sewerage in Northern Ireland, not telecoms"),
        # The Scottish Information Commissioner decides freedom of information appeals; it is not a
        # regulator of banks.
        ("The Scottish Information Commissioner says we can't share it.", "finance", "scotland",
         "covers freedom of information for Scottish public authorities"),
        ("She said she would go to Ofgem about the water bill.", "water", "england",
         "In your sector, name Ofwat or the Consumer Council for Water"),
    ],
)
def test_a_body_of_another_sector_is_corrected_and_not_praised(
    assessor: Assessor, text: str, sector: str, nation: str, says: str
) -> None:
    result = assessor.assess(text, sector=sector, nation=nation)
    hints = {h.code: h.message for h in result.hints}
    assert "other_sector" in hints and says in hints["other_sector"], hints
    assert not [s for s in result.strengths if "correctly" in s], result.strengths


@pytest.mark.parametrize(
    ("text", "sector", "nation"),
    [
        ("I told her she could complain to the Utility Regulator.", "energy", "northern_ireland"),
        ("I told her she could complain to Ofcom.", "telecoms", "northern_ireland"),
        # Bodies of every sector, or of none in particular, are nobody's other sector.
        ("I reported the breach to the ICO.", "telecoms", "england"),
        ("Trading Standards came in about the prices.", "hospitality", "england"),
        # "Other or not sure": no sector to hold the body to.
        ("I told him to complain to Ofgem.", "general", "england"),
        # The sector's own body named too: the other is named for the case, not as its regulator.
        ("I rang Ofwat's line for her and told her about the Housing Ombudsman.", "housing", "england"),
    ],
)
def test_a_body_of_the_learners_sector_or_of_every_sector_raises_nothing(
    assessor: Assessor, text: str, sector: str, nation: str
) -> None:
    assert "other_sector" not in {h.code for h in assessor.assess(text, sector=sector, nation=nation).hints}
