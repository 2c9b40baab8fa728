"""Legal claims checked (issue 14): wrong periods and dates corrected, shop policy called the law."""

from __future__ import annotations

import pytest

from bot.assessment import Assessor


def codes(assessor: Assessor, text: str) -> dict[str, str]:
    return {h.code: h.message for h in assessor.assess(text).hints}


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Under the CRA 2015 the customer could reject the faulty kettle within 28 days.", "30 days"),
        ("Under the DPA 2018 we have 40 days to answer a subject access request.", "one month"),
        ("We had a data breach. By law we had to report it to the ICO within 24 hours.", "72 hours"),
        ("We have 12 weeks to send a final response before she can go to the ombudsman.", "eight weeks"),
        ("The Consumer Duty came into force on 31 July 2022.", "31 July 2023"),
        ("The customer had 7 days to cancel her online order.", "14 days"),
        ("She had 3 months to take it to the Financial Ombudsman after our final response.", "six months"),
        ("Under FOI the council has 30 days to answer an information request.", "20 working days"),
        ("Under the law we have to assume a fault was there if it shows within 12 months.", "six months"),
        # A limit said with a "can't" is still a claim about the law.
        ("Under the Consumer Contracts Regulations you can't cancel an online order after 7 days.",
         "14 days"),
    ],
)
def test_a_wrong_legal_fact_is_corrected_with_the_rule(assessor: Assessor, text: str, rule: str) -> None:
    message = codes(assessor, text).get("legal_claim")
    assert message is not None, text
    assert rule in message


@pytest.mark.parametrize(
    "text",
    [
        "Under the Consumer Rights Act 2015 customers get 30 days to reject faulty goods, and under "
        "the Consumer Contracts Regs they get 14 days to cancel online orders.",
        "Under UK GDPR we have one month to answer a subject access request, so I sent it in two weeks.",
        "The ICO says we have 72 hours to report a breach.",
        "The Consumer Duty came in on 31 July 2023.",
        "She had six months from our final response to go to the Financial Ombudsman Service.",
        "she was within the 30 day right to reject so I gave her a full refund",
        "a faulty toaster came back and we refunded her within 3 days",  # what was done, not the law
        "In 2016 the DPA 1998 gave us 40 days to answer a subject access request.",  # the law then
        "Under the distance selling regulations she had 7 days so I cancelled it.",  # the outdated flag
        # A full stop inside a sum ends no sentence: the six months sit beside the ombudsman, not
        # beside the refund and the fault.
        "our fault so we refunded £63.40 + £50 for the hassle final response said she can take it to "
        "the financial ombudsman if she doesnt agree, she has 6 months from the letter",
        # The sentence before says refund and fault; the firm's own deadline for its final response
        # in the next sentence says nothing of rejecting goods.
        "She had a faulty kettle, so we refunded her. We also have to get the final response out within "
        "8 wks.",
        # ... nor does how long a customer had had the goods, told as the case.
        "Faulty goods inside 30 days are the customer's legal right to a full refund. In October a man "
        "brought back a toaster he'd had about three weeks that kept tripping the fuse.",
        # How long it had been, told as the case; "came in" is a customer walking in, not a law.
        "I work in a phone shop in Dundee. A deaf customer came in wanting to cancel his contract after "
        "10 days cos the phone kept freezing.",
        "She rang up to cancel her online order after about three weeks because it still hadn't come.",
    ],
)
def test_a_right_or_dated_fact_raises_nothing(assessor: Assessor, text: str) -> None:
    assert "legal_claim" not in codes(assessor, text), text


@pytest.mark.parametrize(
    "text",
    [
        "our 28-day returns policy is the law",
        "the law says 30 days to return anything",
        "A customer changed her mind about a dress she bought in store. By law we had to give her "
        "money back.",
        "customer wanted a refund on jeans she didnt like. our returns policy is 28 days and thats "
        "the law so i gave her a refund",
    ],
)
def test_shop_policy_called_the_law_is_corrected_with_what_the_law_says(
    assessor: Assessor, text: str
) -> None:
    message = codes(assessor, text).get("policy_as_law")
    assert message is not None, text
    assert "30 days to reject faulty goods" in message and "14 days to cancel" in message


@pytest.mark.parametrize(
    "text",
    [
        "A customer bought a telly online and changed his mind. By law we had to give him his money "
        "back because he was in the 14 days to cancel.",
        "The kettle was faulty, so by law she was entitled to her money back within 30 days.",
        "Our returns policy gives 28 days, which is more than the law requires.",
        # A cancelled flight: the law gives the refund, whatever the passenger did not want.
        "The airline cancelled the family's flight. A voucher they didn't want would have left them "
        "out of pocket; our procedure can't take away the legal right to a refund.",
    ],
)
def test_the_law_rightly_invoked_is_not_called_policy(assessor: Assessor, text: str) -> None:
    assert "policy_as_law" not in codes(assessor, text), text


def test_every_claim_and_every_extent_names_its_source(assessor: Assessor) -> None:
    content = assessor.content
    assert len(content.claims) >= 8
    for claim in content.claims.values():
        assert str(claim.source).startswith("https://"), claim.id
    placed = [e for e in content.catalogue.values() if e.extent or e.counterparts]
    assert len(placed) >= 25
    for entry in placed:
        assert str(entry.source).startswith(("https://", "http://")), entry.id
        for ids in entry.counterparts.values():
            assert all(i in content.catalogue for i in ids), entry.id


def test_claim_subjects_never_anchor_or_look_around(assessor: Assessor) -> None:
    """`check_claims` settles a claim for the whole answer with one search of its sentences joined
    by spaces; that reads as each sentence would only while no ``about`` pattern anchors or looks
    around (a pattern that did would need the per-sentence search back)."""
    patterns = [p for claim in assessor.content.claims.values() for group in claim.about for p in group]
    assert patterns
    for p in patterns:
        assert not any(t in p for t in ("^", "$", "(?<", "(?=", "(?!", "\\A", "\\Z")), p


def test_a_claim_is_checked_in_a_long_answer_with_other_talk_around_it(assessor: Assessor) -> None:
    text = (
        "I work on the phones for a broadband firm in Leeds. Most calls are about bills. "
        "One man had a data breach at his old provider. By law we had to report it to the ICO "
        "within 24 hours. I told my manager. She sorted it."
    )
    assert "72 hours" in codes(assessor, text).get("legal_claim", "")
    assert "legal_claim" not in codes(assessor, text.replace("24 hours", "72 hours"))


def test_words_that_state_the_law_wrongly_meet_no_point(assessor: Assessor) -> None:
    """"she can go to the financial ombudsman within 12 months" is corrected (six months), so it
    shows no time limit known: the point asking for the time limits is not met by it."""
    prompt = assessor.content.prompts["ee_final_response"]

    def rights(said: str) -> tuple[bool, set[str]]:
        text = ("cx complained about a charge for a missed DD. it wasnt upheld. i did the final response "
                f"letter and told her if shes not happy she can go to the financial ombudsman {said}.")
        result = assessor.assess(text, prompt=prompt, sector="finance")
        point = next(p for p in result.marking_points if p.id == "rights")
        return point.met, {h.code for h in result.hints}

    assert rights("within 12 months") == (False, {"legal_claim"})
    met, hints = rights("within 6 months")
    assert met and "legal_claim" not in hints
