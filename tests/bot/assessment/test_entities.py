"""The engine hears what a learner names: full names, short names, acronyms and real misspellings."""

from __future__ import annotations

import pytest

from bot.assessment import Assessor


def named(assessor: Assessor, text: str) -> dict[str, tuple[str, ...]]:
    return {f.entry_id: f.flags for f in assessor.assess(text).entities}


@pytest.mark.parametrize(
    ("written", "entry_id"),
    [
        ("Consumer Right Act", "consumer_rights_act_2015"),
        ("consumer rights act", "consumer_rights_act_2015"),
        ("CONSUMER RIGHTS ACT", "consumer_rights_act_2015"),
        ("Consumer Rigts Act", "consumer_rights_act_2015"),
        ("equalities act", "equality_act_2010"),
        ("Equailty Act", "equality_act_2010"),
        ("Data Protections Act 2018", "data_protection_act_2018"),
        ("Data Protetion Act", "data_protection_act_2018"),
        ("GDRP", "uk_gdpr"),
        ("gdpr", "uk_gdpr"),
        ("the info commissioners office", "ico"),
        ("the Information Comissioner", "ico"),
        ("Financial Conduct Authorithy", "fca"),
        ("the finacial conduct autority", "fca"),
        ("OFGEM", "ofgem"),
        ("Ofgem's rules", "ofgem"),
        ("trading standard", "trading_standards"),
        ("the Financial Ombudsmen", "financial_ombudsman"),
        ("the ORR's rules", "orr"),
        ("Supply of Goods & Services Act", "supply_goods_services_act_1982"),
        ("the Ombudsman Services for Communications", "communications_ombudsman"),
        ("Health and Safety at Work etc. Act 1974", "health_safety_at_work_act_1974"),
        # Workplace names for policies: the limits of a role, an airline's refund rules, phone "n".
        ("our delegated authority limits", "escalation_procedure"),
        ("the sign-off limits", "escalation_procedure"),
        ("our fare rules", "refund_policy"),
        ("the id n v check", "identity_verification"),
        # The equality and diversity policy by its initials with an ampersand.
        ("our e&d policy", "equality_diversity_policy"),
        ("the ED&I policy", "equality_diversity_policy"),
        # Mystery shopping under the names each sector gives it.
        ("the mystery diner report", "mystery_shopping"),
        ("what the secret shoppers said", "mystery_shopping"),
        ("the mystery guest scores", "mystery_shopping"),
        ("last month's mystery calls", "mystery_shopping"),
    ],
)
def test_finds_each_written_form(assessor: Assessor, written: str, entry_id: str) -> None:
    text = f"I checked {written} before I answered her."
    assert entry_id in named(assessor, text)


def test_reports_kind_canonical_name_text_and_span(assessor: Assessor) -> None:
    text = "Under the Consumer Right Act 2015 and GDRP, I told the FCA."
    result = assessor.assess(text)
    by_id = {f.entry_id: f for f in result.entities}
    cra = by_id["consumer_rights_act_2015"]
    assert (cra.kind, cra.name) == ("legislation", "Consumer Rights Act 2015")
    assert cra.text == "Consumer Right Act 2015" == text[cra.start : cra.end]
    assert by_id["uk_gdpr"].kind == "legislation" and by_id["uk_gdpr"].text == "GDRP"
    assert (by_id["fca"].kind, by_id["fca"].name) == ("regulator", "Financial Conduct Authority")
    assert [f.start for f in result.entities] == sorted(f.start for f in result.entities)


def test_each_entry_once_however_often_named(assessor: Assessor) -> None:
    text = (
        "The Financial Ombudsman Service (FOS) is free. I gave her the FOS leaflet and the "
        "Financial Ombudsman's address."
    )
    ids = [f.entry_id for f in assessor.assess(text).entities]
    assert ids.count("financial_ombudsman") == 1


def test_a_regulator_inside_a_longer_name_still_counts(assessor: Assessor) -> None:
    ids = named(assessor, "We follow the FCA Consumer Duty on every call.")
    assert {"consumer_duty", "fca"} <= set(ids)


def test_the_longest_name_wins(assessor: Assessor) -> None:
    # "DPA checks" are the identity checks, not the Act.
    ids = named(assessor, "I did the DPA checks before discussing the account.")
    assert "identity_verification" in ids and "data_protection_act_2018" not in ids


def test_policies_and_standards_are_found_too(assessor: Assessor) -> None:
    text = "I followed our complaints proceedure and the refund polcy, then logged the NPS."
    ids = named(assessor, text)
    assert {"complaints_procedure", "refund_policy", "nps"} <= set(ids)


def test_a_name_split_across_two_messages(assessor: Assessor) -> None:
    assert "consumer_rights_act_2015" in named(assessor, "I used the Consumer\nRights Act 2015.")


def test_psr_is_the_priority_services_register_in_energy_and_water(assessor: Assessor) -> None:
    """In energy and water "the PSR" is the Priority Services Register, even with no other cue
    words; in finance it stays the Payment Systems Regulator."""
    text = "added her to the PSR bc of her breathing, then set up a plan she could manage."
    for sector in ("energy", "water"):
        ids = {f.entry_id for f in assessor.assess(text, sector=sector).entities}
        assert "vulnerable_customer_policy" in ids and "psr" not in ids, sector
    bank = "The PSR made us refund the scam victim in full."
    assert "psr" in {f.entry_id for f in assessor.assess(bank, sector="finance").entities}
