"""STAR parts, a measurable result and reasoning, read from answers typed as learners type them."""

from __future__ import annotations

import pytest

from bot.assessment.spoken import for_cues
from bot.assessment.structure import measurable_span, star_spans
from tests.helpers import has_reasoning, is_measurable, star_parts

FULL = (
    "a customer came in with a kettle that stopped working after 3 weeks. i had to decide if she "
    "got a refund or a repair. i checked our refunds policy and gave her a full refund. she was "
    "really happy and left us 5 stars"
)


def test_all_four_parts() -> None:
    assert star_parts(FULL) == {"situation": True, "task": True, "action": True, "result": True}


def test_labelled_bullets_with_dropped_subjects() -> None:
    text = (
        "• Situation: online order sent back after 10 days\n• Task: process the return\n"
        "• Action: checked the dates, refunded the item\n• Result: customer gave 5/5"
    )
    assert all(star_parts(text).values())


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Last Saturday a man brought back some trainers.", "situation"),
        ("tenant rang about a leak through her ceiling", "situation"),
        ("Our CSAT had dropped to 72% over the summer.", "situation"),
        ("My role was to resolve it under the complaints procedure.", "task"),
        ("I was asked to look into the top reasons.", "task"),
        ("i rang the warehouse and got it sent again", "action"),
        ("I didnt give out any details.", "action"),
        ("In the end he calmed down and thanked me.", "result"),
        ("I booked the engineer and the bag turned up after 2 days.", "result"),
        ("I set up a plan. She's kept to it for 4 months now.", "result"),
    ],
)
def test_each_part_from_its_cue(text: str, part: str) -> None:
    assert star_parts(text)[part]


@pytest.mark.parametrize(
    "text",
    [
        "If a customer asks for a refund I always check the policy first.",
        "I love working with people.",
    ],
)
def test_no_situation_in_generic_statements(text: str) -> None:
    assert not star_parts(text)["situation"]


def test_a_customers_state_after_the_action_is_the_result_not_the_situation() -> None:
    parts = star_parts("I followed the complaint cycle. The customer was really happy.")
    assert parts["result"] and not parts["situation"]


def test_a_question_is_not_an_action() -> None:
    assert not star_parts("can we do this later, on my break now")["action"]


@pytest.mark.parametrize(
    "text",
    [
        FULL,
        "I apologised and rebooked. Complaints fell by 35% the next month.",
        "I refunded the £15 fee and she thanked me.",
        "It was fixed the same day.",
        "We went from 60% to 90% on the next visit.",
        "She gave us a 10 on the survey.",
        "The information team replied in 15 days.",
    ],
)
def test_measurable(text: str) -> None:
    assert is_measurable(text)


@pytest.mark.parametrize(
    "text",
    [
        "A customer bought a phone 5 months ago. I sent it for repair and she was happy.",
        "I explained she had 30 days to reject it under the Act, so I refunded her.",
        "I told him that if we couldn't sort it in 8 weeks he could go to CISAS.",
        "i try to keep my aht under 5 mins",
        "I helped her and she was grateful.",
    ],
)
def test_not_measurable(text: str) -> None:
    assert not is_measurable(text)


@pytest.mark.parametrize(
    "text",
    [
        "I refunded her because she was inside the 30 days.",
        "I added a note so future advisers would know.",
        "i asked for ID as he looked about 16",
        "I logged it straight away to make sure we met the deadline.",
        "the engineer couldnt fix it so we replaced it",
    ],
)
def test_reasoning(text: str) -> None:
    assert has_reasoning(text)


@pytest.mark.parametrize(
    "text",
    [
        "A man got really angry because his order was late. I apologised.",
        "I filled in the accident book as our policy says.",
        "My role was to protect her account. I blocked the change.",
        "I rang the warehouse to get another one sent.",
    ],
)
def test_not_reasoning(text: str) -> None:
    assert not has_reasoning(text)


# --- spoken run-ons and chat shorthand (issue 13, second round) --------------------------------


@pytest.mark.parametrize(
    ("text", "part"),
    [
        # A filler between "and" and the subject hides nothing.
        (
            "a man wanted the dearest phone. I showed him a cheaper one and um he took the cheaper one",
            "result",
        ),
        # A time phrase before the subject of the outcome.
        ("I started signing each one straight away, and in the next observation she found no gaps", "result"),
        ("I set her repeat reminders. After about six months she stopped checking the bag.", "result"),
        # The problem put right in the passive.
        ("I sent the mum a third party form, and the daughter was added within the week", "result"),
        ("I ran the rota change. By the end of June we were at 87%, so we met the target.", "result"),
        ("I slowed down and checked he'd got it, and he said I'm the only one he understands", "result"),
        # A scene after a generic clause of its own: "every" governs "after every call" only.
        ("um so we do the survey after every call, and I noticed loads of people said the same", "situation"),
        ("I read the report each January, and last year it showed customers rate ease highly", "situation"),
        ("When our council in Newport moved the badge form online, I was asked to check it", "situation"),
        ("so um our average handling time went way up, like from six minutes to nine", "situation"),
    ],
)
def test_spoken_run_ons(text: str, part: str) -> None:
    assert star_parts(text)[part], part


@pytest.mark.parametrize(
    "text",
    [
        "I put her on a plan and she put nine out of ten on the survey",
        "i changed how i end calls and my NPS went from plus twenty to plus thirty five in two months",
        "she said the main courses were free, it came to about ninety pound off",
    ],
)
def test_counts_said_in_words_are_measurable(text: str) -> None:
    assert is_measurable(text)


def test_a_passive_that_is_not_an_outcome_is_no_result() -> None:
    text = "A customer was charged twice. I was asked to look at it and I checked the account."
    assert not star_parts(text)["result"]


def test_chat_shorthand_reads_as_the_words() -> None:
    assert has_reasoning("i refunded the cx bc the kettle was faulty")
    assert star_parts("mgr asked me to sort it, i had to find the order")["task"]
    assert has_reasoning("i refunded the cx cos the kettle was faulty")
    assert has_reasoning("i refunded the cx coz the kettle was faulty")
    assert for_cues("told u bout ur refund").text == "told you about your refund"


def test_spans_quote_the_learners_own_words() -> None:
    text = "so um a lady rang, um, and I had to sort it, and um she was really happy with that"
    spans = star_spans(text)
    for part in ("situation", "task", "result"):
        span = spans[part]
        assert span is not None
        assert text[span[0] : span[1]].strip()
    result = spans["result"]
    assert result is not None and "happy" in text[result[0] : result[1]]


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("older cx in perth rang to cancel her landline. i put her on a bundle", "situation"),
        ("fire alarm procedure at our hotel. alarm went off at 2am, i had to get guests out", "situation"),
        ("My first-time fix figure dropped from 78% to 64%. I listened to my calls", "situation"),
        ("A new starter on my team was averaging 62% on quality checks.", "situation"),
        ("My team leader set me a target to cut my call-backs.", "task"),
        ("so I um had to find something that would last", "task"),
        ("I set up a plan and she rang back the next week to say thanks", "result"),
        ("I wrote the balance on a bit of paper and he said cheers and went off happy", "result"),
        ("I found one at our other store. She had it within two hours.", "result"),
        ("I reported the packing step so the warehouse now scans items first", "result"),
        ("I explained bills more clearly. By the end of the quarter I was down to 4 a week", "result"),
    ],
)
def test_scenes_tasks_and_outcomes_in_other_words(text: str, part: str) -> None:
    assert star_parts(text)[part], part


@pytest.mark.parametrize(
    "text",
    [
        "Without that note it would have been her word against ours.",
        "If it had gone, her ex would have seen her new address.",
        "The recording line can't be dropped, since callers have a right to know.",
        "I check the address first, and that check is what stops a slip like that.",
        "Slowing down gave him time to see it was a scam.",
        "told her cant discuss, gdpr means its his info not hers",
        "if wrong person gets it the customer loses their stuff",
    ],
)
def test_reasons_in_other_words(text: str) -> None:
    assert has_reasoning(text)


@pytest.mark.parametrize(
    "text",
    ["I've been on the tills since Monday.", "It was what I expected.", "Without a receipt she came back."],
)
def test_not_reasons_in_other_words(text: str) -> None:
    assert not has_reasoning(text)


def test_everyone_accounted_for_is_a_result() -> None:
    assert star_parts("alarm went off, i did the roll call. all 46 guests out in 6 mins")["result"]


@pytest.mark.parametrize(
    "text",
    [
        # The words before the figure are read whole: "followed" is not "owed".
        "A customer was cross. I followed our complaints procedure and gave him a £10 credit.",
        "I switched her reminders. She attended all 4 of her next appointments.",
        "I potted it up for her and she came back a month later and bought four more.",
    ],
)
def test_measurable_results_said_plainly(text: str) -> None:
    assert is_measurable(text)


def test_someone_ringing_back_the_next_day_is_a_result() -> None:
    assert star_parts("I gave him our address. The tenant rang the next day to set a password.")["result"]


# Issue 13 (dev3 error analysis): STAR parts said in the ways strong answers said them, missed by
# cues that knew only "one day", "the next audit showed" and "she rang back".
@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Most Fridays a retired teacher buys stamps, and one month he forgot his card.", "situation"),
        ("In the winter our boiler repair queue doubled.", "situation"),
        ("Our returns report showed that 40% of returns at the Derby depot were damaged boxes.", "situation"),
        ("Roughly one in six parcels from the new courier was left outside.", "situation"),
        ("On the ward I spotted the fire door wedged open with a chair.", "situation"),
        ("Late parcels were the worst complaint, and cutting them became my project.", "task"),
        ("She was nervous about the app, and I wanted her to feel she could manage it alone.", "task"),
        ("I rewrote the refund letter in plain words.", "action"),
        ("Busy Saturday. phoned round, then ran two extra till checks.", "action"),
        ("I changed the checklist. The following quarter's audit of the kitchen found no gaps.", "result"),
        ("I changed the checklist. At the next inspection the score was 96%.", "result"),
        ("I changed the checklist. In the next sample, 2 of 40 calls missed it.", "result"),
        ("I booked the ramp. Flight was the next morning, with no problems at all.", "result"),
        ("I moved his delivery slot and his son rang in that evening to confirm it.", "result"),
        ("I trained the team on it and there were no appeals about the new form.", "result"),
        ("I chased the supplier. She had everything within four days.", "result"),
    ],
)
def test_star_parts_as_strong_answers_say_them(text: str, part: str) -> None:
    assert star_parts(text)[part], part


@pytest.mark.parametrize(
    ("text", "part"),
    [
        # Knowing the next audit is coming is no result; nor is a plan for "the next visit".
        ("I follow the checklist every day.", "result"),
        ("I will check it at the next visit.", "result"),
        # A complaint before anything was done is the situation, not a result of the action.
        ("There were no complaints policies on the intranet.", "result"),
    ],
)
def test_no_star_part_from_a_plan_or_a_general_statement(text: str, part: str) -> None:
    assert not star_parts(text)[part], part


@pytest.mark.parametrize(
    "text",
    [
        # The step not taken, weighed as a consequence.
        "Waving the ID check through would have meant a stranger could read her statements.",
        "I stayed on the line. Hurrying him might have left him thinking we didn't care.",
        # A slip elsewhere that stops the learner helping.
        "if the courier team doesn't scan the van I can't give anyone a delivery time",
        # What follows for any customer if a step is missed.
        "If the meter photo isn't logged on day one, the new tenant gets an estimated bill.",
        # A reason in chat shorthand: "so only".
        "told him no, its her data so only her or someone she names",
    ],
)
def test_reasons_weighed_or_in_shorthand(text: str) -> None:
    assert has_reasoning(text)


@pytest.mark.parametrize(
    "text",
    [
        # Counts in words, with a word between the count and what it counts.
        "so I rang the bank and um I found twelve other customers with the same fault",
        "I moved the bins and um she's been back every week since, that's like thirty odd visits",
        "I checked the rota and then I spotted 7 more bookings that had the wrong date",
        # A figure that moved, said in words.
        "we added a reminder text and missed visits went down from about two hundred a month to about forty",
        # A score reported after the action; a target reached; a time said as "by the next morning".
        "I spent ten minutes more with him on the phone. His survey score was 9.",
        "target was 20 reviews a month. asked every table at the end. hit 26 by the end of june",
        "I changed the call-back process and our objective was achieved: complaints fell to 4 a week.",
        "I swapped the router and it hasn't dropped once in 3 months.",
        "I chased the depot and got a new part to her by the next morning",
        # A customer coming back over time: "been in every week since" is no hospital stay.
        "I kept his paper aside and um he's been in every week since for about three months",
    ],
)
def test_measurable_results_in_words_and_shorthand(text: str) -> None:
    assert is_measurable(text)


@pytest.mark.parametrize(
    "text",
    [
        # A figure that set the scene, or a target not yet reached, is no result.
        "Our target is a score of 9 and my manager wants 20 reviews a month.",
        "Back in 2021 other teams had tried it.",
        # A time arranged is a plan; "got it to her by the next morning" is the result.
        "She rang about a leak. I arranged an engineer for the next morning.",
        "His mum was in hospital for 3 weeks, so I held the parcel at the depot.",
        # An objective, or a figure aimed for, is a target by another name.
        "I rang the customer back and logged it. Our objective is to answer 90% of emails within 24 hours.",
        "I changed the call-back process and we're aiming for an NPS of 30 by the end of the year.",
        # The fault coming back, before anything fixed it.
        "I reset the router for her and it looked fixed, but it fell over again within a day or two.",
    ],
)
def test_figures_in_the_situation_or_a_target_are_no_result(text: str) -> None:
    assert not is_measurable(text)


@pytest.mark.parametrize(
    "text",
    [
        # Phone notes drop the "I": after "=", a four-letter past, a habit, an apology, a sum.
        "empathy = rang her son for her",
        "parcel went missing twice. used the courier portal to trace it",
        "pharmacy counter. always read the label back to the patient",
        "boiler engineer was 3 hrs late. said sorry to the tenant in person",
        "complaint upheld, credited £45 to the account",
    ],
)
def test_actions_in_phone_notes_without_i(text: str) -> None:
    assert star_parts(text)["action"]


def test_used_to_is_no_action_in_phone_notes() -> None:
    assert not star_parts("queue was long. used to be quiet on mondays")["action"]


# The task read by clause: the learner as owner (I, me, my, mine) and a word of duty, goal or
# assignment in the same clause, in any order, not under a hypothetical or a negation.
@pytest.mark.parametrize(
    "text",
    [
        "My job that afternoon was to get the lift working again.",
        "my job on reception is checking every visitor in",
        "lost parcel for a cx in hull. my job to get it traced n refunded",
        "My bit was to ring the suppliers.",
        "Sorting out the rota for the bank holiday fell to me.",
        "I was on the early shift, so the stock counts were mine to sign off.",
        "My supervisor gave me the job of tidying the returns log.",
        "My line manager asked me to pilot a new greeting.",
        "I wanted the next mystery shop to come back clean.",
        "got 61% on my last quality check. needed to get my score above 80.",
        "I took ownership of her case from there.",
        "Phoning the supplier back fell on me.",
        "I'd been given the job of clearing the overdue returns.",
        "I was the one who had to tell her the flight was gone.",
        "My focus was on getting her heating back on before the weekend.",
        "we needed to get the backlog under fifty by friday",
        "The target I was set was ten sign-ups a week.",
        "I set myself a goal of no repeat calls for a month.",
        "Me and Priya were asked to redo the allergen folder.",
        "I volunteered to rewrite the welcome pack.",
        "said sorry n promised him id chase the courier myself",
        # Told aloud in the present, a filler inside the duty, a share of a bigger piece of work.
        "and I thought right I need to get her home before the last bus",
        "my job's basically checking nobody under eighteen gets served",
        "I was given the complaints and compensation section of the audit.",
        # A decision, an agreement, or what not to let happen.
        "I decided this time I'd stay on the line until I knew why the bins were missed.",
        "My manager and I agreed I would get the backlog under fifty by the end of May.",
        "We'd run out of his rolls, so I nipped next door cos I didn't want to let him down.",
    ],
)
def test_a_task_said_in_words_in_any_order(text: str) -> None:
    assert star_parts(text)["task"]


@pytest.mark.parametrize(
    "text",
    [
        "It wasn't my job to chase the courier, but I did.",
        "If I had to cover the tills I would ask for help.",
        "Your job is to make sure the customer is happy.",
        "I love my job to bits.",
        "A man gave me a bit of abuse at the door.",
        "A woman came up to me at the counter.",
        "I always take ownership of complaints.",
        "I needed to do something quick",
        "we needed to do something about it",
        "The mistake was mine and I said so.",
        "We were told off for being late.",
        "The courier told me he'd sort it by Friday.",
        "If I need to refund anyone I ask the manager.",
        "The customer decided to go elsewhere.",
    ],
)
def test_no_task_in_negations_hypotheticals_or_duty_words_that_set_none(text: str) -> None:
    assert not star_parts(text)["task"]


@pytest.mark.parametrize(
    "text",
    [
        "An electrician emailed our office about a missed payment.",
        "It was a quiet morning, and an electrician rang about the fire alarm.",
        "I was restocking the chiller and spotted a leak.",
        "had my quarterly review with my line manager in leeds.",
        "The plan my supervisor and I agreed was to cut the queue.",
    ],
)
def test_one_occasion_set_by_anyone_in_touch_or_the_learner_at_work(text: str) -> None:
    assert star_parts(text)["situation"]


@pytest.mark.parametrize(
    "text",
    [
        "We use the refunds procedure and I checked the dates.",
        "If I was working the tills I would check ID.",
    ],
)
def test_no_situation_from_a_procedure_or_a_hypothetical(text: str) -> None:
    assert not star_parts(text)["situation"]


def test_how_things_stand_now_after_the_action_is_a_result() -> None:
    assert star_parts("I set him up on a payment plan. His daughter manages the account now.")["result"]


def test_a_role_with_no_occasion_is_no_whole_star() -> None:
    parts = star_parts(
        "My role is to ensure compliance with all relevant legislation. I always take ownership and "
        "I follow the complaints procedure, which results in satisfied customers."
    )
    assert parts["task"] and not parts["situation"]


# --- a consequence weighed, in any order (issue 13, fourth round) -------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I kept the fire door clear. If the alarm went off, people at the back would be stuck.",
        "I read his balance off the slip quietly. Someone behind him could easily use that against him.",
        "i logged the outage straight away. if the portal goes down nobody can log in to pay",
        "I checked her date of birth twice. Without that check she could lose her refund to a stranger.",
    ],
)
def test_a_consequence_weighed_is_a_reason(text: str) -> None:
    assert has_reasoning(text)


@pytest.mark.parametrize(
    "text",
    [
        # A bare list of harms happens to nobody.
        "Not following procedures could lead to a fine, harm, injury and reputation damage.",
        # The harm is the rule's trigger, not a consequence.
        "If a customer complains, I give them a voucher.",
        # The learner's own hypothetical step (labelling rule 4).
        "Next time I would warn them the floor could be unsafe for anyone.",
    ],
)
def test_a_harm_that_is_no_consequence_is_no_reason(text: str) -> None:
    assert not has_reasoning(text)


# --- Round 5: phone notes and spoken answers with no full stops ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # Someone else's doing, anywhere before the learner acts, even with no punctuation.
        "chemist in wrexham tuesday morning old boy asked me loud if his tablets were in",
        "One plumber had rung us four times about the same invoice.",
        "A resident who uses a wheelchair told us the ramp was blocked.",
        "the parcel we sent flooded nobody's house but the driver left it in the rain",
        # ... with where they were between the person and the verb.
        "guest in the bar at the marina spilt red wine on her jacket",
        "caller from portadown (the older lady) wanted her meter moved",
        # A run of trouble with the subject or the g dropped, or anyone's past doing.
        "gas supplier, omagh office. kept getting cx ringing about double bills",
        "we kept gettin folk sayin the flat packs came w no screws",
        "rooms kept not being ready for the 3pm check in",
        "Customers filled in a paper form at the till and it sat in a drawer for months.",
        "cx drove an hour to collect her order n it wasnt there",
        "2 lassies came up for cocktails, 1 looked about 16",
        "repairs calls were getting logged with no access notes",
        # The learner's side before anything was done, or something that kept on.
        "We'd slipped to the bottom of the regional table that spring.",
        "The night team in Perth kept losing the handover sheets.",
        "problem was the booking form only took one date",
    ],
)
def test_a_scene_in_notes_without_full_stops(text: str) -> None:
    assert star_parts(text)["situation"]


@pytest.mark.parametrize(
    "text",
    [
        "If a customer rang about a refund I would check the order.",
        "Every time a tenant phoned we logged it.",
        "I always check the address before I post anything.",
    ],
)
def test_no_scene_from_a_habit_or_a_hypothetical_event(text: str) -> None:
    assert not star_parts(text)["situation"]


@pytest.mark.parametrize(
    "text",
    [
        "my team leader put it on me to find out why the forms kept bouncing",
        "The branch manager handed the whole backlog to me to clear before the audit.",
        "sorting the refund and telling the warehouse was mine",
        "gas leak reported, not my team's job to fix had to get the engineers out",
        "my supervisor said its on me to get the scores up",
        "was on me to chase it as i took the second call",
        "wifi down in the office again, wanted to get it back on before the weekend",
        "complaints up again, my tl gave me the log n said find out what's behind the repair ones",
        "The area manager gave me the quarter to turn the fitting room score round.",
        "so I had to sort something so she wasn't left out at breakfast",
        "I needed the day carer and her nurse to know about the rash straight away.",
        "I promised him a call back on the Thursday once billing had checked it.",
    ],
)
def test_a_task_passed_on_or_with_the_subject_dropped(text: str) -> None:
    assert star_parts(text)["task"]


@pytest.mark.parametrize(
    "text",
    [
        # The dropped subject is the customer's, or the aim is hypothetical or no aim at all.
        "lady at the station wanted to change her ticket",
        "she'd booked the day off n had to rebook",
        "if we hadnt spotted it we couldve been fined n had to pay it back",
        "told her i couldnt discuss it, had to under the data protection act",
        "The mistake was mine.",
        # The manager's answer to the learner's question is a decision, not a task given.
        "I asked my manager if we could do more and she said take off the mains",
        "If I had to cover the tills I'd ask for help.",
    ],
)
def test_no_task_from_someone_elses_aim_or_a_hypothetical(text: str) -> None:
    assert not star_parts(text)["task"]


@pytest.mark.parametrize(
    "text",
    [
        "I rebooked the visit. Now we only see one or two no-shows a month.",
        "I set up the plan and when the year was up he renewed for another two",
        "I put the plan in place n hes paid every week since",
        "I took her to a quiet room. She was grand about it and said she appreciated it.",
        "I raised an urgent case. Metering reset the meter remotely that afternoon.",
        "I did the refund. She used it on another coat there and then.",
    ],
)
def test_a_result_in_notes_or_told_by_someone_else(text: str) -> None:
    assert star_parts(text)["result"]


def test_no_result_from_a_customer_action_before_the_learner_did_anything() -> None:
    # What others did counts as a result only after the learner's first action.
    assert not star_parts("she rang twice and he renewed the cover the same day")["result"]


@pytest.mark.parametrize(
    "text",
    [
        "I rebuilt the rota. Our customer score went 71 to 80 over the summer.",
        "I put the ID prompt on the tills. refusals logged went 12 in june to 31 in july",
        "we picked the online orders first, only 4 substitutions instead of like 50",
        "I rewrote the letter and repeat calls halved.",
        "We trialled call-backs and the NPS went from minus fifteen to plus ten.",
        "I drafted the reply and he got his figures on day 18.",
    ],
)
def test_a_figure_moved_said_without_from(text: str) -> None:
    assert is_measurable(text)


def test_a_figure_in_the_situation_is_no_result_even_beside_what_the_customer_said() -> None:
    # "he said he was taking us to the ombudsman" comes before anything was done: the situation.
    text = (
        "A man had been overcharged three months running and he said he was taking us to the "
        "ombudsman. I checked the usage and removed the bolt-on."
    )
    assert not is_measurable(text)


@pytest.mark.parametrize(
    "text",
    [
        "complaints were mostly no-shows reason was the engineers only had all-day slots",
        "I repaired it in store, if we'd sent her to the manufacturer she'd have waited six weeks",
        "I took their order at the table as he shouldn't have to queue at a bar he can't reach",
    ],
)
def test_reasons_in_run_on_notes(text: str) -> None:
    assert has_reasoning(text)


def test_no_reason_given_is_no_reason() -> None:
    assert not has_reasoning("I refunded it and no reason was given for the delay")


@pytest.mark.parametrize(
    "text",
    [
        "letters too long, first time did bullet points n bold the date",
        "no show complaints up, for nothing got the IT team to add the am pm slot",
    ],
)
def test_an_action_with_the_i_dropped_mid_note(text: str) -> None:
    assert star_parts(text)["action"]


@pytest.mark.parametrize(
    "text",
    [
        "tenants were told all day slots and they took days off work",
        "the customer's son rang and the manager gave a refund",
    ],
)
def test_someone_elses_doing_is_no_action_of_the_learners(text: str) -> None:
    assert not star_parts(text)["action"]


@pytest.mark.parametrize(
    "text",
    [
        # What the customer may do, and when: a period the rules set, not what was achieved.
        "He rang to complain about the bill. I logged it and told him he can go to the ombudsman "
        "after 8 wks from when he complained.",
        "A customer was in debt. I stopped the collection calls and we put him on the sixty day "
        "breathing space.",
        "I sent her a returns label and told her she's got fourteen days to cancel anyway under "
        "the regulations.",
        "I logged the case on the tracker, and anything still open after a further five days is "
        "escalated by our team leader.",
        # A habit, the age of the goods, the customer's lost day and a period ahead.
        "I always answer my colleagues' emails on the same day.",
        "A lady brought back a laptop she'd had about four months. I booked it in for repair.",
        "Tenants complained they took a day off and nobody came. I rang the contractor.",
        "I coached him on his openings. Over the next two months his scores went up a fair bit.",
        # A period said as why the case qualifies.
        "I said sorry and told her she can have a refund or a replacement as its within 30 days.",
        "I checked the order and gave him the return label cos it was still inside the 14 days.",
    ],
)
def test_periods_the_rules_set_habits_and_the_scene_are_no_result(text: str) -> None:
    assert not is_measurable(text)


@pytest.mark.parametrize(
    "text",
    [
        # A rate said as "one in N"; time saved, said as how much earlier.
        "I asked every new customer for a meter photo and disputed first bills fell to about one "
        "in twenty.",
        "I took the letter to the doctor to sign myself, and he went home by two o'clock, four "
        "hours earlier than he would've",
        "I gave her a month off the bill for the outage.",
    ],
)
def test_rates_and_time_saved_are_measurable(text: str) -> None:
    assert is_measurable(text)


@pytest.mark.parametrize(
    "text",
    [
        "my first contact resolution was only 61 percent so I sat with Rhian from billing for two "
        "afternoons and learned the refunds, and by June my first contact resolution was seventy "
        "nine percent",
        "her husband rang wanting the refund to his card. asked him to get her to ring. she rang "
        "that arvo, passed id, got the full £349 back on her own card, showed in 3 days",
    ],
)
def test_a_figure_the_actions_achieved_is_the_result(text: str) -> None:
    """No result words ("in the end", "she was happy"), but a figure after the learner's action
    is what it achieved: the STAR result is there."""
    assert star_spans(text)["result"] is not None


def test_a_figure_before_any_action_is_no_result() -> None:
    text = "the bill was £349 and she had rung 3 times. I checked the account."
    assert star_spans(text)["result"] is None


def test_a_project_the_learner_led_is_the_situation() -> None:
    text = (
        "At a kitchen-appliance retailer in Nottingham I led a change to how we registered extended "
        "warranties."
    )
    assert star_parts(text)["situation"]


def test_a_plan_to_lead_a_change_is_no_situation() -> None:
    assert not star_parts("Managers should lead changes and keep scores up.")["situation"]


@pytest.mark.parametrize(
    "text",
    [
        "had a customer waiting 3 wks for a £200 refund, chased finance, paid in 2 days",
        "target was to cut my after call work from 90 secs to 60 within 6 wks. used shortcut notes "
        "templates. got to 58 secs by week 5",
    ],
)
def test_a_dropped_i_before_a_bare_team_or_thing_is_an_action(text: str) -> None:
    assert star_parts(text)["action"]


def test_the_customers_feelings_after_a_comma_are_no_action() -> None:
    assert not star_parts("the customer rang, annoyed about the bill, and frustrated with waiting")["action"]


# --- The seventh round: phone notes that drop the "I" or the "my"; tasks given by a boss ---------


@pytest.mark.parametrize(
    "text",
    [
        "work in a broadband call centre in cardiff. saw a linkedin post from the institute abt effort.",
        "credit union in armagh. mgr asked me to redo our callback process.",
        "worst one - cx in newry, washing machine we installed flooded her kitchen.",
    ],
)
def test_a_phone_note_that_drops_the_i_or_the_my_still_sets_a_scene(text: str) -> None:
    assert star_parts(text)["situation"]


@pytest.mark.parametrize(
    "text",
    [
        "Customers in general want a quick answer.",
        "We serve customers from all over the county.",
    ],
)
def test_customers_in_general_are_no_scene(text: str) -> None:
    assert not star_parts(text)["situation"]


@pytest.mark.parametrize(
    "text",
    [
        # The boss, then what they said, then the ask: further than a few words apart.
        "my team leader said my chat scores were the lowest in the team and asked me to get them up.",
        # The boss named, then "she asked me to" in the next sentence.
        "mgr came up w/ a new late checkout process, u book it at the desk n it goes on a sheet for "
        "housekeeping so they dont go in rooms early. she asked me to get the team doing it.",
    ],
)
def test_a_task_given_by_a_boss_in_their_own_words(text: str) -> None:
    assert star_parts(text)["task"]


def test_a_customer_asking_is_no_task_given_by_a_boss() -> None:
    assert not star_parts("A customer came in with a broken kettle. She asked me to swap it.")["task"]


@pytest.mark.parametrize(
    "text",
    [
        "I went and spoke to him myself and he stayed for his meal. He left us a five-star review.",
        "she went thru it w/ me so i put a post it on my screen. aprils monitoring i got 86, march was 71",
    ],
)
def test_a_star_rating_or_a_check_score_after_the_action_is_measurable(text: str) -> None:
    assert is_measurable(text)


@pytest.mark.parametrize(
    "text",
    [
        # "one in" before a year said in words or figures is a date, not a rate.
        "I joined the team one in twenty twenty four and the complaint was closed.",
        "we moved her account over in 1 in 2024 and she was happy",
    ],
)
def test_a_year_after_one_in_is_no_rate(text: str) -> None:
    assert not is_measurable(text)


def test_a_check_with_no_score_is_not_measurable() -> None:
    assert not is_measurable("I put a post it on my screen and my next monitoring went much better.")


@pytest.mark.parametrize(
    "text",
    [
        # A target or a KPI is aimed at, however far back in its clause it was named.
        "I rewrote the chat templates and trained the team on them. The target for next year is to "
        "answer 90% of chats within two minutes.",
        "I use the GROW model and KPIs to coach my team to meet our service standards. I hold "
        "one-to-ones every fortnight and I coach and monitor my team. Our KPI is 85% on quality "
        "assurance and 80% first contact resolution.",
        "Complaints about the 8am phone queue kept coming in. I set the team a SMART target: raise "
        "our FFT score to 90% by the end of September.",
        # How long it had been wrong before anyone acted.
        "I rang the engineers and booked a visit. His broadband had been down for three days.",
    ],
)
def test_a_target_or_how_long_it_had_been_wrong_is_no_result(text: str) -> None:
    assert not is_measurable(text)


def test_a_target_that_was_hit_is_a_result() -> None:
    assert is_measurable(
        "I rewrote the chat templates and trained the team on them. By March the target was hit: "
        "we answered 91% of chats within two minutes."
    )


@pytest.mark.parametrize(
    "text",
    [
        # The figure before, on its own.
        "We changed the rota so the chef started earlier. Before that our TripAdvisor rating was 3.8.",
        # The situation's own figures, told after an action.
        "I checked his account and explained the options. He had £89 of arrears on the account.",
        "I rang the airport desk straight away. Her flight was delayed by three hours.",
        "I checked the booking. For a cancellation at less than 14 days' notice they were due money.",
    ],
)
def test_a_before_figure_or_the_situations_own_figures_are_no_result(text: str) -> None:
    assert not is_measurable(text)


def test_a_figure_before_and_after_is_still_a_result() -> None:
    assert is_measurable(
        "We changed the rota so the chef started earlier. Before that our rating was 3.8, and by "
        "June our rating was 4.5."
    )


def test_why_the_customer_asked_for_something_is_not_the_learners_reason() -> None:
    """"A landlord rang asking for his old tenant's address because she owed him rent" says why
    the customer asked, not why the learner did anything."""
    assert not has_reasoning(
        "Last month a landlord rang asking for his old tenant's forwarding address because she owed "
        "him rent. I said no."
    )
    assert has_reasoning(
        "Last month a landlord rang asking for his old tenant's forwarding address. I said no "
        "because she had never agreed to us sharing it."
    )


def test_what_the_customer_wanted_is_not_the_learners_reason() -> None:
    """"He wanted a new phone cos his old one was slow" is why the customer came in."""
    assert not has_reasoning("A man came in and he wanted a new phone cos his old one was slow. I asked "
                             "him what he used it for.")
    assert has_reasoning("A man came in for a new phone. I asked what he used it for, cos a cheaper "
                         "one might do the job.")


def test_what_the_learner_asked_for_keeps_its_reason() -> None:
    assert has_reasoning("I asked for his ID because he looked about 16.")


def test_the_word_action_is_an_action_only_as_the_learners_own() -> None:
    """"Disciplinary action" is a noun of the situation; "Action: I rang" and "my actions" are the
    learner's."""
    noun = "The consequences of non-compliance include fines, disciplinary action and harm to customers."
    assert not star_parts(noun)["action"]
    assert star_parts("Situation: a late parcel. Action: rang the depot.")["action"]


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("bank branch in perth. old boy at the counter reading out his pin really loud.", "situation"),
        ("supermarket in omagh. regular cx w/ autism finds the tills really loud.", "situation"),
        ("i turned my screen away n wrote him a note. he said oh aye good idea n wrote it down", "result"),
        ("i said the rest quietly at the end of the counter. she said after she was glad", "result"),
    ],
)
def test_one_person_in_a_note_and_a_reaction_said_back(text: str, part: str) -> None:
    assert star_parts(text)[part]


def test_an_old_habit_is_no_person_on_an_occasion() -> None:
    assert not star_parts("I always check ID for old customers and young ones.")["situation"]


def test_what_would_have_happened_without_something_is_a_reason() -> None:
    assert has_reasoning(
        "I dropped the bike round on my way home. Without a car he'd have been carrying it on the bus."
    )
    assert not has_reasoning("I dropped the bike round on my way home. He came without a car.")



def test_a_rating_scale_is_no_result() -> None:
    text = (
        "I wrote a new text and sent it to my team leader. She changed it. Net Promoter Score is where "
        "customers score us from 0 to 10."
    )
    assert not is_measurable(text)
    assert is_measurable(text.replace("score us from 0 to 10", "scored us 9 the week after"))


@pytest.mark.parametrize(
    "text",
    [
        # How long the learner's own trial or look ran, what it covered, and what a figure should be.
        "I put the new lids on the takeaway boxes. ran it 4 wks then reviewed the google reviews.",
        "I pulled eight weeks of contact data and mapped the causes. The engineers stopped going out.",
        "I sent the depot a list of the late parcels. Our SLA says it's meant to be ninety eight percent.",
        # The length of the learner's own slot or pilot, said before its noun.
        "I had the advisers present it to their teams, and I did a five minute slot at the depot "
        "briefing so the crews knew. Uptake was really good.",
        "I asked to trial live chat and ran a four-week pilot with the advisers. Feedback looks good.",
    ],
)
def test_the_learners_own_trial_scope_and_what_should_be_are_no_result(text: str) -> None:
    assert not is_measurable(text)


def test_a_result_after_a_trial_is_still_a_result() -> None:
    assert is_measurable("I ran it for 4 weeks and cold food complaints fell from 12 to 3.")
    # When the action's thing arrived, or how long the whole case took, is what it achieved.
    assert is_measurable("I logged it, apologised and arranged a swap for next day. she was happy")
    assert is_measurable("I chased the engineer and her line was fixed in two days.")


@pytest.mark.parametrize(
    "text",
    [
        # "Next day" / "same day" as when someone got in touch, or as a kind of service.
        "I logged the complaint, apologised and emailed her the confirmation the next day. She was pleased.",
        "I booked the engineer and followed it up the same day. He was happy in the end.",
        "I found the parcel and sent a new one by next day courier. She thanked me.",
        "I swapped her booking and offered the others the next day's train. Most understood.",
    ],
)
def test_when_someone_got_in_touch_is_no_result(text: str) -> None:
    assert not is_measurable(text)


def test_what_came_the_next_day_is_a_result() -> None:
    assert is_measurable("I chased the courier and the parcel arrived the next day.")
    assert is_measurable("I rang the voids team and she moved in the next day instead of waiting a week.")


@pytest.mark.parametrize(
    "text",
    [
        # How long a contact or a problem ran, or a run of things going wrong.
        "A man rang about his meter. I took fifteen minutes on that call to talk him through. He was calm.",
        "A lady came in about her bill and I explained it. The chat lasted 20 minutes. She was happy.",
        "His wifi kept dropping out for about three weeks, so I booked an engineer. He was happy.",
        "I logged it for a cx whose parcel wasnt delivered 3 wks runnin and apologised. sorted.",
    ],
)
def test_how_long_a_contact_or_a_problem_ran_is_no_result(text: str) -> None:
    assert not is_measurable(text)


def test_a_good_run_after_the_actions_is_a_result() -> None:
    assert is_measurable("I opened the quiet till for him. He's come in every week since, six weeks running.")
    assert is_measurable("I chased the engineer and it took me two days to get her line fixed.")
    assert is_measurable("I rebooked his bins. He didn't ring again, and he's had six collections in a row.")


@pytest.mark.parametrize(
    "text",
    [
        # A standard, said in the present of every case, is no result.
        "I set up the new greeting with the team, and we agreed every caller gets an answer in 20 seconds.",
        "I follow the complaints procedure. Stage one is a reply within 5 days, so I sent one.",
    ],
)
def test_a_standard_for_every_case_is_no_result(text: str) -> None:
    assert not is_measurable(text)


@pytest.mark.parametrize(
    "text",
    [
        # What the figures meant, read by the learner, and a change said to follow from them.
        "Our dashboard showed my resolution rate had dropped. That told me I was closing calls too early.",
        "Breakfast scores were down, and the comments were telling us the food was cold by nine.",
        "Our charter promises a reply in five days. The change followed directly: a week's wait breaks it.",
    ],
)
def test_what_the_figures_meant_is_a_reason(text: str) -> None:
    assert has_reasoning(text)


def test_a_report_showing_a_figure_is_no_reason() -> None:
    assert not has_reasoning("The report showed 40 calls in May. I rang the supplier.")


@pytest.mark.parametrize(
    "text",
    [
        # A step's own timing inside a procedure, and when something happened said as which week.
        "I logged the complaint and acknowledged it within a day, then looked into it. He was happy.",
        "I followed the procedure and issued a deadlock letter after 8 weeks. She took it further.",
        "I wrapped the plant for her grave. She came back in the week after with chocolates.",
    ],
)
def test_a_steps_timing_or_which_week_is_no_result(text: str) -> None:
    assert not is_measurable(text)


def test_done_within_an_hour_of_the_email_is_a_result() -> None:
    assert is_measurable("I took her off every list. It was all done within an hour of her email.")


@pytest.mark.parametrize(
    "text",
    [
        # Counts the actions brought, said in words.
        "I kept the same notes on his file and rang when I said. Since then he has referred three joiners.",
        "I took him off every list. He rang a week later and said he hadn't had one text since.",
        "I swapped my bake round, and the bread substitutions went from like twenty a morning down to two.",
    ],
)
def test_counts_the_actions_brought_in_words(text: str) -> None:
    assert is_measurable(text)


@pytest.mark.parametrize(
    "text",
    [
        # What the learner looked at, counted, is the size of the look, not what it achieved.
        "I used the five whys on the billing calls. I listened back to about twenty of the calls.",
        "It was on me to get to the bottom of it, so I pulled fifty of the cases and asked why.",
        # A figure hoped for, or what a bill was.
        "I'd look at the scores, make a plan with the team, and I'd expect the scores to go up by 10%.",
        # ... with the hope opening the clause long before the figure.
        "I sat in on calls each week. I would expect callbacks within two hours to hit about 90% by spring.",
        "I set up the rota and we are hoping the share of calls answered in a minute climbs to 80% soon.",
        "I sat in on calls each week. I'd expect callbacks made inside two hours to get to about 90% by May.",
        "A man said his lasagne was cold. I gave him his money back and told my manager. The bill was £34.",
        # The figure before the change, a figure agreed to aim at, a target named after its figure.
        "I ran the training. Before the change about sixty percent of folk came with a paper form.",
        "My part was to stop rushing my calls, and we agreed 12% was realistic with some coaching.",
        "I logged the job with the damp details. We've got a twenty eight day target for routine repairs.",
        # The learner's everyday workload, and a run of a problem that went on "hardly" happening.
        "I work on first line and I log around 60 calls a day, passing damp reports up to the surveyors.",
        "I started writing a line on mood. In December Mrs Hall had hardly eaten for three visits in a row.",
    ],
)
def test_a_sample_a_hope_a_price_a_workload_or_a_target_is_no_result(text: str) -> None:
    assert not is_measurable(text)


@pytest.mark.parametrize(
    "text",
    [
        # A target said as hit still lets its figure count; a rate said per hundred is a figure.
        "I suggested a weekend rota, which we now do. We've hit the 24 hour target 98% of the time since.",
        "I started checking roaming worked. By February my repeat calls were down to 11 in every hundred.",
        "I listened to ten calls with my team leader and changed my close. My repeat calls were down to 11.",
    ],
)
def test_a_target_hit_and_a_rate_per_hundred_are_results(text: str) -> None:
    assert is_measurable(text)


@pytest.mark.parametrize(
    "text",
    [
        # Things better than before, said after the learner's action, are the result.
        "My team leader said I needed to get it down, so I started typing notes during the call, and "
        "it's a lot better now.",
        "I wanted him to feel in charge, so I close the curtains and let him wash his own face. He told "
        "me he doesn't dread the mornings any more.",
        "I had to decide whether I could go ahead. I posted her mother a form, and the daughter can now "
        "manage the account.",
        "My job was to cut the queue. I moved the drop-off desk, and my manager has seen a big difference.",
    ],
)
def test_things_better_than_before_are_the_result(text: str) -> None:
    assert star_parts(text)["result"]


def test_a_target_agreed_for_the_learner_is_the_task() -> None:
    text = "My team leader and I agreed a target for me: answer 90% of emails within two days by 30 June."
    assert star_parts(text)["task"]


def test_so_its_gives_a_reason_in_phone_notes() -> None:
    assert has_reasoning("regular at the salon. i write her colour mix on her card so its the same evry time")


def test_a_duty_to_protect_is_no_reason_but_the_law_applied_is() -> None:
    assert not has_reasoning("The Data Protection Act says we have to protect patient information.")
    assert has_reasoning("The Consumer Rights Act 2015 meant he was entitled to a replacement at no cost.")
    # A duty or a practice restated with "means we ..." is no reason either.
    assert not has_reasoning("The Equality Act 2010 means we treat everyone the same.")
    assert not has_reasoning("The Consumer Duty means we mustn't sell people products without fair value.")


@pytest.mark.parametrize(
    "text",
    [
        # A standard said in the present, the scope of a look to come, and how long a thing was shut.
        "Our charter says we treat people fairly, and that we reply to complaints within five working days.",
        "I fixed my checklist and asked the compliance officer to look at my next five files early.",
        "A member paid for a course but the pool was shut for three weeks for repairs, so I refunded her.",
        # A limit waited out, a clock started, a trigger in a process, a standard's own time.
        "cx rang about his bill, said hes going to the ombudsman. told him he cant go til its been 8 wks.",
        "I logged it as a formal complaint, which starts the eight weeks, and sent it to billing.",
        "I answer the emails every morning. The inbox shows each email's age and it goes red after 20 hours.",
        "I agreed a check-in standard with the team: greet within 30 seconds of someone walking in.",
        # What a check found, and how things were going, before the change.
        "I ran a call audit on the 8am lines. It found that 40% of callers were hanging up first.",
        "I looked into the print queue because we were getting about 25 complaints a week about it.",
    ],
)
def test_a_standard_a_scope_or_a_closure_is_no_result(text: str) -> None:
    assert not is_measurable(text)


def test_a_trade_weighed_is_a_reason() -> None:
    assert has_reasoning("For customers that trade is right: one call of six minutes beats two of five.")
    assert has_reasoning("I argued that one longer call is better for customers than two short ones.")


@pytest.mark.parametrize(
    "text",
    [
        # The thing to bring about said as a noun, and the duty landed "then" on the learner.
        "A mum rang shouting about a bent wheel. I needed a working bike at her door before Saturday.",
        "Customers kept ringing back about the same burst. I wanted a fix the crews would actually use.",
        "Our reopen rate was 14% against 8% bank-wide. It was then on me to get us there.",
        "A mum rang about black mould in her baby's room. I needed someone qualified out to her fast.",
        # Phone notes drop the "to"; speech puts fillers after it; a decision that was the
        # learner's; a target set for the learner (seen on holdout11 and holdout12 after their one
        # scoring: dev12, dev13).
        "fri night a lad ordered 4 pints, looked about 19, my job was check him b4 i poured anything.",
        "um so she rang about her broadband. Um my job was to, like, get her complaint handled properly.",
        "he kept refusing his wash. and my job was to, you know, get his personal care done.",
        "His son rang about the account. It was my call whether we could tell him anything.",
        "Scores were 71%. My area manager's target for me was to get us above 80% by September.",
    ],
)
def test_tasks_said_as_the_thing_needed(text: str) -> None:
    assert star_parts(text)["task"]


@pytest.mark.parametrize(
    "text",
    ["I love my job was the first thing I said.", "It was my call centre's busiest day.",
     "my job was hard that week."],
)
def test_a_duty_word_without_the_duty_is_no_task(text: str) -> None:
    assert not star_parts(text)["task"]


def test_done_by_a_time_is_the_result() -> None:
    text = "Fog hit. My job was to rebook them. I set up a desk. Everyone was rebooked by 11am."
    assert star_parts(text)["result"]


@pytest.mark.parametrize(
    "text",
    [
        # The kind of service a figure names, the scope read, a threshold, a deadline given to
        # someone else, what a process does every time, and a time booked for.
        "we r a small online shop n started getting moans about 3 to 5 day delivery. me n mgr looked",
        "I showed my team leader the comments from like six weeks and she took it to the manager.",
        "He was jointly liable with the garage because it was a card purchase over a hundred pound.",
        "I logged it and asked the team leader to call her back within two days.",
        "I found why: the card order goes out the same afternoon from the old copy.",
        "I arranged a swap for the next morning and explained her rights.",
    ],
)
def test_a_service_scope_threshold_or_booking_is_no_result(text: str) -> None:
    assert not is_measurable(text)


@pytest.mark.parametrize(
    "text",
    [
        "I went to the warehouse and found it in the returns cage. She got it the next morning in time.",
        "I rang the ward and the community team and got a nurse out that same afternoon.",
    ],
)
def test_part_of_a_day_after_the_action_is_a_result(text: str) -> None:
    assert is_measurable(text)


def test_what_the_asked_person_then_did_is_a_result() -> None:
    text = "I went to the bakery and asked them to do a new one and she had it in about forty minutes."
    assert is_measurable(text)


def test_a_consequence_for_the_cx_in_phone_notes_is_a_reason() -> None:
    assert has_reasoning("IT run the website n checkout, if that goes down cx cant even order.")


@pytest.mark.parametrize(
    "text",
    [
        # A figure early in the answer, in a sentence with no result words, is how things stood.
        "I handle complaints for a card company in Belfast. The worst was a customer whose 2,400 pound "
        "holiday went bust before they travelled. My job was to decide if section 75 applied. I checked "
        "the booking and offered to fast-track the claim, which they agreed to and the complaint closed.",
        "I proposed a call back option on the council tax line, because the charter says two minutes and "
        "also our abandoned call rate was eighteen percent. It has gone in now and people seem less cross "
        "when I get through, though we are still waiting on the figures from IT.",
        "A customer rang because she was behind on her gas. I set her up on our standard plan which is £60 "
        "a month over 12 months, that's what we do for everyone. She has COPD so I added her to the "
        "Priority Services Register as well and she said she would try her best.",
    ],
)
def test_a_figure_that_sets_the_scene_is_no_result(text: str) -> None:
    assert not is_measurable(text)


@pytest.mark.parametrize(
    "text",
    [
        # ... but a change, or money given back, is a result wherever it is said.
        "Our CES went from 3.9 to 2.7 after we simplified the returns form, which I suggested after "
        "reading customer comments, and the team agreed to keep the shorter form going forward for good.",
        "I cancelled the contract with no fee, refunded £120, and reported it to my manager because we may "
        "have broken the rules. The sales team got extra training and she sent a card to say thank you.",
        "every month i pull the complaints log. nov-jan handover complaints were top. my task was find out "
        "why. cause was valeting booked the same morning. changed it so valet is done the day before. "
        "handover complaints down to 3 in feb",
    ],
)
def test_a_change_or_money_given_back_is_a_result_early_or_late(text: str) -> None:
    assert is_measurable(text)


def test_a_task_after_a_negation_in_a_spoken_run_on_is_still_a_task() -> None:
    # The "wouldn't" belongs to the till, not to the learner's task; "if I had to" stays no task.
    spoken = (
        "she was past our twenty eight days and the till wouldn't let me do a refund um I needed to "
        "work out what she was actually entitled to so I asked my supervisor and she got her money back"
    )
    assert star_parts(spoken)["task"]
    assert not star_parts("if I had to refund it I would ask my supervisor first")["task"]


@pytest.mark.parametrize(
    "text",
    [
        "Last year our FCR was stuck at 64% and my director's target for me was 75% FCR by the year end.",
        "I wanted everyone doing it the same way, so I wrote the check-in standard with the team.",
        "I took it to my manager Owain and he said right, that's yours then, cut the chasing calls.",
        "Customers weren't hearing anything for days. I wanted that changed, so I put it to my manager.",
    ],
)
def test_a_task_set_with_its_figure_wanted_of_everyone_or_handed_over(text: str) -> None:
    assert star_parts(text)["task"]


def test_a_thing_that_is_yours_or_people_doing_things_is_no_task() -> None:
    # A customer's own item, or what everyone did, says no task of the learner's.
    assert not star_parts("A lady left her purse and I asked if that's yours, and she said yes.")["task"]
    assert not star_parts("Everyone was doing it the same way on the tills that morning.")["task"]


def test_a_person_introduced_at_a_notes_start_with_where_is_a_situation() -> None:
    note = "resident in the care home in newry, mary, didnt want the male carer. swapped w/ aoife."
    assert star_parts(note)["situation"]


def test_an_aim_after_our_place_is_the_customers_not_the_learners() -> None:
    # "at our b&b" says where; the guest had to leave. "our team had to" is the learner's.
    guest = "guest at our b&b in betws y coed had a bereavement n had to leave early, refunded 2 nights."
    assert not star_parts(guest)["task"]
    assert star_parts("the queue was out the door so our team had to open a second till")["task"]


def test_how_the_customer_felt_told_to_someone_is_a_result() -> None:
    text = ("mrs k wanted her bath at night. i swapped w/ a night carer so there were 2 of us at 8pm. "
            "she told her daughter she feels like herself again")
    assert star_parts(text)["result"]
    assert not star_parts("mrs k wanted her bath at night. i swapped w/ a night carer.")["result"]


def test_what_a_law_made_everyone_do_is_no_task_but_the_learners_decision_is() -> None:
    law = ("a blind lady checked in with her guide dog. the Disability Discrimination Act 1995 meant we "
           "had to let the dog in, so I gave her a ground floor room.")
    assert not star_parts(law)["task"]
    mine = ("a customer's daughter rang about his card and it was my decision in the end because the adviser "
            "escalated it to me, so I put a marker on the account.")
    assert star_parts(mine)["task"]
    assert star_parts("the queue was out the door, so we had to open a second till")["task"]


def test_what_the_customer_said_they_would_do_is_no_consequence_weighed() -> None:
    said = "I found the charger and showed him it worked. He said thanks and that he'd come back to us."
    assert not has_reasoning(said)
    weighed = ("I found the charger and showed him it worked. If I'd pushed the phone deal on him, "
               "he'd never come back to us.")
    assert has_reasoning(weighed)


def test_why_the_customer_was_kept_waiting_is_the_situation_not_a_reason() -> None:
    waited = ("A table of four complained: they'd waited like fifty minutes for their mains because the "
              "printer jammed.")
    assert not has_reasoning(waited)
    assert has_reasoning("I comped their desserts because they'd waited fifty minutes for their mains.")


@pytest.mark.parametrize(
    "text",
    [
        "I stood by the pass and checked every ticket had the chef's signature, and everyone does it now.",
        "I capped chats at two and wrote quick replies. Complaints about chat waiting mostly stopped after "
        "that.",
        "I rewrote the letters with a residents' panel. Our assessor this year said the letters were a clear "
        "improvement.",
    ],
)
def test_a_change_that_stuck_or_a_problem_that_stopped_is_a_result(text: str) -> None:
    assert star_parts(text)["result"]


def test_a_habit_with_no_change_has_no_result() -> None:
    assert not star_parts("I check the tickets at the pass and everyone gets a copy.")["result"]


def test_an_instalment_agreed_is_no_result_but_money_saved_is() -> None:
    plan = ("lady rang behind on her gas. checked her income n outgoings. put her on a payment plan £10 a wk "
            "cos she said thats all she cud manage")
    assert not is_measurable(plan)
    assert is_measurable(plan + ". she rang back a month later, cleared £40 of it")


@pytest.mark.parametrize(
    "text",
    [
        "I unclipped the card machine and passed it down to her. She was pleased and paid in about a "
        "minute instead of waiting for a supervisor.",
        "I wrote on my pad and showed him the age check, and he was served within a couple of minutes.",
    ],
)
def test_a_time_taken_said_without_a_digit_is_measurable(text: str) -> None:
    assert is_measurable(text)


def test_a_standards_time_without_a_digit_is_no_result() -> None:
    text = ("After a lad was served under age, we sat down and agreed what every customer should get: a "
            "hello within a minute of coming to the counter. The area manager said we were the best shop.")
    assert not is_measurable(text)


@pytest.mark.parametrize(
    "text",
    [
        # A standard's own figure.
        "A vulnerable customer was off supply, so I raised it to the metering team under our emergency "
        "SLA, which is four hours, and rang her back.",
        # How long a thing lasts, and what it cost.
        "Last year I ran the staff focus groups for our ServiceMark bid. The accreditation lasts two "
        "years and it cost about £8,000.",
        # A payment plan's length.
        "She couldn't pay £640 in one go, so I set her up paying monthly over 10 months with no interest.",
        # The day of the customer's event.
        "I drove the shoes over to her on my way home because the wedding was the next day.",
        # A figure said back in sympathy, and how long something had been going on.
        "I said I understood £55 more a month is a big hit. I saw we'd been estimating her readings for "
        "eight months, so I took a real reading.",
    ],
)
def test_figures_that_measure_nothing_achieved(text: str) -> None:
    """A standard's figure, a lifetime, a plan's length, an event's date, a figure said back in
    sympathy, how long something had gone on: none measures what the actions achieved."""
    assert not is_measurable(text)


@pytest.mark.parametrize(
    "text",
    [
        "I raised it to the metering team and she was back on supply within four hours.",
        "Our last mystery shop went from seventy eight to ninety one percent.",
        "I set her up paying monthly over 10 months, and her arrears went down from £640 to £120 by June.",
    ],
)
def test_figures_that_do_measure_what_was_achieved(text: str) -> None:
    assert is_measurable(text)


def test_better_now_said_of_the_change_is_a_result() -> None:
    text = ("I ran the staff focus groups and we changed how the phone team hands members to a branch. "
            "The members I speak to say the hand-over is much smoother now.")
    assert star_parts(text)["result"]
    assert not star_parts("I ran the staff focus groups and we changed how the phone team hands members "
                          "to a branch.")["result"]


@pytest.mark.parametrize(
    "text",
    [
        "new online appt booking at our gp practice in bristol. my job was to check it worked with screen "
        "readers. got 2 pts to test it, the supplier fixed the date picker.",
        "new click + collect process in our leeds store, had to make sure ID checks still happened. added "
        "an ID prompt on the handheld.",
        "my tl did call monitoring on 5 of my calls. got 68%. put a sticky note on my screen.",
    ],
)
def test_a_note_opening_on_something_new_or_a_check_done_is_a_situation(text: str) -> None:
    assert star_parts(text)["situation"]


def test_something_new_said_in_general_is_no_situation() -> None:
    assert not star_parts("I always check ID when I process a knife collection.")["situation"]


@pytest.mark.parametrize(
    "text",
    [
        "I walked him to the stop and waited with him for like ten minutes till it came.",
        "While they looked into it I went back to him every, like, ten minutes to tell him where it was at.",
        "I looked at our survey results. Our NPS sits at 42 and we are targeting 50 by year end.",
    ],
)
def test_time_spent_with_someone_and_where_a_figure_sits_are_no_result(text: str) -> None:
    assert not is_measurable(text)


def test_a_wait_that_changed_is_still_a_result() -> None:
    assert is_measurable("We trained the Saturday staff. Before, people waited about twelve minutes on a "
                         "busy Saturday; after a month it was four.")
    assert is_measurable("They made a new cake while she waited and she had it in about forty minutes.")


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("eg lad in our sheffield store last fri w/ 2 bottles of vodka, looked about 19. i checked his id.",
         "situation"),
        ("q2 my FCR was 58%, lowest on the team. target was to get myself to 70%+ in 8 wks. pulled a month "
         "of my repeat calls.", "task"),
        ("Tenants kept ringing back about repairs. I'd been asked to get to the bottom of it, so I took ten "
         "of the repeat cases.", "task"),
    ],
)
def test_notes_and_speech_say_the_day_and_the_task_their_own_way(text: str, part: str) -> None:
    """A day shortened in a note ("last fri"), the learner's own target in a note, and a task given
    before ("I'd been asked to")."""
    assert star_parts(text)[part]


def test_a_word_like_a_shortened_day_after_that_is_no_occasion() -> None:
    assert not star_parts("Emails that sat in the shared inbox get answered in order.")["situation"]


def test_a_target_in_general_is_no_task() -> None:
    assert not star_parts("The team target was to answer 80% of calls in 20 seconds.")["task"]


@pytest.mark.parametrize(
    "text",
    [
        "oct we were on 81% for emergencies, it got handed to me. started ringing the contractor daily.",
        "returns were all by email, all sat in a shared inbox for weeks. i set up an online form.",
    ],
)
def test_a_shortened_month_or_work_left_waiting_sets_the_scene(text: str) -> None:
    assert star_parts(text)["situation"]


def test_may_and_mar_are_no_months_at_a_notes_start() -> None:
    assert not star_parts("may need to check ID. i always ask for it.")["situation"]


def test_money_given_back_under_a_law_is_a_result() -> None:
    """"refunded her £25 under the Consumer Rights Act 2015": the law's name after the sum does not
    make it a legal period; a period the law gives still is no result."""
    assert is_measurable("A customer brought back a faulty kettle, so I refunded her £25 under the Consumer "
                         "Rights Act 2015 and she thanked me.")
    assert not is_measurable("She brought back a faulty kettle, and she has 30 days under the Consumer "
                             "Rights Act 2015 to reject it.")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("i put full notes on the ticket - router lights, what we'd tried - so the engineer knew it was "
         "the router not the line.", True),
        ("I logged it on the system so she didn't have to ring again.", True),
        ("I put full notes on the ticket and the engineer went out the next day.", False),
    ],
)
def test_a_purpose_said_as_what_it_let_someone_else_know_or_do(text: str, reason: bool) -> None:
    assert has_reasoning(text) is reason


def test_a_place_reached_within_a_time_is_a_result() -> None:
    """"was in the taxi within 20 minutes" is what the actions achieved; "was in hospital for 3
    weeks" and "still within 30 days" are how things stood."""
    assert is_measurable("He was shouting at the gateline, so I rang control and booked a taxi. He was in "
                         "the taxi within 20 minutes and he shook my hand.")
    assert not is_measurable("I rang her back. She was in hospital for 3 weeks and her bill went unpaid.")
    assert not is_measurable("I checked the receipt and told him he was still within 30 days of buying it.")


def test_a_count_of_a_sample_said_with_two_words_before_its_unit_is_a_result() -> None:
    assert is_measurable("I ran a huddle with call clips on the new check. By the end of week two, 118 of "
                         "the 120 sampled calls used the new check properly.")


def test_a_general_manager_said_as_gm_gives_the_task() -> None:
    assert star_parts("Our check-in scores were slipping and my GM asked me to find a better way of doing "
                      "arrivals.")["task"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # The learner's slip imagined, then what it leads to, told in the present.
        ("I still read his address back to him. If I'd got the address wrong in a rush, the crew goes to the "
         "wrong house and his ceiling comes down.", True),
        # A why asked and answered, as in five whys.
        ("The operative turned up, so why wasn't it fixed? Wrong part on the van.", True),
        ("I kept asking why. Why the wrong part? The job notes were vague.", True),
        # ... but not answered with the learner's next step, nor an "if I'd" said to the learner.
        ("The parcel never came. Why? I rang the depot and booked a new slot.", False),
        ("She asked if I'd seen her parcel, I said no and rang the depot.", False),
    ],
)
def test_a_slip_imagined_or_a_why_answered_is_a_reason(text: str, reason: bool) -> None:
    assert has_reasoning(text) is reason


@pytest.mark.parametrize(
    "text",
    [
        "nobody offered to help with bags so what that meant was guests were arriving feeling like a room "
        "number",
        "the report came back at 68 percent and if we left it our reviews were gonna drop",
    ],
)
def test_what_it_meant_said_the_long_way_or_what_was_going_to_happen_is_a_reason(text: str) -> None:
    assert has_reasoning(text)


def test_a_figure_before_the_task_said_in_words_is_the_scene() -> None:
    """Before "my job was to ..." the answer still sets the scene, even in a sentence with result
    words; a figure after the actions is still the result."""
    scene = ("When we landed there was no chair. He waited on the aircraft forty minutes, and he missed the "
             "last bus and needed a hotel, which we ended up paying for. It was my job to get him off "
             "safely, so I rang the handlers and got a chair up. He wrote in to thank me.")
    assert not is_measurable(scene)
    after = ("mystery shopper came in to our cardiff store in march, we got 58% overall. manager said i had "
             "to get the greeting score up. i ran huddles on it and in june we got 91%.")
    assert is_measurable(after)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # Someone else's reason, reported, is theirs.
        ("I asked my supervisor. She said we could do it because the lady had a hospital letter.", False),
        ("My manager told me we couldn't refund it because it was a sale item.", False),
        # ... the learner's own, after someone spoke, is the learner's.
        ("She said it was fine, and I gave it back because the lady had a hospital letter.", True),
        # The customer's want, with where they are from between, is the situation.
        ("cx in aberdeen wanted her refund put on a different card as the one she paid with was"
         " cancelled.", False),
    ],
)
def test_a_reason_someone_else_gave_or_the_customers_own_is_no_reason_of_the_learners(
    text: str, reason: bool
) -> None:
    assert has_reasoning(text) is reason


@pytest.mark.parametrize(
    "text",
    [
        # The window a measure counts in is no value of it.
        "I log the faults and chase them. The dashboard shows how many emails are older than 24 hours.",
        "I log the ramp faults, and they look at how many are fixed inside twenty four hours each week.",
        "I log the faults. its on the dashboard, % of faults fixed in 48 hrs, tl puts it up every morning.",
        # ... nor is a period someone else has.
        "I raised it to the billing team and told her theyve got five working days on the SLA.",
        # ... nor a figure told to the customer as information.
        "the returns window changed, so now i just tell everyone its 14 days.",
    ],
)
def test_a_measures_window_or_a_period_someone_has_is_no_result(text: str) -> None:
    assert not is_measurable(text)


def test_a_share_done_within_a_window_is_still_a_result() -> None:
    assert is_measurable("I set up a daily chase list, and by March we had 95% of faults fixed in 48 hours.")


@pytest.mark.parametrize(
    ("text", "task"),
    [
        # "I took ownership" with nothing owned is a keyword answer's stock claim, no task.
        ("A customer was angry because his sofa was late. I listened to him and I took ownership of the "
         "problem.", False),
        ("My AHT was red. I took ownership of my calls and it came down.", False),
        # ... the case taken on, or what it took, is one.
        ("She'd been bounced between teams for months. I took ownership of the complaint from then"
         " on.", True),
        ("I took ownership of getting her refund back before the weekend.", True),
    ],
)
def test_ownership_is_a_task_only_of_a_case_or_what_it_took(text: str, task: bool) -> None:
    assert bool(star_parts(text)["task"]) is task


def test_what_a_finding_costs_said_as_what_it_is_is_a_reason() -> None:
    assert has_reasoning("the comments said the queues were too long, ppl left their basket and walked out. "
                         "so thats lost sales and ppl not coming back.")
    assert not has_reasoning("I opened the third till. That's the till by the door.")


def test_the_learners_next_step_ends_what_went_before_a_figure() -> None:
    """"His wages had stopped so I got them refunded, it was sixty four pounds": the money is what
    was done, not how things stood; a plan set up is still no result."""
    assert is_measurable("He rang about two missed payments. His wages had stopped so I got them refunded it "
                         "was sixty four pounds.")
    assert not is_measurable("She was behind on her gas. I asked what she could pay and we set up £5 a week.")
    # ... but "and we had" carries on the rule, it is no next step.
    assert not is_measurable("Someone asked our council for the number of parking fines and I told them they "
                             "had a right under the Freedom of Information Act 2000 and we had 20 working "
                             "days.")


@pytest.mark.parametrize(
    "text",
    [
        # A figure inside a reason explains, it achieves nothing.
        "I fast-tracked the family to the front of security because the gate closes 20 minutes before "
        "departure.",
        "I put him on the list. The reason it helped is he got five calls a week from us.",
        # A known period, said with "the", and a period ahead.
        "I put him on the assisted collection list and wrote to him with the stage one response inside the "
        "ten days.",
        "My manager approved a free change to any date in the next three months.",
    ],
)
def test_a_figure_in_a_reason_or_a_known_period_is_no_result(text: str) -> None:
    assert not is_measurable(text)


@pytest.mark.parametrize(
    "text",
    [
        "I put full notes on the ticket. The call took 6 minutes instead of the usual 20.",
        "I asked the team for ideas. Second visits because of missing information went from 30 in March to "
        "11.",
        "Since then he's been in every day for like two years.",
    ],
)
def test_a_time_set_against_the_usual_or_a_change_after_because_of_is_a_result(text: str) -> None:
    assert is_measurable(text)


def test_the_scene_told_after_a_headline_naming_the_model() -> None:
    """"used HEAT." heads the answer; the scene told after it is still the situation."""
    assert star_parts("used HEAT. cx at newport stn missed his connection bc our train was 40 mins late, "
                      "shouting at the desk. let him vent.")["situation"]
    assert not star_parts("I used HEAT. I listened and I apologised.")["situation"]


@pytest.mark.parametrize(
    ("text", "measured"),
    [
        ("I took her off texts while she was on the line. I rang her a week later: no more texts.", True),
        ("I fixed the address on the account. She has had no calls since.", True),
        # ... not a wish or a rule.
        ("I took her off texts. She wanted no more texts from us.", False),
    ],
)
def test_none_after_it_said_as_none_more_is_a_result(text: str, measured: bool) -> None:
    assert is_measurable(text) is measured


def test_a_state_reached_in_a_time_is_a_result() -> None:
    """"the account was in his sole name in four working days" is what the actions achieved, like a
    place reached within a time; "was in hospital for 3 weeks" is still how things stood."""
    assert is_measurable("I booked a call back with the bereavement team for him. Nothing got missed: the "
                         "account was in his sole name in four working days, when it usually takes ten.")
    assert not is_measurable("I rang her back. She was in hospital for 3 weeks and her bill went unpaid.")


@pytest.mark.parametrize("who", ["The board", "The committee", "Management", "The trustees"])
def test_work_given_by_a_body_of_the_organisation_is_the_task(who: str) -> None:
    text = (f"Last spring members kept missing loan appointments. {who} asked me to look at how other "
            "credit unions cut no-shows. I rang a manager in Greenock. No-shows fell to 1 in 20.")
    assert star_parts(text)["task"]


def test_a_long_slip_imagined_and_what_it_would_do_is_a_reason() -> None:
    """The condition may run long in phone notes ("info" read as "information"): "if i got it wrong
    and gave someones order info to the wrong person the customer could have their parcel nicked"."""
    assert has_reasoning("every call i check name postcode and first line of address. if i got it wrong and "
                         "gave someones order info to the wrong person the customer could have their parcel "
                         "nicked or get scammed and we could get fined")


def test_what_would_befall_the_business_is_a_consequence_not_the_learners_step() -> None:
    """"we could get fined" weighs a consequence; "we could offer a refund" is a step the learner
    might take, no reason."""
    assert has_reasoning("b4 i send any email to a cx i check the name n order number match. if it went to "
                         "the wrong person theyd see someone elses address n we could get fined")
    assert not has_reasoning("I checked the order number. We could offer her a refund.")


@pytest.mark.parametrize(
    ("said", "task"),
    [
        ("I had to sort something for her.", True),
        ("I had to sort something out for the customer.", True),
        # ... vague with no one it was for.
        ("I had to do something.", False),
    ],
)
def test_something_to_sort_for_someone_is_the_task(said: str, task: bool) -> None:
    text = (f"A lady came in with a kettle and no receipt. {said} I checked with my supervisor. She got a "
            "credit note.")
    assert bool(star_parts(text)["task"]) is task


@pytest.mark.parametrize("what", ["comments", "messages", "reviews"])
def test_comments_that_stopped_are_the_result(what: str) -> None:
    text = ("In the summer the surveys kept saying the lunch queue was too long. My manager asked me to look "
            f"at the rota. I moved two of us to an earlier lunch. The {what} about the queue pretty much "
            "stopped after that.")
    assert star_parts(text)["result"]


@pytest.mark.parametrize(
    "text",
    [
        "He'd been given three answers before. I made it my responsibility that he got the same answer.",
        "The mystery shop scored us 61%. My manager made me responsible for fixing it.",
        "My manager wanted someone to take it on and I said I would. I went through the claim form.",
        "She said I kept putting people on hold. I wanted my mark back up over 85, so I explained the hold.",
    ],
)
def test_a_duty_made_the_learners_or_taken_up_or_a_figure_to_reach_is_the_task(text: str) -> None:
    assert star_parts(text)["task"]


def test_responsibility_made_someone_elses_or_a_figure_someone_else_wanted_is_no_task() -> None:
    text = "The manager made it her responsibility to check the tills. She counted them."
    assert not star_parts(text)["task"]
    assert not star_parts("He wanted his bill back down to what it was. She rang us.")["task"]


@pytest.mark.parametrize(
    "text",
    [
        "At the council in Swansea I helped move the blue badge form from paper to an online one.",
        "When I went through the log for October I could see billing complaints were the biggest pile.",
        "I was asked to look at the lunchtime queues at our supermarket in Bristol.",
    ],
)
def test_a_project_helped_with_a_month_looked_back_on_or_work_handed_over_once_is_the_situation(
    text: str,
) -> None:
    assert star_parts(text)["situation"]


def test_work_handed_over_as_a_habit_or_help_in_general_is_no_situation() -> None:
    assert not star_parts("If I'm asked to look at the queues I check the rota first.")["situation"]
    assert not star_parts("Whenever we are asked to cover the tills we check the float.")["situation"]


@pytest.mark.parametrize(
    "text",
    [
        "I do the bookings inbox at a hotel in Blackpool. Our SLA is that all emails get answered in 24 "
        "hours. If we miss it my manager isn't happy.",
        "At the broadband place in Leeds we have an SLA to reply to emails in 24 hours. If we miss it, it "
        "gets flagged.",
        "We've got an SLA with the engineers to get back to us in 48 hours.",
    ],
)
def test_what_an_agreement_promises_is_no_result(text: str) -> None:
    assert not is_measurable(text)


@pytest.mark.parametrize(
    "text",
    [
        "I chased the engineers every morning and we hit the SLA 98% of the time that quarter.",
        "I rebuilt the fault queue. After that the SLA was met for 95% of faults, up from 70%.",
    ],
)
def test_a_promise_said_as_kept_is_a_result(text: str) -> None:
    assert is_measurable(text)


def test_a_past_that_did_not_happen_and_what_would_have_come_of_it_is_a_reason() -> None:
    """A run-on with no comma, as typed on a phone, still weighs what the step prevented."""
    assert has_reasoning("went back thru the notes n there it was. if those notes had been rubbish she'd "
                         "have been turned down for something she did tell us")
    assert has_reasoning("we checked the meter photos. if the reading had gone in wrong the new tenant would "
                         "have got the old bill")
    # What the learner would have done otherwise is no reason.
    assert not has_reasoning("I rang the depot. If the manager had been in I would have asked her first.")


@pytest.mark.parametrize(
    "text",
    [
        "A woman came in to renew her badge. I needed to make sure her religion didn't mean she got a worse "
        "service. I took her through to a private room.",
        "The flight was cancelled. It was on me to tell them. I got on the PA and told them I'd stay till "
        "everyone was sorted.",
        "tl asked me to sort the handover notes. asked the team what they wanted. sent it round on email. "
        "dunno if they all use it tbh",
        "She had a power of attorney. I had to work out whether she could close it. I read the guide and she "
        "did have the right. I sent it to the back office.",
        "My manager gave me a target to answer my emails quicker. So I started doing my emails first thing.",
    ],
)
def test_result_words_in_a_clause_that_did_not_or_may_not_happen_are_no_result(text: str) -> None:
    assert not star_parts(text)["result"]


@pytest.mark.parametrize(
    "text",
    [
        "had a cx in march whose router kept dropping. stayed on longer n changed the wifi channel. she "
        "didnt ring back.",
        "She wanted the blue dress for lunch. I washed it on quick and got her in it for 12. she was "
        "beaming all day.",
        "I sat in on the new starters' calls. When the quality team checked 50 calls the month after, 48 had "
        "the code done right.",
        "I started mentioning the spray at the till. Loads of people bought it.",
        "I booked an interpreter and a double slot. He told the interpreter it was the first time a bank had "
        "bothered.",
        "I started mentioning the spray at the till, and Kirsty said I'd done really well.",
        "I sorted his refund on the spot and he gave us 5 stars.",
    ],
)
def test_results_said_as_what_did_not_follow_a_look_a_later_check_or_praise(text: str) -> None:
    assert star_parts(text)["result"]


@pytest.mark.parametrize(
    "text",
    [
        "told my mgr we shud try it so we printed little cards w a qr on every table. went from like 5 "
        "google reviews a month to 30ish",
        "we got the fans swapped for ones that vent outside. and the damp calls went from about thirty the "
        "winter before to, um, four the winter after.",
    ],
)
def test_a_change_said_with_a_filler_or_in_words_is_measured(text: str) -> None:
    assert is_measurable(text)


def test_a_period_read_or_a_stage_number_is_no_change() -> None:
    assert not is_measurable("I showed my team leader the comments from like six weeks and she took it on.")
    assert not is_measurable("I follow our complaints procedure. Stage 1 is an acknowledgement, stage 2 is a "
                             "review by a manager.")


@pytest.mark.parametrize(
    "text",
    [
        "My task was to take it to the ops meeting with some evidence, so I played them three of the calls. "
        "Ops changed the phone menu.",
        "I trained my 15 advisers on the new log and they started using it.",
        "Rather than write it myself I asked the four advisers who'd been there longest to help.",
    ],
)
def test_a_count_of_who_or_what_the_learner_worked_with_is_no_result(text: str) -> None:
    assert not is_measurable(text)


def test_a_count_the_learners_step_achieved_is_still_a_result() -> None:
    assert is_measurable("I started asking everyone at the till about the fuel offer and I got about 12 "
                         "sign-ups a week, so I beat my target.")


@pytest.mark.parametrize(
    "text",
    [
        "I put her hospital dates on a referral to the senior officer, and I told her it'd be looked at "
        "within ten working days.",
        "I raised it to the metering team with a full case note, and under our escalation matrix they have "
        "two working days to contact the customer.",
        "We put a line in our privacy notice and set the photos to delete after 30 days because of the Data "
        "Protection Act.",
        "um if it was a really big problem i would pass it up and there's an s l a for that i think it's "
        "like forty eight hours",
    ],
)
def test_a_period_promised_given_by_rule_or_kept_by_rule_is_no_result(text: str) -> None:
    assert not is_measurable(text)


def test_a_time_the_case_took_is_still_a_result() -> None:
    assert is_measurable("I put her dates on a referral to the senior officer and it was sorted within three "
                         "working days.")


def test_a_figure_in_what_would_not_be_is_no_result() -> None:
    assert not is_measurable("I needed to decide whether to send them off till three. I thought, if this was "
                             "my own family I wouldn't leave them sat in the lobby for five hours.")


def test_without_it_and_a_phone_typed_wed_is_a_reason() -> None:
    assert has_reasoning("we refunded her £60 within the 14 days like the regs say. without the regs wed "
                         "only have our 28 day thing for store stuff")


def test_a_figure_in_what_would_have_been_is_no_result() -> None:
    text = ("A customer rang to cancel a sofa nine days after delivery. I had to put that right, so I rang "
            "her back and cancelled it. If we'd held her to it, she'd have been £1,300 out of pocket.")
    assert not is_measurable(text)
    assert not star_parts(text)["result"]


def test_money_the_learner_gave_under_a_law_is_a_result() -> None:
    """The law named before it does not make a refund given a legal period."""
    given = ("A customer brought back a kettle that stopped working after 3 weeks. Under the Consumer Rights "
             "Act 2015 I gave her a full refund of £25 because it was faulty.")
    assert is_measurable(given)
    owed = "Under the Consumer Rights Act 2015 she was entitled to a refund of £25, so I checked the receipt."
    assert not is_measurable(owed)


@pytest.mark.parametrize(
    "text",
    [
        "cx order came smashed. logged it on our complaints process, sent a new one out, rang her 3 days "
        "after to check it come ok.",
        "last train got cancelled so i booked her a taxi home on the company. she emailed in a week later "
        "to say thanks n named me.",
        "I sorted her replacement card and I called her back two days later to make sure it had arrived.",
        "I found her a room at our sister hotel and she made her wedding. She came back the next morning "
        "to thank me.",
        "older gent wanted to send his savings to a 'broker', i got my manager n we stopped it. his "
        "daughter came in next day to thank us",
    ],
)
def test_when_someone_got_in_touch_later_is_no_result(text: str) -> None:
    """How long after it someone rang, emailed or checked is when they got in touch, not a quantity of
    what the actions achieved."""
    assert not is_measurable(text)


@pytest.mark.parametrize(
    "text",
    [
        "I booked the engineer and chased the parts, and the boiler was fixed 3 days later.",
        "I raised it with the refunds team and the money was back in her account two days later.",
    ],
)
def test_a_time_taken_said_as_later_is_still_a_result(text: str) -> None:
    assert is_measurable(text)


def test_what_the_learner_went_through_is_no_result() -> None:
    """A count of what was read or reviewed is what the learner worked with, not what it achieved;
    what the review then found or changed still counts."""
    assert not is_measurable(
        "My job was to pull out the themes. I went through, um, about three hundred complaints and card "
        "freezing and slow alerts were the big ones, so I wrote it up for the digital team."
    )
    assert is_measurable(
        "My job was to check the quality of our calls. I reviewed 40 calls, and after the coaching our "
        "quality score went from 72% to 90%."
    )


@pytest.mark.parametrize(
    "text",
    [
        "His boiler repair was cancelled twice. I booked an engineer for the next morning myself. He was "
        "fixed by 11am and said thanks.",
        "I escalated the burst main to the duty manager and got a crew out, and her water was back on by "
        "7pm.",
        "The coach broke down so I booked taxis for the group, and they were all home by half one.",
    ],
)
def test_a_time_of_day_it_was_put_right_by_is_measurable(text: str) -> None:
    """The time of day something was put right by is a time achieved, as "the same day" is."""
    assert is_measurable(text)


def test_a_time_of_day_as_the_scene_is_no_result() -> None:
    assert not is_measurable("The shop shuts at 6pm and she came in at quarter to. I had to help her "
                             "quickly, so I found the parcel and she went away happy.")


def test_the_sum_given_not_the_period_that_made_the_case_qualify_is_the_result() -> None:
    """"told her she can have a refund ... as its within 30 days, ... so I did the refund of £34.99":
    the quote a learner sees for their measurable result is the refund, not the period."""
    text = ("a lady come in with a kettle she bought 3 weeks before and it wouldnt boil. I said sorry "
            "and told her under the consumer rights act she can have a refund or a replacement as its "
            "within 30 days, she wanted her money back so I did the refund of £34.99 on her card.")
    span = measurable_span(text)
    assert span is not None and text[span[0] : span[1]] == "£34.99"
