"""Marking: each point met or missed, the learner's sector, score, grade band, tip and strengths."""

from __future__ import annotations

import pytest

from bot.assessment import Assessor, Grade
from content.loader import Content
from content.models import Check, MarkingPoint, Need, Probe, Prompt

STRONG = (
    "Last month a customer phoned because a direct debit had gone out twice and left her overdrawn. "
    "My task was to put it right under our complaints procedure. I refunded the payment and the "
    "charge, and because the FCA Consumer Duty says we must avoid foreseeable harm I checked if she "
    "needed support. I gave her the Financial Ombudsman Service details in the final response. "
    "She thanked me and the complaint was closed in 2 days."
)
REFUND = (
    "A customer brought back a kettle that broke after three weeks. My task was to decide between "
    "a refund and a repair. I checked our refund and returns policy and the Consumer Rights Act "
    "2015, because within 30 days she had the short-term right to reject. I refunded her in full. "
    "As a result she rated us 5 out of 5."
)


def prompt(*points: MarkingPoint) -> Prompt:
    return Prompt(
        id="test_prompt",
        topic="rules_and_law",
        text="Tell me about a time you applied the rules of your sector to a complaint.",
        levels=[3],
        marking_points=list(points),
        probes=[Probe(point=points[0].id, text="Which body regulates that in your sector?")],
        model_answer=["Situation ...", "Task ...", "Action ..."],
    )


SECTOR_REGULATOR = MarkingPoint(
    id="regulator", check=Check.NAMES_REGULATOR, params={"sector_specific": True},
    text="Names the regulator for your sector.",
)
STAR = MarkingPoint(id="star", check=Check.STAR_COMPLETE, text="Gives the STAR parts in full.")


def point(assessor: Assessor, text: str, p: Prompt, sector: str, ident: str = "regulator"):
    result = assessor.assess(text, prompt=p, sector=sector)
    return next(r for r in result.marking_points if r.id == ident)


def test_sector_regulator_is_the_sectors_own(assessor: Assessor) -> None:
    p = prompt(SECTOR_REGULATOR, STAR)
    text = "I told her she could take it to the FCA."
    assert point(assessor, text, p, "finance").met
    missed = point(assessor, text, p, "energy")
    assert not missed.met
    assert missed.detail is not None and "Ofgem" in missed.detail
    assert point(assessor, "I told her about Ofgem.", p, "energy").met
    # A sector with no regulators of its own accepts any regulator.
    assert point(assessor, text, p, "general").met


def test_banking_expects_the_fca_and_the_ombudsman(assessor: Assessor) -> None:
    missed = point(assessor, "I explained our complaints procedure.", prompt(SECTOR_REGULATOR, STAR),
                   "finance")
    assert missed.detail == (
        "In your sector, name the Financial Conduct Authority and the Financial Ombudsman Service."
    )


def test_without_a_prompt_a_regulated_sector_adds_its_regulator(assessor: Assessor) -> None:
    finance = assessor.assess(STRONG, sector="finance")
    general = assessor.assess(STRONG, sector="general")
    assert "sector_regulator" in {r.id for r in finance.marking_points}
    assert "sector_regulator" not in {r.id for r in general.marking_points}
    assert next(r for r in finance.marking_points if r.id == "sector_regulator").met
    energy = assessor.assess(STRONG, sector="energy")
    assert not next(r for r in energy.marking_points if r.id == "sector_regulator").met


def test_outdated_law_earns_no_credit(assessor: Assessor) -> None:
    law = MarkingPoint(id="law", check=Check.NAMES_LEGISLATION, text="Names the legislation.")
    p = prompt(law, STAR)
    assert not point(assessor, "I followed the Data Protection Act 1998.", p, "general", "law").met
    assert point(assessor, "I followed the Data Protection Act 2018.", p, "general", "law").met
    # A missing year still credits the Act; it is corrected, not failed.
    assert point(assessor, "I followed the Data Protection Act.", p, "general", "law").met


def test_names_any_of_and_minimum(assessor: Assessor) -> None:
    two = MarkingPoint(id="two", check=Check.NAMES_LEGISLATION, params={"min": 2},
                       text="Names two pieces of legislation.")
    data = MarkingPoint(id="data", check=Check.NAMES_ANY_OF,
                        params={"ids": ["uk_gdpr", "data_protection_act_2018"]},
                        text="Names the data protection law.")
    p = prompt(two, data)
    result = assessor.assess("Under GDPR and the Equality Act 2010 I checked.", prompt=p)
    assert [r.met for r in result.marking_points] == [True, True]
    result = assessor.assess("Under the Equality Act 2010 I checked.", prompt=p)
    assert [r.met for r in result.marking_points] == [False, False]


def test_grade_bands(assessor: Assessor, content: Content) -> None:
    strong = assessor.assess(STRONG, sector="finance")
    assert strong.grade is Grade.DISTINCTION and strong.score >= 80
    middling = assessor.assess(
        "A customer brought back a faulty toaster after a week. I had to decide what to do. I "
        "checked the Consumer Rights Act 2015 and gave her a refund because it was within 30 days. "
        "She was happy.", sector="retail")
    assert middling.grade is Grade.PASS and 50 <= middling.score < 80
    thin = assessor.assess(
        "A customer wanted a refund on a faulty toaster. I gave her a refund under consumer rights "
        "and she was happy.", sector="retail")
    assert thin.grade is Grade.NOT_YET
    for weak in ("idk", "The Consumer Rights Act 2015 and the Equality Act 2010.",
                 "hi can u tell me what time the assessment is on thursday"):
        assert assessor.assess(weak).grade is Grade.NOT_YET


def test_corrections_cost_points_and_block_distinction(assessor: Assessor) -> None:
    clean = assessor.assess(REFUND)
    dated = assessor.assess(REFUND.replace("Consumer Rights Act 2015", "Sale of Goods Act 1979"))
    assert dated.score < clean.score
    assert dated.grade is not Grade.DISTINCTION


def test_tip_fits_the_gap(assessor: Assessor, content: Content) -> None:
    old = assessor.assess("A customer asked for her data. I followed the Data Protection Act 1998 "
                          "and sent it.", prompt=content.prompts["rl_refund_dispute"])
    assert old.tip is not None and "1998" in old.tip
    # "By law" with no Act: the tip about naming the law. (An answer that never spoke of the law gets
    # another tip: see test_a_tip_is_for_a_mistake_this_answer_made.)
    nolaw = assessor.assess("A customer wanted a refund. By law she was entitled to one so I gave her one "
                            "and she was happy.", prompt=content.prompts["rl_refund_dispute"])
    assert nolaw.tip is not None and "without naming the law" in nolaw.tip
    # A law named and a second one missed: not the tip about naming no law at all.
    one_law = assessor.assess(
        "I work in a shop in Leeds. A customer brought back a kettle that leaked after ten days. I had "
        "to decide between a repair and a refund, so I refunded her under the Consumer Rights Act 2015 "
        "and our returns policy. She rated us 5 out of 5.",
        prompt=content.prompts["rl_two_laws_one_case"],
    )
    assert one_law.tip is None or "without naming the law" not in one_law.tip


def test_no_example_tip_for_an_answer_that_tells_a_case(assessor: Assessor, content: Content) -> None:
    """A real case with its task left out misses the STAR point, but it is not "listing laws and
    policies without an example": that tip would contradict the case in front of the learner. A
    bare list of laws still gets it."""
    case = assessor.assess(
        "At our Leeds shop a customer brought back a faulty kettle after two weeks. Under the Consumer "
        "Rights Act 2015 she was entitled to a refund within 30 days, and our returns policy says we "
        "check the receipt first. I checked it and I gave her a full refund of £25. She was happy.",
        prompt=content.prompts["rl_refund_dispute"],
    )
    star = next(p for p in case.marking_points if p.id == "star")
    assert not star.met  # no task said: the STAR point is still missed
    assert case.tip is None or "without an example" not in case.tip
    listed = assessor.assess("Consumer Rights Act 2015, Equality Act 2010 and our refund policy.",
                             prompt=content.prompts["rl_refund_dispute"])
    assert listed.tip is not None and "without an example" in listed.tip


def test_a_tip_is_for_a_mistake_this_answer_made(assessor: Assessor, content: Content) -> None:
    """A tip describes a mistake the answer made: "Collecting data without analysing it" is for an
    answer about data whose finding is missing, not for any answer without a reason or a figure;
    "Saying 'by law' without naming the law" is for an answer that said the law vaguely."""
    refund = assessor.assess(
        "A customer brought back a kettle that leaked. I checked our returns policy and gave her a new "
        "one and she went away happy.", prompt=content.prompts["rl_refund_dispute"],
    )
    assert refund.tip is None or "Collecting data" not in refund.tip
    assert refund.tip is None or "by law" not in refund.tip  # it never said the law vaguely
    data = assessor.assess(
        "Our CSAT dropped to 70% last quarter. I had to sort it out, so I started a callback list and "
        "we now ring people back the same day.", prompt=content.prompts["mi_kpi_shortfall"],
    )
    assert data.tip is not None and "Collecting data without analysing it" in data.tip
    vague = assessor.assess(
        "A mum asked for her 17-year-old son's records. I told her under data protection I needed his "
        "consent, so I rang him and he said it was fine, then I emailed them over.",
        prompt=content.prompts["rl_third_party_data"],
    )
    assert vague.tip is not None and "without naming the law" in vague.tip
    # "I don't know" made no mistake a tip could name; "refund" hands the question back.
    assert assessor.assess("I dont know", prompt=content.prompts["rl_refund_dispute"]).tip is None
    handed_back = assessor.assess("refund", prompt=content.prompts["rl_refund_dispute"]).tip
    assert handed_back is not None and "question's words" in handed_back
    # A second law missed is not "naming a law without saying what it changed": this one says it.
    other_law = assessor.assess(
        "At our Leeds shop a customer brought back a faulty kettle. Under the Consumer Rights Act 2015 I "
        "gave her a full refund of £25 because it was faulty.",
        prompt=content.prompts["ee_data_in_routine_task"],
    )
    assert other_law.tip is None or "without saying what it changed" not in other_law.tip
    # The ICO missed is no sector's own regulator missed.
    no_ico = assessor.assess("A lady rang because her direct debit went out twice. I refunded the extra "
                             "payment straight away.", prompt=content.prompts["ee_data_in_routine_task"])
    assert no_ico.tip is None or "sector" not in no_ico.tip


def test_strengths_say_what_was_good(assessor: Assessor) -> None:
    result = assessor.assess(REFUND)
    assert any("Consumer Rights Act 2015" in s for s in result.strengths)
    assert len(result.strengths) <= 3
    assert assessor.assess("idk").strengths == []


def test_score_is_bounded(assessor: Assessor) -> None:
    for text in ("", "idk", STRONG, "The Sale of Goods Act 1979, the DDA and the DPA 1998 " * 5):
        assert 0 <= assessor.assess(text).score <= 100


def test_refund_prompt_answer_the_handlers_rely_on(assessor: Assessor, content: Content) -> None:
    result = assessor.assess(REFUND, prompt=content.prompts["rl_refund_dispute"], sector="retail")
    names = {f.name for f in result.entities}
    assert {"Consumer Rights Act 2015", "refund and returns policy"} <= names
    assert all(result.star.values())
    assert all(r.met for r in result.marking_points)


def test_json_contract(assessor: Assessor) -> None:
    data = assessor.assess(REFUND.replace("2015", "2010") + " The law says 28 days with a receipt.",
                           sector="retail").to_dict()
    for key in ("entities", "star", "measurable_result", "reasoning", "hints", "marking_points",
                "score", "grade", "strengths", "tip"):
        assert key in data
    cra = next(e for e in data["entities"] if e["id"] == "consumer_rights_act_2015")
    assert set(cra) >= {"kind", "name", "text", "start", "end", "flags"}
    assert cra["flags"] == ["wrong_year"] and cra["name"] == "Consumer Rights Act 2015"
    assert {"code": "policy_as_law"}.items() <= data["hints"][0].items()
    assert all(set(h) == {"code", "message"} for h in data["hints"])
    assert all({"id", "met"} <= set(p) for p in data["marking_points"])
    assert data["grade"] in {"not_yet", "pass", "distinction"}


def test_a_real_example_is_more_than_i_follow_the_policy(assessor: Assessor) -> None:
    """The Pass band needs a real example: an action on an occasion (a situation or an outcome
    around it), or said in words of the answer's own. Key words with "I follow" are not one."""
    prompt = assessor.content.prompts["pp_confidentiality"]
    keywords = (
        "Confidentiality is important and I always follow the confidentiality policy and GDPR to "
        "protect confidential information because it's confidential."
    )
    a = assessor.assess(keywords, prompt=prompt)
    assert a.grade.value == "not_yet"
    assert "real example" in a.grade_reason
    phone = (
        "webchat customers in belfast kept asking the same q twice cos my msgs were too long on mobile. "
        "started sending short lines + 1 question at a time. chat csat 3.9 to 4.5 in 6 wks"
    )
    assert assessor.assess(phone).star["situation"] and assessor.assess(phone).star["result"]


def test_a_habit_of_the_learners_own_is_a_real_example(assessor: Assessor) -> None:
    """The labelling rule counts habits ("I always check ID") as examples: with half the points met,
    a habit makes a Pass. Keeping to a rule ("I always follow GDPR"), an attitude or a thought does
    not."""
    prompt = assessor.content.prompts["pp_identity_checks"]
    habit = (
        "ID and V is part of the job on the accounts desk. It is the procedure and the UK GDPR is the "
        "law behind it. I always do ID and V before I open an account."
    )
    a = assessor.assess(habit, prompt=prompt, nation="england")
    assert sum(p.met for p in a.marking_points) * 2 >= len(a.marking_points)
    assert a.grade.value == "pass", a.grade_reason
    for text in (
        "We do ID n V on every call, it's the rules and the UK GDPR says so.",
        "ID&V is our procedure under the UK GDPR. I usually ask three questions on each call.",
    ):
        assert "real example" not in assessor.assess(text, prompt=prompt).grade_reason, text
    for text in (
        "ID and V is our procedure under the UK GDPR. I always follow the procedure and the law.",
        "ID and V is our procedure under the UK GDPR. I always take ownership of it.",
        "ID and V is our procedure under the UK GDPR. I think about it every day.",
    ):
        a = assessor.assess(text, prompt=prompt)
        assert a.grade.value == "not_yet" and "real example" in a.grade_reason, text


def test_a_habit_said_with_how_often_is_a_real_example(assessor: Assessor) -> None:
    """"I check it on the KPI dashboard every week", "every morning I run a huddle": habits, said
    with how often; "we get a QA every month" is done to the learner, not by them."""
    prompt = assessor.content.prompts["ee_sla_monitoring"]
    sla = "Our SLA with the meter installers says smart meters are fitted within 10 working days. "
    habits = ("I check it on the KPI dashboard every week.", "Every morning I check it on the KPI dashboard.")
    for habit in habits:
        a = assessor.assess(sla + habit, prompt=prompt)
        assert a.grade.value == "pass", (habit, a.grade_reason)
    a = assessor.assess(sla + "We get a report on it on the KPI dashboard every week.", prompt=prompt)
    assert a.grade.value == "not_yet" and "real example" in a.grade_reason


def test_a_habit_said_with_the_case_that_brings_it_on_first_is_a_real_example(assessor: Assessor) -> None:
    """"every call i do the id n v first", "Every time someone rings for results I do the three
    checks": the case said first, then what the learner does each time; "every call I took was
    hard" tells nothing done."""
    from bot.assessment.cues import HABIT

    for text in (
        "every call i do the id n v first, full name dob n postcode",
        "Every time someone rings for test results I do the three checks.",
        "Each complaint that comes in we log on the tracker the same day.",
    ):
        assert HABIT.search(text), text
    for text in ("Every call was hard that week.", "Every customer seemed happy with it."):
        assert not HABIT.search(text), text
    prompt = assessor.content.prompts["ee_data_in_routine_task"]
    text = (
        "I'm a receptionist at a GP practice in Bristol. Every time someone rings for test results I do the "
        "three checks, full name, date of birth and first line of the address. It's the UK GDPR. The reason "
        "is health details are about as private as it gets, and if it went wrong the practice could get a "
        "big fine from the ICO."
    )
    a = assessor.assess(text, prompt=prompt, nation="england")
    assert a.grade.value != "not_yet", a.grade_reason


def test_a_practice_said_as_what_is_done_now_is_a_real_example(assessor: Assessor) -> None:
    """"got told i talk too fast so i slow down now": what the learner does now, since a change, is a
    habit of their own; "I know now", "I can do it now" and "I get it now" tell nothing done."""
    from bot.assessment.cues import HABIT

    for text in ("so i slow down now", "we ring them back the same day now", "I read the line out first now"):
        assert HABIT.search(text), text
    for text in ("I know now it matters", "I can do it now", "I get it now", "I will ask now", "I am ok now",
                 "we are closed now"):
        assert not HABIT.search(text), text


def test_an_answer_that_hands_the_prompt_back_is_no_real_example(assessor: Assessor) -> None:
    """A place and "I followed ... I negotiated ..." in an answer that is mostly the prompt's own
    words (`Findings.hollow`) is no real example: the grade line says so."""
    prompt = assessor.content.prompts["rl_complex_complaint"]
    hollow = (
        "The most complicated complaint I handled at our Swansea branch had several different issues "
        "in it. I followed our complaints procedure at each stage and made sure the outcome was in "
        "line with the relevant legislation. I negotiated a fair outcome that both sides could accept "
        "and I took ownership from start to finish. The customer was satisfied and the complaint was "
        "resolved within the timescale, which was a positive result."
    )
    a = assessor.assess(hollow, prompt=prompt)
    assert a.star["situation"] and a.star["action"]
    assert a.grade.value == "not_yet"
    assert "real example" in a.grade_reason


# Issue 13: a reason said before "so I" (the case weighed), not only after "because".
WHY = MarkingPoint(id="why", check=Check.EXPLAINS_WHY, text="Explains why you chose the course you took.")


@pytest.mark.parametrize(
    "text",
    [
        "A student asked to pay her hall fees late. Chasing her now would have cost her the place, "
        "so I set up a two-month plan with her.",
        "The old boiler in flat 4 was still under its warranty period, which was plenty, so I "
        "booked the fitter rather than a replacement.",
        "Anyone in the queue can hear the front desk, unlike the side room, so I took the caller "
        "round to the side room to talk about his rent arrears.",
    ],
)
def test_a_reason_weighed_before_so_i_meets_explains_why(assessor: Assessor, text: str) -> None:
    assert point(assessor, text, prompt(WHY, STAR), "general", "why").met


@pytest.mark.parametrize(
    "text",
    [
        # What would have happened, said with a plain past in a phone note.
        "man rang saying he was mr jones wanting to move 5k. got the dob right but not the password "
        "so i stopped n said he needs to come into the branch w/ id. if we skipped the checks a "
        "fraudster couldve emptied his savings",
        "cx in wrexham w/ a wrong meter reading on 3 bills. if i rushed to hit aht id have just "
        "logged it n she'd be ringing back next wk. so i stayed on 14 min n rebilled all 3",
    ],
)
def test_what_would_have_happened_said_in_a_phone_note_is_a_reason(assessor: Assessor, text: str) -> None:
    assert point(assessor, text, prompt(WHY, STAR), "general", "why").met


@pytest.mark.parametrize(
    "text",
    [
        # The event that set it off, a next step, the customer's feelings, conformity.
        "A tenant couldn't give the password, so I ended the call.",
        "I checked the order log on the screen, so I rang the driver.",
        "The guest was really upset about the noise, so I moved her room.",
        "It's the policy and the procedure, so I followed it.",
        # A spoken run-on: the words before this "so" are the event, not the earlier "can't".
        "when people ring I ask for the password and if they can't say it I can't go on and "
        "last week a man rang and he didn't know it so I stopped there",
    ],
)
def test_what_happened_before_so_i_is_no_reason(assessor: Assessor, text: str) -> None:
    assert not point(assessor, text, prompt(WHY, STAR), "general", "why").met


@pytest.mark.parametrize(
    ("text", "met"),
    [
        # Where the rule is written, or who set it, is conformity, not a reason.
        ("A lady on live chat got lost in my long message. I sent one short step at a time cos its "
         "in the guide.", False),
        ("Last year our council went for Customer Service Excellence. We adopted it because it was a "
         "requirement from the chief executive.", False),
        # What the step does for the customer is one.
        ("A lady on live chat got lost in my long message. I sent one short step at a time cos she "
         "couldn't see the screen and the chat box at once.", True),
    ],
)
def test_where_a_rule_is_written_is_no_reason(assessor: Assessor, text: str, met: bool) -> None:
    assert point(assessor, text, prompt(WHY, STAR), "general", "why").met is met


EACH = MarkingPoint(
    id="why", check=Check.EXPLAINS_WHY, needs=[Need(signal="reasoning", min=2)],
    text="Explains why each step exists.",
)


@pytest.mark.parametrize(
    ("text", "met"),
    [
        # One reason for one step is not "each step".
        ("At the pool I checked the wristbands first because under-8s need an adult with them. "
         "Then I did the headcount.", False),
        # Reasons for two steps, said apart.
        ("At the pool I checked the wristbands first because under-8s need an adult with them. "
         "Then I did the headcount so that nobody is left in the changing rooms at closing.", True),
        # Spoken with no full stops: the clauses are read apart.
        ("so at the pool I check the wristbands first because under eights need an adult with them "
         "and um then I do the headcount so that nobody gets left in the changing rooms at closing "
         "time and then I lock the side gate and hand the keys to the duty manager at the desk", True),
    ],
)
def test_each_needs_reasons_said_apart(assessor: Assessor, text: str, met: bool) -> None:
    assert point(assessor, text, prompt(EACH, STAR), "general", "why").met is met


def test_what_a_named_law_obliged_before_so_i_is_a_reason(assessor: Assessor) -> None:
    text = ("A man with a guide dog came to the cafe. Under the Equality Act 2010 we had to let "
            "the dog in with him, so I found him a table by the door.")
    assert point(assessor, text, prompt(WHY, STAR), "general", "why").met


@pytest.mark.parametrize(
    ("text", "met"),
    [
        # Saying a reason exists is not giving one (the "keywords" answer).
        ("I treat the stock room team well because it's all connected and really important.", False),
        ("I always log the call because it is essential and the best thing.", False),
        # A reason of its own, in the same shape.
        ("I treat the stock room team well because their counts decide what the website shows.", True),
    ],
)
def test_a_reason_that_only_says_it_matters_is_no_reason(assessor: Assessor, text: str, met: bool) -> None:
    assert point(assessor, text, prompt(WHY, STAR), "general", "why").met is met


@pytest.mark.parametrize(
    ("text", "met"),
    [
        # Keeping to the rules is no reason for them.
        ("A customer read her password out at the counter, so I asked her to type it instead. GDPR is "
         "there to protect data so it's important to follow it.", False),
        ("A customer read her password out at the counter, so I asked her to type it instead. The rules "
         "exist to make sure we are following regulations.", False),
        # "follow" said of a person is a reason's own word.
        ("A guest asked for a new key, and I wrote her room number on the card sleeve instead of saying "
         "it, since anyone in the lobby could otherwise follow her up.", True),
    ],
)
def test_keeping_to_the_rules_is_no_reason_for_them(assessor: Assessor, text: str, met: bool) -> None:
    assert point(assessor, text, prompt(WHY, STAR), "general", "why").met is met


@pytest.mark.parametrize(
    ("text", "met"),
    [
        # Defined, then what anyone would do: named, but used on no one.
        ("HEAT stands for Hear, Empathise, Apologise and Take ownership. If a customer is upset you "
         "would hear them out first, then empathise, then apologise and sort it yourself.", False),
        ("LAST is Listen, Apologise, Solve, Thank. It's a good model because customers feel heard.", False),
        # Named as what the learner uses, or used on a customer: met (a name is the substance).
        ("I used the HEAT model: I heard her out, said sorry and took ownership. She calmed down.", True),
        ("HEAT stands for Hear, Empathise, Apologise and Take ownership. Last week a man's parcel went "
         "missing and I used it: I heard him out, said sorry and rebooked the delivery.", True),
    ],
)
def test_a_model_only_defined_is_not_the_model_used(assessor: Assessor, text: str, met: bool) -> None:
    """"Names the model used": a definition and what one would do for any customer tell no use."""
    p = assessor.content.prompts["ee_structured_model"]
    assert point(assessor, text, p, "general", "model").met is met


@pytest.mark.parametrize(
    ("text", "met"),
    [
        # The rule named, then what it guards against, in the next clause.
        ("A man rang about his wife's account, so I asked for her to ring in. It's because of GDPR and "
         "the Data Protection Act 2018, if I give info to the wrong person that's a data breach.", True),
        # The rule named and nothing more.
        ("A man rang about his wife's account, so I asked for her to ring in. It's because of GDPR and "
         "the Data Protection Act 2018.", False),
    ],
)
def test_the_rule_named_then_what_it_guards_against(assessor: Assessor, text: str, met: bool) -> None:
    p = assessor.content.prompts["pp_identity_checks"]
    assert point(assessor, text, p, "telecoms", "why").met is met


def test_harm_to_the_customer_is_a_reasons_substance(assessor: Assessor) -> None:
    """"if it went wrong the cx could get scammed": the harm words a prompt's concepts list are
    key words, but in a reason they are what it says."""
    p = assessor.content.prompts["ee_data_in_routine_task"]
    text = ("When a customer rang the shop in Lisburn about her order I checked her name, postcode and order "
            "number before I told her anything. If it went wrong she could get scammed.")
    assert point(assessor, text, p, "retail", "why").met
    bare = text.replace(" If it went wrong she could get scammed.", "")
    assert not point(assessor, bare, p, "retail", "why").met


def test_an_answer_that_repeats_the_question_is_told_so(assessor: Assessor, content: Content) -> None:
    """The tip for a hollow answer (it hands the question's words back) asks for one real case
    in the learner's own words, before any tip about a single point."""
    hollow = (
        "A customer with a disability came in to the branch. I made a reasonable adjustment in line "
        "with the Equality Act and our policies, so she was treated fairly and got the same service "
        "as anyone else. She was happy with the outcome."
    )
    got = assessor.assess(hollow, prompt=content.prompts["rl_reasonable_adjustment"])
    assert got.tip is not None and "own words" in got.tip and "question's words" in got.tip
    # Its "so she was treated fairly" is not praised or shown as a reason of its own.
    assert not got.reasoning and not any("why" in s for s in got.strengths)
    real = (
        "A man who is hard of hearing came to the till in our Wrexham shop to return a faulty kettle. "
        "I had to make sure he could follow the refund, so I wrote each step on a pad and turned the "
        "screen to him. He got his £25 back in five minutes and thanked me."
    )
    got = assessor.assess(real, prompt=content.prompts["rl_reasonable_adjustment"])
    assert got.tip is None or "question's words" not in got.tip
    assert got.reasoning


def test_the_regulator_and_its_role_needs_the_role(assessor: Assessor) -> None:
    """"Names the regulator for your sector and explains its role": the name alone is half of it."""
    p = assessor.content.prompts["rl_regulator_role"]
    bare = (
        "so it's ofcom for us at the broadband company in Stirling where I'm on the billing team. last "
        "month a man rang about his bill going up and I moved him to a cheaper deal."
    )
    result = point(assessor, bare, p, "telecoms")
    assert not result.met and result.missing is not None and "what the regulator does" in result.missing
    role = (
        "Ofcom regulates the phone and broadband providers and sets the general conditions we follow. "
        "Last month a man rang about his bill going up and I moved him to a cheaper deal."
    )
    result = point(assessor, role, p, "telecoms")
    assert result.met and any("sets the general conditions" in q.text for q in result.evidence)


def test_the_scottish_housing_regulator_is_the_regulator_for_housing_in_scotland(assessor: Assessor) -> None:
    """The Regulator of Social Housing covers England only; a housing association in Scotland answers
    to the Scottish Housing Regulator (Housing (Scotland) Act 2010), which checks landlords against
    the Scottish Social Housing Charter."""
    p = assessor.content.prompts["rl_regulator_role"]
    text = ("Our regulator is the Scottish Housing Regulator, they check all the housing associations and "
            "councils are doing right by tenants, and they check us against the Scottish Social Housing "
            "Charter. Last month a tenant in Paisley waited three weeks for a boiler part, so I rang the "
            "contractor and got him a date.")
    a = assessor.assess(text, prompt=p, sector="housing", nation="scotland")
    met = {m.id: m.met for m in a.marking_points}
    assert met["regulator"] and met["rule"]
    assert "other_nation" not in {h.code for h in a.hints}
    a = assessor.assess(text, prompt=p, sector="housing", nation="england")
    assert not next(m for m in a.marking_points if m.id == "regulator").met
    assert "other_nation" in {h.code for h in a.hints}


@pytest.mark.parametrize(
    ("said", "met"),
    [
        # Said not to exist, or a regulator's own: no policy of the organisation's named.
        ("There's no set procedure for it, we just do it. The CQC check this when they come.", False),
        ("The CQC check we follow the fundamental standards.", False),
        # A house rule said by what it says, or by its name.
        ("Our rule is that we always ask the person first, not the family.", True),
        ("Our privacy and dignity policy says we knock first.", True),
    ],
)
def test_a_policy_of_the_organisations_own(assessor: Assessor, said: str, met: bool) -> None:
    """"Names the organisational policy": not one said not to exist, nor a regulator's checks or rule
    book; a house rule said by what it says is named."""
    p = assessor.content.prompts["sf_dignity_in_care"]
    text = ("I do home care in Leeds. One morning Mr Paterson's daughter told me to put him in joggers "
            f"because it was quicker, but he wanted his shirt, so I got it out and helped him. {said}")
    assert point(assessor, text, p, "health_social_care", "policy").met is met


def test_a_regulators_role_said_as_the_rules_it_has_got(assessor: Assessor) -> None:
    """"Names the regulator and explains its role": "they've got rules that we have to ..."."""
    p = assessor.content.prompts["rl_energy_affordability"]
    text = ("A mum in Wolverhampton rang because she was £340 behind on her gas. Ofgem regulates the energy "
            "suppliers and they've got rules that we have to treat people in debt fairly. I went through her "
            "money coming in and going out and set the arrears plan at £8 a week.")
    assert point(assessor, text, p, "energy", "regulator").met
    bare = text.replace(" and they've got rules that we have to treat people in debt fairly", "")
    assert not point(assessor, bare, p, "energy", "regulator").met


def test_what_is_done_past_a_limit_is_a_habit_of_the_learners_own(assessor: Assessor) -> None:
    """"Anything over £20 credit I pass to my team leader": a habit, so a real example of escalation."""
    from bot.assessment.cues import HABIT

    assert HABIT.search("Anything over £20 credit I pass to my team leader.")
    assert not HABIT.search("Anything over £20 needs a manager.")
    p = assessor.content.prompts["pp_authority_limits"]
    text = "Anything over £20 credit I pass to my team leader."
    assert point(assessor, text, p, "telecoms", "escalate").met


def test_a_practice_said_as_what_is_done_whenever_the_case_comes_up_is_a_real_example() -> None:
    """"when someone rings up about a bill I do the security questions first": a routine of the
    learner's, in the present; "when a customer complained I rang her back" is one occasion, and
    "been doing it 6 wks" says how long a practice has been kept up."""
    from bot.assessment.cues import HABIT

    for text in ("when someone rings up about a bill I do the security questions first",
                 "when cx order online n pay at till i have to check name + order no.",
                 "i watch the queue and shout when to open one. been doing it 6 wks"):
        assert HABIT.search(text), text
    for text in ("when a customer complained I rang her back", "When she rang I apologised",
                 "when the customer rang back we had already closed it"):
        assert not HABIT.search(text), text
