"""Never fooled: ordinary words, job titles, team names and bare concepts are not named law."""

from __future__ import annotations

import pytest

from bot.assessment import Assessor


def ids(assessor: Assessor, text: str, sector: str = "general") -> set[str]:
    return {f.entry_id for f in assessor.assess(text, sector=sector).entities}


def codes(assessor: Assessor, text: str) -> list[str]:
    return [h.code for h in assessor.assess(text).hints]


@pytest.mark.parametrize(
    "text",
    [
        "I acted fast when she complained.",
        "The act of listening matters more than anything.",
        "She felt isolated, so I rang her back.",
        "I said I would call her later with an update.",
        "The heat in the shop was unbearable in July.",
        "My manager said I was a star employee.",
        "I help my team grow and I try to be smart about it.",
        "Everyone was acting up because the acting manager left.",
        "We set up a weekly Plan Do Check Act review.",
        "I did CPR on a customer who collapsed until the ambulance came.",
        "It is an oft-quoted rule in our team.",
    ],
)
def test_ordinary_words_are_not_legislation_or_regulators(assessor: Assessor, text: str) -> None:
    found = assessor.assess(text).entities
    assert not [f for f in found if f.kind in ("legislation", "regulator")], found


def test_capitals_make_an_ambiguous_model_name_count(assessor: Assessor) -> None:
    assert "heat_model" in ids(assessor, "I used HEAT with him.")
    assert "heat_model" in ids(assessor, "I used the heat model with him.")
    assert "heat_model" not in ids(assessor, "IT WAS THE HEAT THAT DID IT")


def test_a_lower_case_model_name_counts_when_the_learner_says_they_used_it(assessor: Assessor) -> None:
    """Phone and speech lose capitals: "we use grow with new starters" is the GROW model."""
    assert "grow_model" in ids(assessor, "in 1 to 1s we use grow with new starters")
    assert "servqual" in ids(assessor, "i used the rater thing on a bad week, empathy mostly")
    assert "heat_model" in ids(assessor, "um i used heat so i let him vent first")
    # Punctuation or the end of the answer after the name: nothing of its own follows it.
    assert "heat_model" in ids(assessor, "cx moaning about a parcel, used heat. heard her, said sorry")
    assert "grow_model" in ids(assessor, "coached kayleigh on her calls, we used grow")
    # The everyday word, or the name before a noun of its own, is not the model.
    for text in ("we used heat to dry the floor", "we use smart meters in most homes",
                 "i used later buses", "the heat was bad so we used fans", "she'd use it later",
                 "we used heat-resistant gloves in the kitchen"):
        assert not ids(assessor, text) & {"heat_model", "smart_targets", "later_model"}, text


def test_acronyms_only_as_whole_tokens(assessor: Assessor) -> None:
    # ISO hides in "isolated", ICO in "ICONIC", CRA in "CRAzy": none of them is named.
    assert ids(assessor, "She felt isolated and the ICONIC sofa was a bit CRAzy.") == set()


def test_a_data_protection_officer_is_a_job_title(assessor: Assessor) -> None:
    text = "I logged it with our data protection officer the same day, under the UK GDPR."
    result = assessor.assess(text)
    assert "vague_law" not in [h.code for h in result.hints]
    assert {f.entry_id for f in result.entities} == {"uk_gdpr"}


@pytest.mark.parametrize(
    "text",
    [
        "I passed it to the FCA team upstairs.",
        "I passed it to FCA, that's what we call our Financial Crime and Assurance team.",
        "I sent the complaint to the ICS team (our internal customer solutions team).",
        "our ICO (internal complaints office) checks every letter",
        "Our FOS team handles anything for the ombudsman.",
    ],
)
def test_local_team_names_are_not_the_regulator(assessor: Assessor, text: str) -> None:
    assert not ids(assessor, text) & {"fca", "institute_of_customer_service", "ico",
                                       "financial_ombudsman"}


def test_the_real_expansion_confirms_the_acronym(assessor: Assessor) -> None:
    assert "fca" in ids(assessor, "The FCA (Financial Conduct Authority) regulates us.")
    assert "institute_of_customer_service" in ids(assessor, "We follow the ICS standards.")


def test_fsa_in_financial_services_is_the_old_authority(assessor: Assessor) -> None:
    found = ids(assessor, "The FSA used to regulate our bank.", sector="finance")
    assert "financial_services_authority" in found and "food_standards_agency" not in found
    assert "food_standards_agency" in ids(assessor, "The FSA gave our kitchen 5 stars.")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Under consumer rights she could get a refund.", "consumer rights"),
        ("Health and safety is really important in a kitchen.", "Health and safety"),
        ("I followed data protection so I said no.", "data protection"),
        ("It's against the law to share his details.", "the law"),
        ("The biggest thing is equality laws.", "equality laws"),
    ],
)
def test_a_bare_concept_is_a_vague_law_hint(assessor: Assessor, text: str, phrase: str) -> None:
    result = assessor.assess(text)
    assert not [f for f in result.entities if f.kind == "legislation"]
    hint = next(h for h in result.hints if h.code == "vague_law")
    assert phrase in hint.message


def test_the_vague_law_hint_names_the_act(assessor: Assessor) -> None:
    hint = assessor.assess("I followed data protection.").hints[0]
    assert "Data Protection Act 2018" in hint.message and "UK GDPR" in hint.message


def test_no_vague_law_hint_once_the_act_is_named(assessor: Assessor) -> None:
    text = "I explained her consumer rights under the Consumer Rights Act 2015."
    assert "vague_law" not in codes(assessor, text)


def test_roles_and_teams_are_not_vague_law(assessor: Assessor) -> None:
    text = "I'm the health and safety rep and I did equality and diversity training."
    assert codes(assessor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "the law says 28 days with a receipt so I said no",
        "legally we can only offer an exchange after 14 days",
        "by law they have to bring it back in the original packaging",
        "The Consumer Rights Act says you need a receipt to get a refund.",
        "i always ask for the receipt cause thats the law",
    ],
)
def test_policy_presented_as_law(assessor: Assessor, text: str) -> None:
    assert "policy_as_law" in codes(assessor, text)


@pytest.mark.parametrize(
    "text",
    [
        "By law a faulty item can be rejected within 30 days, so I refunded him.",
        "Our policy is 28 days with a receipt, but the Consumer Rights Act 2015 gives 30 days for "
        "faulty goods even without a receipt, so the law comes first.",
        "Some colleagues think you need the receipt by law but the Act only needs proof of purchase.",
        "Under the Distance Selling Regulations she had 7 days, so I cancelled it.",
        # A receipt mentioned beside the law, or set against it, is not said to be the law.
        "Replacing it was above my authority, so I took it to the store manager with the receipt "
        "and what the Act says.",
        "Change of mind is just our goodwill policy and needs a receipt, but faulty goods inside 30 "
        "days are the customer's legal right to a full refund.",
        # The policy said to give more than the law.
        "Our policy can add to what the law gives, like our 60 day returns on full price items.",
    ],
)
def test_law_and_policy_kept_apart_is_not_flagged(assessor: Assessor, text: str) -> None:
    assert "policy_as_law" not in codes(assessor, text)


def test_the_ombudsman_unnamed_gets_the_sectors_own(assessor: Assessor) -> None:
    result = assessor.assess("I told him he could go to the ombudsman.", sector="energy")
    hint = next(h for h in result.hints if h.code == "vague_regulator")
    # Only ombudsmen answer "which ombudsman?": Ofgem is the regulator, not an ombudsman (issue 14).
    assert "Energy Ombudsman" in hint.message and "Ofgem" not in hint.message
    regulator = assessor.assess("I told him he could go to the regulator.", sector="energy")
    hint = next(h for h in regulator.hints if h.code == "vague_regulator")
    assert "Ofgem" in hint.message
