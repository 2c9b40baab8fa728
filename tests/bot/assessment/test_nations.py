"""The law where the learner works (issue 14): nations, extent, spoken forms, the nations data set."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.assessment import Assessor
from bot.assessment.evaluate import Report, evaluate, load_items
from bot.assessment.place import infer_nation, learner_nation
from bot.assessment.spoken import to_written
from content.loader import Content

DATA = Path(__file__).resolve().parents[2] / "data"
CODES = frozenset({"policy_as_law", "legal_claim", "other_nation"})


def hints(assessor: Assessor, text: str, nation: str = "unknown", sector: str = "general") -> dict[str, str]:
    return {h.code: h.message for h in assessor.assess(text, nation=nation, sector=sector).hints}


def flags(assessor: Assessor, text: str, nation: str = "unknown") -> dict[str, tuple[str, ...]]:
    return {f.entry_id: f.flags for f in assessor.assess(text, nation=nation).entities}


# --- where the learner works --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "nation"),
    [
        ("I work in Belfast on the tills", "northern_ireland"),
        ("a customer of NI Water rang", "northern_ireland"),
        ("our shop in glasgow", "scotland"),
        ("Scottish Water cut her supply", "scotland"),
        ("a resident in Swansea", "wales"),
        ("our Leeds contact centre", "england"),
        ("she banks with the Royal Bank of Scotland", None),  # a bank's name, not a place
        ("I moved from Cardiff to Glasgow", None),  # two nations: says nothing
        ("a customer rang about her bill", None),
    ],
)
def test_the_answer_places_the_learner(text: str, nation: str | None) -> None:
    assert infer_nation(text) == nation


def test_the_nation_the_learner_set_wins_over_the_answer() -> None:
    assert learner_nation("england", "I used to work in Belfast") == "england"
    assert learner_nation("unknown", "I work in Belfast") == "northern_ireland"
    assert learner_nation("unknown", "nothing about places") == "unknown"


# --- flags follow the nation --------------------------------------------------------------------


def test_a_belfast_learner_is_never_told_the_dda_is_outdated(assessor: Assessor) -> None:
    text = "I work in Belfast and followed the Disability Discrimination Act 1995"
    result = assessor.assess(text)
    assert result.nation == "northern_ireland"
    assert result.entities[0].flags == ()
    assert flags(assessor, "We follow the Disability Discrimination Act 1995", "northern_ireland") == {
        "disability_discrimination_act_1995": ()
    }


def test_in_great_britain_the_dda_is_outdated_and_the_correction_says_where(assessor: Assessor) -> None:
    for nation in ("england", "wales", "scotland", "unknown"):
        found = assessor.assess("We follow the Disability Discrimination Act 1995", nation=nation)
        dda = found.entities[0]
        assert dda.flags == ("outdated",), nation
        assert dda.correction is not None
        assert "in Great Britain" in dda.correction and "Northern Ireland" in dda.correction


def test_superseded_law_is_judged_by_the_date_of_the_event(assessor: Assessor) -> None:
    dated = "In 2012 a customer brought back a faulty TV and I relied on the Sale of Goods Act 1979."
    assert flags(assessor, dated)["sale_of_goods_act_1979"] == ()
    now = "Last week a customer brought back a faulty TV and I relied on the Sale of Goods Act 1979."
    assert flags(assessor, now)["sale_of_goods_act_1979"] == ("outdated",)


def test_the_consumer_protection_act_2008_means_the_2008_regulations(assessor: Assessor) -> None:
    found = assessor.assess("I followed the Consumer Protection Act 2008").entities[0]
    assert found.entry_id == "consumer_protection_unfair_trading_2008"
    assert found.correction is not None and "Regulations 2008 were replaced" in found.correction
    assert "Digital Markets, Competition and Consumers Act 2024" in found.correction


# --- law named outside its nation ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "nation", "says"),
    [
        ("i refused a drunk man under the licensing act 2003", "scotland",
         "the Licensing (Scotland) Act 2005"),
        ("Ofwat regulates our bills", "scotland", "Water Industry Commission for Scotland"),
        ("I made a reasonable adjustment under the Equality Act 2010", "northern_ireland",
         "Disability Discrimination Act 1995"),
        ("our council answered under the Freedom of Information Act 2000", "scotland",
         "Freedom of Information (Scotland) Act 2002"),
        ("Under the Mental Capacity Act 2005 I assumed she could decide", "scotland",
         "Adults with Incapacity (Scotland) Act 2000"),
        ("HSE inspected the store", "northern_ireland", "Health and Safety Executive for Northern Ireland"),
        ("she went to Ofgem about her bill", "northern_ireland", "Utility Regulator"),
        ("The Care Act 2014 says we have to promote his wellbeing", "wales",
         "Social Services and Well-being (Wales) Act 2014"),
        ("The Care Act 2014 says we have to promote his wellbeing", "scotland", "own social care law"),
        ("our care home follows the Regulated Activities Regulations 2014", "scotland", "Care Inspectorate"),
    ],
)
def test_law_named_outside_its_nation_is_corrected(
    assessor: Assessor, text: str, nation: str, says: str
) -> None:
    message = hints(assessor, text, nation).get("other_nation")
    assert message is not None and says in message


def test_law_inside_its_nation_or_an_unknown_nation_raises_nothing(assessor: Assessor) -> None:
    assert "other_nation" not in hints(assessor, "I followed the Licensing Act 2003", "wales")
    assert "other_nation" not in hints(assessor, "I followed the Licensing Act 2003")
    assert "other_nation" not in hints(assessor, "Under the Licensing (Scotland) Act 2005", "scotland")


def test_law_named_elsewhere_is_not_praised_as_correct(assessor: Assessor) -> None:
    result = assessor.assess("I refused the sale under the Licensing Act 2003.", nation="scotland")
    assert not any("Licensing Act 2003" in s for s in result.strengths)
    england = assessor.assess("I refused the sale under the Licensing Act 2003.", nation="england")
    assert any("Licensing Act 2003" in s for s in england.strengths)


def test_a_one_word_body_is_named_without_the(assessor: Assessor) -> None:
    result = assessor.assess("I told her Ofwat regulates the company.", nation="england")
    assert any("You named Ofwat correctly" in s for s in result.strengths)


def test_a_body_english_names_bare_goes_without_the(assessor: Assessor) -> None:
    """"reported to Trading Standards", never "the Trading Standards"; "the Care Inspectorate" keeps it."""
    result = assessor.assess("Trading Standards did a test purchase and we passed it.", nation="wales")
    assert any("You named Trading Standards correctly" in s for s in result.strengths), result.strengths
    scotland = assessor.assess("The Care Inspectorate came in and checked our care plans.", nation="scotland")
    assert any("the Care Inspectorate" in s for s in scotland.strengths), scotland.strengths


# --- bodies: ombudsmen, the ICO, the sector's bodies where the learner works --------------------


def test_which_ombudsman_offers_only_ombudsmen(assessor: Assessor, content: Content) -> None:
    for sector in content.sectors:
        message = hints(assessor, "I told her she could go to the ombudsman.", sector=sector)[
            "vague_regulator"
        ]
        offered = [e for e in content.catalogue.values() if e.kind.value == "regulator"
                   and e.name in message]
        assert all(e.ombudsman for e in offered), (sector, message)
    finance = hints(assessor, "I told her she could go to the ombudsman.", sector="finance")
    assert "Financial Ombudsman Service" in finance["vague_regulator"]
    scottish_water = hints(assessor, "I said she could go to the ombudsman.", "scotland", "water")
    assert "Scottish Public Services Ombudsman" in scottish_water["vague_regulator"]


@pytest.mark.parametrize("sector", ["retail", "finance", "telecoms"])
def test_the_ico_counts_as_a_regulator_in_every_sector(assessor: Assessor, sector: str) -> None:
    result = assessor.assess("I reported the breach to the ICO.", sector=sector)
    point = next(p for p in result.marking_points if p.id == "sector_regulator")
    assert point.met


def test_the_sector_expects_the_bodies_of_the_learners_nation(assessor: Assessor) -> None:
    scottish = assessor.assess("I complained to Scottish Water for her.", sector="water", nation="scotland")
    point = next(p for p in scottish.marking_points if p.id == "sector_regulator")
    assert not point.met and point.detail is not None and "Water Industry Commission" in point.detail
    met = assessor.assess("I told her about the SPSO.", sector="water", nation="scotland")
    assert next(p for p in met.marking_points if p.id == "sector_regulator").met


def test_a_point_asking_for_an_act_is_met_by_its_counterpart_where_the_learner_works(
    assessor: Assessor, content: Content
) -> None:
    prompt = content.prompts["rl_reasonable_adjustment"]
    text = "I made a reasonable adjustment under the Disability Discrimination Act 1995."
    ni = assessor.assess(text, prompt=prompt, nation="northern_ireland")
    assert next(p for p in ni.marking_points if p.id == "equality_law").met
    england = assessor.assess(text, prompt=prompt, nation="england")
    assert not next(p for p in england.marking_points if p.id == "equality_law").met


@pytest.mark.parametrize(
    ("nation", "act", "met"),
    [
        ("wales", "the Licensing Act 2003", True),
        ("scotland", "the Licensing Act 2003", False),  # England and Wales's Act, not Scotland's
        ("scotland", "the Licensing (Scotland) Act 2005", True),
        ("northern_ireland", "the Licensing Act 2003", False),
        ("unknown", "the Licensing Act 2003", True),  # never wrong on a guess
    ],
)
def test_a_point_asking_for_the_law_that_applied_is_not_met_by_another_nations_law(
    assessor: Assessor, content: Content, nation: str, act: str, met: bool
) -> None:
    """Labelling rule 6: a law that does not extend to the learner's nation does not meet a general
    "the law that restricts the sale" point, though the learner knows the rule."""
    prompt = content.prompts["rl_age_restricted_sale"]
    text = f"A teenager tried to buy cider on my till, so I refused the sale because {act} bans it."
    got = assessor.assess(text, prompt=prompt, nation=nation)
    assert next(p for p in got.marking_points if p.id == "law").met is met


def test_a_point_that_names_one_act_names_its_counterparts_too(content: Content) -> None:
    """The engine lets a nation's counterpart meet a point asking for an Act (above); the labelling
    rule reads the point's own text (docs/assessment-labelling.md, rule 6). So a point whose text
    names the Act itself must name the counterparts the catalogue gives it, or the two disagree."""
    checked = 0
    for prompt in content.prompts.values():
        for point in prompt.marking_points:
            ids = list(point.params.get("ids", [])) + [i for n in point.needs for i in n.named]
            for entry_id in ids:
                entry = content.catalogue.get(entry_id)
                if entry is None or not entry.counterparts:
                    continue
                if entry.name.casefold() not in point.text.casefold():
                    continue
                checked += 1
                for other in {o for group in entry.counterparts.values() for o in group}:
                    name = content.catalogue[other].name
                    assert name.casefold() in point.text.casefold(), f"{prompt.id}.{point.id}: {name}"
    assert checked >= 2  # rl_reasonable_adjustment and sf_equal_treatment name the Equality Act 2010


# --- answers as they arrive ----------------------------------------------------------------------


def test_spoken_forms_map_back_to_what_was_said(assessor: Assessor) -> None:
    text = "the i c o said under g d p r and the equality act twenty ten"
    found = {f.entry_id: f for f in assessor.assess(text).entities}
    assert set(found) == {"ico", "uk_gdpr", "equality_act_2010"}
    for f in found.values():
        assert text[f.start : f.end] == f.text
    assert found["equality_act_2010"].text == "equality act twenty ten"
    assert found["equality_act_2010"].flags == ()


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("nineteen seventy four", "1974"),
        ("nineteen ninety eight", "1998"),
        ("twenty fifteen", "2015"),
        ("two thousand and ten", "2010"),
        ("twenty twenty four", "2024"),
        ("twenty five customers", "twenty five customers"),  # a count, not 2005
    ],
)
def test_years_in_words(said: str, written: str) -> None:
    assert to_written(said, set()).text == written


def test_fragments_with_glued_years(assessor: Assessor) -> None:
    found = flags(assessor, "CRA15\nfaulty kettle\nDPA18\nEqA\nthe FOS")
    assert found == {
        "consumer_rights_act_2015": (), "data_protection_act_2018": (),
        "equality_act_2010": ("missing_year",), "financial_ombudsman": (),
    }


def test_spelled_letters_join_only_into_known_acronyms() -> None:
    assert to_written("so a g d p r request", {"gdpr"}).text == "so a GDPR request"
    assert to_written("i a m here", {"gdpr"}).text == "i a m here"


# --- the nations data set (labelling rule: docs/assessment.md) -----------------------------------


@pytest.fixture(scope="module")
def report(assessor: Assessor) -> Report:
    # The holdout was scored once before it joined the gate (figures in docs/assessment.md).
    items = load_items(DATA / "nations.yaml") + load_items(DATA / "nations_holdout.yaml")
    result = evaluate(assessor, items, CODES)
    print("\n" + "\n".join(result.lines()))
    return result


def test_the_nations_set_covers_every_nation_and_style() -> None:
    items = load_items(DATA / "nations.yaml")
    assert len(items) >= 48
    assert len(load_items(DATA / "nations_holdout.yaml")) >= 16
    ids = {i.id[:2] for i in items}
    assert ids == {"ni", "sc", "wa", "en"}
    assert {h for i in items for h in i.hints} == CODES


def test_nations_named_entities(report: Report) -> None:
    assert report.named.precision >= 0.95, report.named.errors
    assert report.named.recall >= 0.95, report.named.errors


def test_nations_flags(report: Report) -> None:
    assert report.flags.precision >= 0.95, report.flags.errors
    assert report.flags.recall >= 0.95, report.flags.errors


def test_nations_hints(report: Report) -> None:
    assert report.hints.precision >= 0.90, report.hints.errors
    assert report.hints.recall >= 0.90, report.hints.errors


@pytest.mark.parametrize(
    ("law", "nation", "met"),
    [
        ("The Care Act 2014 says we have to promote his wellbeing.", "england", True),
        ("The Care Act 2014 says we have to promote his wellbeing.", "scotland", False),
        ("The Social Services and Well-being (Wales) Act 2014 says we promote his well-being.", "wales",
         True),
    ],
)
def test_the_social_care_law_that_protects_dignity_is_the_one_where_the_learner_works(
    assessor: Assessor, law: str, nation: str, met: bool
) -> None:
    """The Care Act 2014's care duties are England's; in Wales the 2014 Welsh Act stands for it."""
    text = ("I'm a home carer. A new client was embarrassed about being washed, so I knocked, told him each "
            "step and let him wash his own face. " + law)
    result = assessor.assess(text, prompt=assessor.content.prompts["sf_dignity_in_care"], nation=nation)
    assert next(p for p in result.marking_points if p.id == "law").met is met


@pytest.mark.parametrize(
    ("nation", "named", "not_named"),
    [
        ("scotland", "Adults with Incapacity (Scotland) Act 2000", "Mental Capacity Act 2005"),
        ("northern_ireland", "Mental Capacity Act (Northern Ireland) 2016", "Care Act 2014"),
        ("england", "Mental Capacity Act 2005", "Adults with Incapacity"),
    ],
)
def test_a_missed_law_is_named_as_the_law_where_the_learner_works(
    assessor: Assessor, content: Content, nation: str, named: str, not_named: str
) -> None:
    """What the coach could not find names the law of the learner's nation: a Scottish care worker
    is never told to cite the Mental Capacity Act 2005, which does not extend to Scotland."""
    got = assessor.assess(
        "A resident in our care home kept refusing her bath, so we changed her care plan to evenings.",
        prompt=content.prompts["sf_dignity_in_care"], sector="health_social_care", nation=nation,
    )
    law = next(p for p in got.marking_points if p.id == "law")
    assert not law.met and law.missing is not None
    assert named in law.missing and not_named not in law.missing


def test_no_miss_names_a_law_or_body_that_does_not_apply_where_the_learner_works(
    assessor: Assessor, content: Content
) -> None:
    """For every prompt, sector and nation, what the coach says it could not find (and what the
    sector expects) names only laws and bodies that apply in that nation."""
    names = sorted(((e.name, e) for e in content.catalogue.values()), key=lambda x: -len(x[0]))
    wrong = []
    for p in content.prompts.values():
        for sector in p.sectors or ["general"]:
            for nation in ("england", "wales", "scotland", "northern_ireland"):
                got = assessor.assess("I helped a customer.", prompt=p, sector=sector, nation=nation)
                for point in got.marking_points:
                    said = f"{point.missing or ''} {point.detail or ''}"
                    for name, entry in names:  # longest first: "Care Inspectorate Wales" before its start
                        if name in said:
                            said = said.replace(name, "")
                            if not entry.applies_in(nation):
                                wrong.append(f"{p.id}.{point.id} ({sector}, {nation}): {name}")
    assert not wrong, "\n".join(wrong)
