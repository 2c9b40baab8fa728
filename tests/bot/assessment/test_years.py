"""Years and currency: wrong years, missing years and superseded law, each with its correction."""

from __future__ import annotations

import pytest

from bot.assessment import Assessor, Found


def entity(assessor: Assessor, text: str, entry_id: str) -> Found:
    return next(f for f in assessor.assess(text).entities if f.entry_id == entry_id)


def test_wrong_year_is_flagged_with_the_right_year(assessor: Assessor) -> None:
    f = entity(assessor, "I told him the Consumer Rights Act 2010 covers him.", "consumer_rights_act_2015")
    assert f.flags == ("wrong_year",)
    assert f.text == "Consumer Rights Act 2010"
    assert "Consumer Rights Act 2015" in (f.correction or "") and "2010" in (f.correction or "")


def test_a_mistyped_year_is_a_wrong_year(assessor: Assessor) -> None:
    f = entity(assessor, "the consumer rights act 2105 says so", "consumer_rights_act_2015")
    assert f.flags == ("wrong_year",)


def test_missing_year(assessor: Assessor) -> None:
    f = entity(assessor, "We follow the Equality Act on every call.", "equality_act_2010")
    assert f.flags == ("missing_year",)
    assert "Equality Act 2010" in (f.correction or "")


@pytest.mark.parametrize(
    "text",
    [
        "the Equality Act 2010",
        "the Equality Act of 2010",
        "the Equality Act (2010)",
        "the 2010 Equality Act",
        "the EqA 2010",
    ],
)
def test_year_written_any_usual_way(assessor: Assessor, text: str) -> None:
    assert entity(assessor, f"I used {text} here.", "equality_act_2010").flags == ()


def test_one_dated_mention_is_enough(assessor: Assessor) -> None:
    text = "The Consumer Rights Act 2015 applied. Later I explained the CRA again."
    assert entity(assessor, text, "consumer_rights_act_2015").flags == ()


def test_no_year_flags_for_items_cited_without_one(assessor: Assessor) -> None:
    result = assessor.assess("Under the UK GDPR and the Consumer Duty I checked UK261.")
    assert {f.entry_id: f.flags for f in result.entities} == {
        "uk_gdpr": (), "consumer_duty": (), "uk261": ()}


def test_the_year_picks_the_act_sharing_a_name(assessor: Assessor) -> None:
    old = entity(assessor, "the Data Protection Act 1998 says so", "data_protection_act_1998")
    assert old.flags == ("outdated",)
    assert "Data Protection Act 2018" in (old.correction or "") and "UK GDPR" in (old.correction or "")
    new = entity(assessor, "the Data Protection Act (DPA) 2018 says so", "data_protection_act_2018")
    assert new.flags == () and new.text == "Data Protection Act (DPA) 2018"
    assert entity(assessor, "the Data Protection Act 18", "data_protection_act_2018").flags == ()


def test_an_undated_name_means_the_act_dated_elsewhere(assessor: Assessor) -> None:
    result = assessor.assess("I used the DPA to check. The DPA 1998 says one month.")
    assert {f.entry_id for f in result.entities} == {"data_protection_act_1998"}


def test_an_undated_name_means_the_current_act(assessor: Assessor) -> None:
    f = entity(assessor, "I followed the Data Protection Act.", "data_protection_act_2018")
    assert f.flags == ("missing_year",)


def test_a_year_for_neither_act_is_wrong_for_the_current_one(assessor: Assessor) -> None:
    f = entity(assessor, "The Data Protection Act 1988 says keep it safe.", "data_protection_act_2018")
    assert f.flags == ("wrong_year",)


@pytest.mark.parametrize(
    ("text", "entry_id", "replacement"),
    [
        ("The DDA says we must adjust.", "disability_discrimination_act_1995", "Equality Act 2010"),
        ("I used the Sale of Goods Act 1979 for her kettle.", "sale_of_goods_act_1979",
         "Consumer Rights Act 2015"),
        ("The Distance Selling Regulations give 7 days.", "distance_selling_regulations_2000",
         "Consumer Contracts"),
        ("The Financial Services Authority regulates us.", "financial_services_authority",
         "Financial Conduct Authority"),
        ("Under the Consumer Protection from Unfair Trading Regulations 2008 we cannot mislead.",
         "consumer_protection_unfair_trading_2008", "Digital Markets, Competition and Consumers Act"),
    ],
)
def test_outdated_law_names_what_replaced_it(
    assessor: Assessor, text: str, entry_id: str, replacement: str
) -> None:
    f = entity(assessor, text, entry_id)
    assert "outdated" in f.flags
    assert replacement in (f.correction or "")


def test_a_chain_of_replacements_ends_at_todays_law(assessor: Assessor) -> None:
    f = entity(assessor, "The Trade Descriptions Act 1968 covers it.", "trade_descriptions_act_1968")
    assert "Digital Markets, Competition and Consumers Act 2024" in (f.correction or "")


def test_sale_of_goods_act_still_governs_business_sales(assessor: Assessor) -> None:
    text = "Our trade customers are businesses, so the Sale of Goods Act 1979 applies to them."
    assert entity(assessor, text, "sale_of_goods_act_1979").flags == ()


def test_a_number_near_an_act_is_not_always_a_year(assessor: Assessor) -> None:
    f = entity(assessor, "Under the Consumer Rights Act 30 days is the limit.", "consumer_rights_act_2015")
    assert f.flags == ("missing_year",)
