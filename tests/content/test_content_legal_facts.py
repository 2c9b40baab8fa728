"""The legal facts learners most often get wrong (shared/DESIGN.md), as the catalogue records them."""

from __future__ import annotations

from datetime import date

from content.loader import Content
from content.models import Kind


def replaced(content: Content, entry_id: str) -> tuple[set[str], date | None]:
    entry = content.catalogue[entry_id]
    return set(entry.superseded_by), entry.superseded_on


def test_dpa_1998_was_replaced_by_dpa_2018_and_uk_gdpr(content: Content) -> None:
    by, on = replaced(content, "data_protection_act_1998")
    assert by == {"data_protection_act_2018", "uk_gdpr"}
    assert on == date(2018, 5, 25)


def test_dda_1995_was_replaced_by_the_equality_act_2010(content: Content) -> None:
    by, on = replaced(content, "disability_discrimination_act_1995")
    assert by == {"equality_act_2010"}
    assert on == date(2010, 10, 1)
    # It survives in Northern Ireland.
    assert "Northern Ireland" in (
        content.catalogue["disability_discrimination_act_1995"].superseded_note or ""
    )


def test_sale_of_goods_and_sgsa_replaced_for_consumers_by_the_cra_2015(content: Content) -> None:
    for old in ("sale_of_goods_act_1979", "supply_goods_services_act_1982"):
        by, on = replaced(content, old)
        assert by == {"consumer_rights_act_2015"}, old
        assert on == date(2015, 10, 1), old
        note = content.catalogue[old].superseded_note or ""
        assert "between businesses" in note, old


def test_cprs_2008_were_replaced_by_the_dmcc_act_2024_on_6_april_2025(content: Content) -> None:
    by, on = replaced(content, "consumer_protection_unfair_trading_2008")
    assert by == {"dmcc_act_2024"}
    assert on == date(2025, 4, 6)
    dmcc = content.catalogue["dmcc_act_2024"]
    assert dmcc.name == "Digital Markets, Competition and Consumers Act 2024"
    assert dmcc.in_force_from == date(2025, 4, 6)
    assert not dmcc.superseded


def test_the_consumer_duty_applies_from_31_july_2023(content: Content) -> None:
    duty = content.catalogue["consumer_duty"]
    assert duty.in_force_from == date(2023, 7, 31)
    assert duty.sectors == ["finance"]
    assert "FCA" in duty.note


def test_the_trade_descriptions_act_leads_to_the_dmcc_act_today(content: Content) -> None:
    by, on = replaced(content, "trade_descriptions_act_1968")
    assert by == {"consumer_protection_unfair_trading_2008"}
    assert on == date(2008, 5, 26)
    current = content.current_replacements("trade_descriptions_act_1968")
    assert [e.id for e in current] == ["dmcc_act_2024"]


def test_other_superseded_consumer_rules(content: Content) -> None:
    assert replaced(content, "distance_selling_regulations_2000") == (
        {"consumer_contracts_regulations_2013"},
        date(2014, 6, 13),
    )
    assert replaced(content, "unfair_terms_regulations_1999") == (
        {"consumer_rights_act_2015"},
        date(2015, 10, 1),
    )


def test_abolished_regulators_point_to_their_successors(content: Content) -> None:
    assert replaced(content, "financial_services_authority") == ({"fca", "pra"}, date(2013, 4, 1))
    by, on = replaced(content, "office_of_fair_trading")
    assert "cma" in by
    assert on == date(2014, 4, 1)


def test_current_law_is_not_marked_superseded(content: Content) -> None:
    for current in (
        "consumer_rights_act_2015",
        "equality_act_2010",
        "data_protection_act_2018",
        "uk_gdpr",
        "dmcc_act_2024",
        "consumer_contracts_regulations_2013",
        "consumer_duty",
    ):
        assert not content.catalogue[current].superseded, current
        assert content.current_replacements(current) == []


def test_every_superseded_item_leads_to_law_in_force(content: Content) -> None:
    for entry in content.catalogue.values():
        if entry.superseded:
            current = content.current_replacements(entry.id)
            assert current, entry.id
            assert all(not e.superseded for e in current)
            assert entry.superseded_on is not None


def test_the_telecoms_ombudsman_has_its_current_name(content: Content) -> None:
    # Ombudsman Services' communications scheme has been the Communications Ombudsman since 2023.
    entry = content.catalogue["communications_ombudsman"]
    assert entry.name == "Communications Ombudsman"
    assert entry.kind is Kind.REGULATOR
    assert "ofcom" in content.sectors["telecoms"].regulators


def test_years_of_the_acts_learners_cite_most(content: Content) -> None:
    years = {e.id: e.year for e in content.entries_of(Kind.LEGISLATION)}
    assert years["consumer_rights_act_2015"] == 2015
    assert years["equality_act_2010"] == 2010
    assert years["data_protection_act_2018"] == 2018
    assert years["health_safety_at_work_act_1974"] == 1974
    assert years["consumer_credit_act_1974"] == 1974
    assert years["financial_services_markets_act_2000"] == 2000


def test_social_care_law_is_judged_where_the_learner_works(content: Content) -> None:
    """The Care Act 2014's care and support duties and the CQC's fundamental standards are England's;
    Wales's social care law is the Social Services and Well-being (Wales) Act 2014."""
    ids = ("care_act_2014", "hsca_regulated_activities_regs_2014", "sswa_2014")
    care, regs, wales = (content.catalogue[i] for i in ids)
    assert care.applies_in("england") and not care.applies_in("wales") and not care.applies_in("scotland")
    assert regs.applies_in("england") and not regs.applies_in("northern_ireland")
    assert wales.year == 2014 and wales.applies_in("wales") and not wales.applies_in("england")
    assert care.counterparts["wales"] == ["sswa_2014"]
