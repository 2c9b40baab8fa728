"""Concept-based marking points: what a learner means, in their words, quoted back as evidence.

The answers come from the issue's own examples (issue 13) and the ways learners say one idea.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.assessment import Assessor, needs
from bot.assessment.concepts import EXCERPT, ConceptIndex, excerpt, words
from bot.assessment.needs import NAMED_ONLY, keywords_for
from content.loader import Content, ContentError, load_content
from content.models import Check, Concept, MarkingPoint, Need, Probe, Prompt
from tests.content.packs import GOOD_PROMPT, write


@pytest.fixture(scope="module")
def assessor(content: Content) -> Assessor:
    return Assessor(content)


def point(pid: str, assessor: Assessor, prompt_id: str, text: str) -> tuple[bool, list[str], str | None]:
    a = assessor.assess(text, prompt=assessor.content.prompts[prompt_id])
    p = next(p for p in a.marking_points if p.id == pid)
    for q in p.evidence:
        assert text[q.start : q.end] == q.text  # evidence is the learner's own words
    return p.met, [q.text for q in p.evidence], p.missing


def spans(index: ConceptIndex, cid: str, text: str) -> list[str]:
    ws = words(text)
    return [text[ws[i].start : ws[j - 1].end] for i, j in index.find(cid, ws)]


INDEX = ConceptIndex(
    {
        "apology": Concept(id="apology", says="an apology", terms=["apolog*", "sorry"]),
        "team": Concept(
            id="team", says="a team", terms=["IT", "financ*", "warehous*", "billing team|department"]
        ),
        "kept": Concept(id="kept", says="updates", terms=["kept|keep ... updated|informed"]),
        "ref": Concept(id="ref", says="a team named", terms=["the @team"]),
        "need": Concept(id="need", says="needs", terms=["didn't need"], negatable=False),
    }
)


def test_inflections_prefixes_and_gaps() -> None:
    assert spans(INDEX, "apology", "I apologised, then said sorry again. My apologies.") == [
        "apologised", "sorry", "apologies",
    ]
    assert spans(INDEX, "kept", "I kept the customer updated and kept her informed") == [
        "kept the customer updated", "kept her informed",
    ]
    # A gap is at most three words, and never crosses a sentence.
    assert spans(INDEX, "kept", "I kept it. Everyone was updated") == []
    assert spans(INDEX, "team", "the billing department and the billing") == ["billing department"]


def test_a_point_or_comma_inside_a_figure_breaks_no_sentence() -> None:
    """"went from 7.1 to 8.4 the next quarter", "£1,300": one sentence and one clause; a full stop
    before the next word still ends one ("fixed by 5. She rang")."""
    ws = words("Our score went from 7.1 to 8.4 the next quarter and we saved £1,300 on it")
    assert {w.sentence for w in ws} == {0} and ws[-1].clause == ws[0].clause + 1  # only "and"
    assert {w.sentence for w in words("It was fixed by 5. She rang back")} == {0, 1}


def test_chat_shorthand_is_read_as_the_words_it_stands_for() -> None:
    """Labelling rule 1: "cx", "n", "tl" read as customer, and, team leader; the evidence keeps
    the learner's own characters."""
    index = ConceptIndex(
        {
            "pair": Concept(id="pair", says="two teams", terms=["billing and warehouse"]),
            "lead": Concept(id="lead", says="a team leader", terms=["team leader"]),
            "cust": Concept(id="cust", says="the customer", terms=["customer told"]),
        }
    )
    text = "rang billing n warehouse, then my tl. cx told me after"
    assert spans(index, "pair", text) == ["billing n warehouse"]
    assert spans(index, "lead", text) == ["tl"]
    assert spans(index, "cust", text) == ["cx told"]
    # A word that only looks like shorthand inside a longer word is left alone.
    assert spans(index, "pair", "billing nwarehouse") == []


def test_capitals_tell_the_it_team_from_it() -> None:
    assert spans(INDEX, "team", "it was late so IT fixed it") == ["IT"]
    assert spans(INDEX, "ref", "I rang the warehouse") == ["the warehouse"]


def test_negated_and_hypothetical_mentions_do_not_count() -> None:
    for text in (
        "I didn't apologise to him",
        "there was no apology in the letter",
        "I would have apologised but my manager took over",
        "looking back I should have said sorry",
        "if I had apologised it would have helped",
    ):
        assert spans(INDEX, "apology", text) == [], text
    # A new clause ends the negation: "no refund, but I apologised" still apologises.
    assert spans(INDEX, "apology", "there was no refund, but I apologised") == ["apologised"]
    assert spans(INDEX, "apology", "I could see he was upset so I apologised") == ["apologised"]
    assert spans(INDEX, "need", "she didn't need the upgrade") == ["didn't need"]


def test_two_behind_the_scenes_teams_in_a_list(assessor: Assessor) -> None:
    """Issue 13: "Warehousing, IT and Finance are central teams" got "❌ Maps at least two"."""
    text = (
        "Warehousing, IT and Finance are central teams that customers never speak to. Last winter "
        "the warehouse rota left us short, so deliveries were late and customers rang in angry."
    )
    met, evidence, _ = point("teams", assessor, "ee_organisation_map", text)
    assert met
    assert evidence[0].startswith("Warehousing, IT and Finance")
    one = "Our IT team fixed the website checkout when it crashed on Black Friday. IT is great."
    met, _, missing = point("teams", assessor, "ee_organisation_map", one)
    assert not met  # one team said twice is one team
    assert missing and "teams behind the scenes" in missing and "I found 1" in missing


def test_the_script_in_the_learners_words(assessor: Assessor) -> None:
    """Issue 13: "Our script says greet the customer..." got "❌ Names the call script"."""
    text = "Our script says greet the customer by name."
    met, evidence, _ = point("script", assessor, "pp_greeting_script", text)
    assert met and evidence == ["Our script says greet the customer by name."]
    met, _, missing = point("script", assessor, "pp_greeting_script", "There was no script, we just chat.")
    assert not met and missing == "the name of your script or greeting standard"


def test_why_each_law_mattered_needs_a_law(assessor: Assessor) -> None:
    """Issue 13: "by law we had to give him his money back" met "Explains why each law mattered"."""
    text = "A customer brought back a broken kettle. By law we had to refund him because it was faulty."
    met, _, missing = point("why", assessor, "rl_two_laws_one_case", text)
    assert not met and missing and "law" in missing
    text += " The Consumer Rights Act 2015 gave him the right to reject it."
    # One reason is not "each law" (the labelling rule: a reason for one law, not each, is unmet).
    met, _, missing = point("why", assessor, "rl_two_laws_one_case", text)
    assert not met and missing and "2 different ones (I found 1)" in missing
    text += " The Equality Act 2010 mattered too, as he is blind and needed the receipt read out."
    met, evidence, _ = point("why", assessor, "rl_two_laws_one_case", text)
    assert met
    assert any("because it was faulty" in e for e in evidence)
    assert any("as he is blind" in e for e in evidence)


def test_a_figure_counts_as_a_result_only_in_the_result(content: Content) -> None:
    figure = MarkingPoint(
        id="figure", check=Check.CONCEPTS, text="States the result as a figure.",
        needs=[Need(concepts=["number"], where="result")],
    )
    concepts = dict(content.concepts)
    concepts["number"] = Concept(id="number", says="a figure", terms=["percent"])
    a = Assessor(Content(**{**content.__dict__, "concepts": concepts}))
    prompt = Prompt(
        id="p_figure", topic="rules_and_law", text="Tell me about a time the figures improved.",
        levels=[3], marking_points=[figure, figure.model_copy(update={"id": "other"})],
        probes=[Probe(point="figure", text="What was the figure at the end?")],
        model_answer=["S", "T", "A"],
    )
    before = "Complaints were 40 percent of calls. I rewrote the letter. In the end she was happy."
    after = "I rewrote the letter. In the end complaints fell by 40 percent."
    assert not a.assess(before, prompt=prompt).marking_points[0].met
    assert a.assess(after, prompt=prompt).marking_points[0].met


def test_key_words_without_substance_do_not_meet_a_point(assessor: Assessor) -> None:
    """The labelling rule: "I took ownership" with nothing owned is not met; the same idea said
    about this customer is."""
    bare = "I used HEAT and took ownership. Ownership is important."
    assert not point("ownership", assessor, "ee_structured_model", bare)[0]
    real = (
        "A man rang furious that his boiler repair had been cancelled twice. I told him I would "
        "take ownership personally, gave him my direct line and rang the engineer myself."
    )
    assert point("ownership", assessor, "ee_structured_model", real)[0]


def test_the_json_carries_evidence_with_span_and_text(assessor: Assessor) -> None:
    text = "The order was lost. I apologised to her straight away and rebooked it."
    data = assessor.assess(text, prompt=assessor.content.prompts["sf_service_recovery"]).to_dict()
    apology = next(p for p in data["marking_points"] if p["id"] == "apology")
    assert apology["met"] and apology["evidence"] == [
        {"start": 20, "end": len(text), "text": "I apologised to her straight away and rebooked it."}
    ]
    model = next(p for p in data["marking_points"] if p["id"] == "model")
    assert model["evidence"] == [] and model["missing"].startswith("the LATER model")


def test_legacy_mentions_points_still_quote_their_words(content: Content) -> None:
    mention = MarkingPoint(
        id="m", check=Check.MENTIONS, params={"terms": ["deadlock letter"]}, text="Knows the deadlock letter."
    )
    prompt = Prompt(
        id="p_m", topic="rules_and_law", text="Tell me about a complaint that reached deadlock.",
        levels=[3], marking_points=[mention, mention.model_copy(update={"id": "n"})],
        probes=[Probe(point="m", text="What did the letter say?")], model_answer=["S", "T", "A"],
    )
    text = "After eight weeks we sent her a deadlock letter. She went to the ombudsman."
    result = Assessor(content).assess(text, prompt=prompt).marking_points[0]
    assert result.met and result.evidence[0].text == "After eight weeks we sent her a deadlock letter."


def test_content_check_names_an_unknown_concept(tmp_path: Path) -> None:
    bad = GOOD_PROMPT.replace(
        "      check: names_legislation\n",
        "      check: concepts\n      needs: [{concepts: [no_such_idea]}]\n",
    )
    path = write(tmp_path, "prompts/p.yaml", bad)
    with pytest.raises(ContentError) as info:
        load_content([tmp_path])
    assert (info.value.file, info.value.entry) == (str(path), "pack_prompt")
    assert info.value.field == "marking_points.law.needs.0.concepts"
    assert "no_such_idea" in info.value.problem


def test_content_check_refuses_a_broken_term(tmp_path: Path) -> None:
    path = write(tmp_path, "concepts.yaml", "- {id: odd, says: an odd thing, terms: ['... late']}\n")
    with pytest.raises(ContentError) as info:
        load_content([tmp_path])
    assert (info.value.file, info.value.entry, info.value.field) == (str(path), "odd", "terms")
    write(tmp_path, "concepts.yaml", "- {id: odd, says: an odd thing, terms: ['@nowhere']}\n")
    with pytest.raises(ContentError, match="unknown concept @nowhere"):
        load_content([tmp_path])


def test_content_check_refuses_a_phrase_split_by_a_bar(tmp_path: Path) -> None:
    """"pick up|picking up" would read as "pick", then "up" or "picking", then "up": '|' separates
    single words, so the check names the word found in two neighbouring places."""
    path = write(tmp_path, "concepts.yaml", "- {id: odd, says: odd, terms: ['call* back|rang back']}\n")
    with pytest.raises(ContentError) as info:
        load_content([tmp_path])
    assert (info.value.file, info.value.entry, info.value.field) == (str(path), "odd", "terms")
    assert "'back' is in two neighbouring places" in info.value.problem
    write(tmp_path, "concepts.yaml", "- {id: odd, says: odd, terms: ['call*|rang back', 'went ... back']}\n")
    load_content([tmp_path])


def test_content_check_refuses_two_forms_of_a_word_side_by_side(tmp_path: Path) -> None:
    """"why it happened|kept happening" reads "happened" or "kept", then "happening": the check names
    the two forms; the phrases written as their own terms load."""
    write(tmp_path, "concepts.yaml", "- {id: odd, says: odd, terms: ['why it happened|kept happening']}\n")
    with pytest.raises(ContentError, match="'happened' and 'happening' are forms of one word"):
        load_content([tmp_path])
    write(tmp_path, "concepts.yaml",
          "- {id: odd, says: odd, terms: ['why it happened', 'why it kept happening']}\n")
    load_content([tmp_path])


def test_content_check_refuses_a_contraction_beside_its_long_form(tmp_path: Path) -> None:
    """"for a _ it's|its|it is they" reads "it's" or "it", then "is", then "they": the check names it;
    "didn't have to" (no long form beside it) loads."""
    for term in ("for a _ it's|its|it is they", "didn't|did not ... need"):
        write(tmp_path, "concepts.yaml", f'- {{id: odd, says: odd, terms: ["{term}"]}}\n')
        with pytest.raises(ContentError, match="a contraction and its long form share one place"):
            load_content([tmp_path])
    write(tmp_path, "concepts.yaml", '- {id: odd, says: odd, terms: ["didn\'t|didnt have to ... queue"]}\n')
    load_content([tmp_path])


def test_the_journey_set_out_for_one_product(content: Content) -> None:
    index = ConceptIndex(content.concepts)
    text = "For a sofa it's: they see it on the website or come in the showroom, order with me, wait 10 weeks"
    assert index.find("journey_walked", words(text))


def test_a_root_cause_said_as_looking_at_why_it_happened(content: Content) -> None:
    index = ConceptIndex(content.concepts)
    text = "then I looked at why it happened and it was because the template searches by name"
    assert index.find("root_cause", words(text))


def test_every_shipped_concept_is_used_and_says_something(content: Content) -> None:
    used = {
        c for p in content.prompts.values() for m in p.marking_points for n in m.needs
        for c in [*n.concepts, *n.about]
    }
    used |= {r for c in content.concepts.values() for r in c.references()}
    used |= {c.substantive_with for c in content.concepts.values() if c.substantive_with}
    assert set(content.concepts) == used


def test_with_its_year_needs_the_right_year(assessor: Assessor) -> None:
    """The labelling rule: "with its year" is not met by an Act without it, or with a wrong one."""
    base = "A customer brought back a kettle that leaked after ten days, so I refunded her under the "
    for act, met in (("Consumer Rights Act 2015", True), ("Consumer Rights Act", False),
                      ("Consumer Rights Act 2010", False)):
        assert point("two_laws", assessor, "rl_refund_dispute", base + act + ".")[0] is met, act


def test_a_model_named_is_not_a_model_used(assessor: Assessor) -> None:
    """"Uses root cause analysis" needs the analysis; "Names the model" needs only the name."""
    bare = "We did the five whys and root cause analysis and found the underlying cause."
    assert not point("rca", assessor, "mi_root_cause", bare)[0]
    used = (
        "Customers kept ringing about second bills. I asked why five times and traced it back to a "
        "billing run that posted the paper bill after the email one, so we stopped the paper run."
    )
    assert point("rca", assessor, "mi_root_cause", used)[0]
    assert point("model", assessor, "sf_service_recovery", "I used the LATER model.")[0]


def test_a_next_step_or_a_rule_is_not_a_reason(assessor: Assessor) -> None:
    for text in (
        "A man couldn't pass the ID checks, so I didn't tell him anything.",
        "I always do the ID checks because of data protection. They are mandatory.",
    ):
        assert not point("why", assessor, "pp_identity_checks", text)[0], text
    real = "A man failed the ID checks, so I stopped, because a fraudster could empty his account."
    assert point("why", assessor, "pp_identity_checks", real)[0]


def test_a_missed_star_point_says_which_part(assessor: Assessor) -> None:
    text = "Last week a customer brought back a kettle that leaked. I refunded her. She rated us 5 out of 5."
    met, _, missing = point("star", assessor, "rl_refund_dispute", text)
    assert not met and missing == "your task: what you had to do or decide"


def test_a_reason_of_contractions_and_rule_words_is_conformity(assessor: Assessor) -> None:
    for text in (
        "I use the call script. The mandatory parts must stay because they're mandatory.",
        "I use the call script. The mandatory parts stay cos thats the rules.",
    ):
        assert not point("why", assessor, "pp_greeting_script", text)[0], text


def test_who_asked_for_it_is_conformity_not_a_reason(assessor: Assessor) -> None:
    """"Because my manager said so", "cos that's what we're trained to do", "bc you can't skip it":
    who wants it, or that it is the done thing, is no reason of the case. What the manager said
    about the case is."""
    base = "I use the call script. A man rang in a panic about his bill and I kept every part of the greeting"
    for reason in (
        " because my team leader told us to.",
        " cos the manager says so.",
        " bc head office wants it that way.",
        " because that's what we're trained to do.",
        " cos thats how we do calls now.",
        " bc you cant skip it.",
        " cos its company policy anyway.",
        " because you get marked down on your QA if you miss it.",
        " because that's what we do here.",
    ):
        assert not point("why", assessor, "pp_greeting_script", base + reason)[0], reason
    own = base + " because the manager said the security questions stop fraudsters getting into accounts."
    assert point("why", assessor, "pp_greeting_script", own)[0]


def test_whose_data_it_is_is_a_reason(assessor: Assessor) -> None:
    """"Because it's his information" is why it cannot be shared, though its words are the prompt's."""
    base = "A man rang our bank in Leeds for his wife's balance. She's not on the account, so I said no"
    for reason, met in ((" because it's her information and she hasn't agreed.", True),
                        (" cos its not his account.", True),
                        (" because of the rules.", False)):
        assert point("why", assessor, "rl_third_party_data", base + reason)[0] is met, reason


def test_the_record_keeping_rule_said_as_the_rule_it_is(assessor: Assessor) -> None:
    """"Names the record-keeping requirement": said as the rule ("every visit has to be logged on
    the system the same day") or as its book, it is named; a habit of one's own is not a rule."""
    case = " A tenant rang about damp, so I logged the photos she sent and the surveyor's date."
    for rule in ("At our housing office every call gets a note on the tenant's account.",
                 "Our rule is that notes are written up the same day.",
                 "Anything that happens on the premises goes in the accident book."):
        assert point("records", assessor, "pp_record_keeping", rule + case)[0], rule
    habit = "On every call I put notes on the account."
    assert not point("records", assessor, "pp_record_keeping", habit + case)[0]


def test_report_writing_stock_phrases_are_not_substance(assessor: Assessor) -> None:
    """"I spotted a trend in the data, implemented actions and put them in place to address it"
    names no trend: its words are any report's. The trend itself, said, is met."""
    stock = (
        "Customer feedback matters at our cafe in Leeds. Each month I analyse the survey data and I "
        "identified a worrying trend, so we put new actions in place to address it. This shows my "
        "ability to use insight."
    )
    assert not point("trend", assessor, "sf_feedback_trends", stock)[0]
    real = (
        "At our cafe in Leeds I read the survey comments each month. From May to July eleven "
        "different customers said the soup came out lukewarm, so I had the kitchen warm the bowls."
    )
    assert point("trend", assessor, "sf_feedback_trends", real)[0]


def test_two_measures_need_how_they_pull_against_each_other(assessor: Assessor) -> None:
    """"Names at least two measures and how they pull against each other": both names and the pull."""
    base = "At our contact centre in Hull we are measured on AHT and on FCR, with a target for each."
    assert not point("metrics", assessor, "mi_speed_vs_quality", base + " I hit both last month.")[0]
    pull = base + " They don't sit well together: if I rush a caller to keep AHT down, she rings back."
    assert point("metrics", assessor, "mi_speed_vs_quality", pull)[0]


def test_a_hollow_answer_tells_no_star_example(assessor: Assessor) -> None:
    """An answer made of the prompt's words tells no situation, task, action and result, however
    its sentences are built."""
    hollow = (
        "A customer wanted a refund. I had to follow the refund policy and the Consumer Rights Act 2015, "
        "so I took ownership and followed the policy and the law. The result was positive."
    )
    assert not point("star", assessor, "rl_refund_dispute", hollow)[0]
    real = (
        "A man in our Leeds shop brought back a kettle that leaked after ten days. I had to decide "
        "between a repair and a refund, so I checked the receipt and refunded the £30 under the "
        "Consumer Rights Act 2015. He was happy and bought a toaster."
    )
    assert point("star", assessor, "rl_refund_dispute", real)[0]


def test_a_win_win_negotiated_is_no_negotiation(assessor: Assessor) -> None:
    """"I negotiated a win-win outcome" says nothing of what each side gave."""
    base = (
        "I work in a bed shop in Rhyl. My most complex complaint was a bed that the customer said was "
        "faulty. I followed the complaints procedure and all its stages. The Consumer Rights Act 2015 "
        "says goods must be of satisfactory quality."
    )
    stock = base + " I negotiated a win-win outcome with the customer and took ownership. She was satisfied."
    assert not point("negotiation", assessor, "rl_complex_complaint", stock)[0]
    real = base + " She asked for £200 back; I offered £90 and a free service, and we settled on £140."
    assert point("negotiation", assessor, "rl_complex_complaint", real)[0]
    agreed = base + " I negotiated with them and we reached an agreement."
    assert not point("negotiation", assessor, "rl_complex_complaint", agreed)[0]


def test_a_keyword_answers_stock_phrases_are_no_coaching_described(assessor: Assessor) -> None:
    """"We set SMART targets and I gave him regular feedback" says only the prompt's words; the
    coaching itself is what was said and done in it."""
    stock = ("I coached a new colleague at our Bangor store. We set SMART targets and I gave him regular "
             "feedback.")
    assert not point("coaching", assessor, "mi_coaching_colleague", stock)[0]
    real = ("I coached a new colleague at our Bangor store. I listened to three of his calls with him each "
            "Friday and we picked one thing to change, like reading the address back before booking.")
    assert point("coaching", assessor, "mi_coaching_colleague", real)[0]


def test_a_name_said_to_deny_it_is_not_named(assessor: Assessor) -> None:
    """Rule 4: "we don't really do mystery shopping" does not name the method used; "no AHT target
    on those calls" still names AHT."""
    case = " I changed how we greet guests at our hotel in Newry and the scores went up from 70% to 85%."
    assert not point("method", assessor, "mi_mystery_shopping",
                     "We don't really do mystery shopping here." + case)[0]
    visit = "We had a mystery shopping visit in May."
    assert point("method", assessor, "mi_mystery_shopping", visit + case)[0]


def test_escalated_through_the_right_channel_names_nobody(assessor: Assessor) -> None:
    """"Escalated through the proper channels" says neither what went nor to whom."""
    base = (
        "I manage the contact team at a housing association in Leeds. Our SLA with the repairs "
        "contractor is emergencies made safe within four hours, urgent jobs within three working days "
        "and routine ones within twenty. We track the percentage done in time from the job system "
        "every week, go through it at the monthly contract meeting, and count tenants' chasing calls. "
        "Last winter frozen pipes pushed emergency jobs down to 81%, so we agreed a second van."
    )
    stock = base + " When it's missed it gets escalated through the proper channels."
    assert not point("escalate", assessor, "ee_sla_monitoring", stock)[0]
    real = base + " Any job over four hours is flagged and I pass it to the contractor's duty manager."
    assert point("escalate", assessor, "ee_sla_monitoring", real)[0]


def test_reasons_said_without_because(assessor: Assessor) -> None:
    """A rule's purpose, a "so" before what could happen, "as its ...", a team's slip and its effect."""
    for prompt, text in (
        ("pp_non_compliance_consequences",
         "we've a moving and handling procedure, and I stopped a carer lifting a resident alone, "
         "the procedure's there so residents don't get dropped"),
        ("pp_confidentiality",
         "customer shouting his acc number across the counter. i asked him to type it on the pin pad. "
         "so nobody behind could nick his details"),
        ("rl_third_party_data",
         "woman rang for her husbands bill. i said sorry cant discuss it as its his personal info"),
        ("pp_safeguarding_concern",
         "lady said shes scared to go home. put her thru to our safeguarding officer. she was at risk "
         "of harm so couldnt wait"),
    ):
        assert point("why", assessor, prompt, text)[0], text


def test_a_bare_list_of_key_words_is_not_substance(assessor: Assessor) -> None:
    """However many words it has, a list of short items says only key words; a list of details
    with figures, or of clauses, is the answer's own."""
    bare = "I used the HEAT model: I heard, empathised, apologised and took ownership. He calmed down."
    assert not point("ownership", assessor, "ee_structured_model", bare)[0]
    fines = (
        "Not following procedures could lead to a fine, disciplinary, harm, injury, reputation damage, "
        "a breach and prosecution."
    )
    assert not point("consequences", assessor, "pp_non_compliance_consequences", fines)[0]
    details = (
        "sales set up the new acct but didnt tell the metering team so the old meter kept billing her. "
        "knock on: she got 2 bills for 3 months, rang 5 times, got a debt letter."
    )
    assert point("knock_on", assessor, "ee_department_handoff", details)[0]


def test_a_policy_named_in_the_learners_words(assessor: Assessor) -> None:
    """A named document sharing a distinctive word with the policy's names counts as that policy;
    "the data protection rules" is the law, not a document, and a different policy is not it."""
    for prompt, pid, text in (
        ("rl_charter_decision", "charter",
         "our charter says we put the guest first, so i upgraded her room free"),
        ("ee_telecoms_adr", "procedure",
         "I logged it as a complaint under our complaints code and got her an engineer"),
        ("sf_equal_treatment", "policy",
         "our equality policy says we give people the time they need, so I served him myself"),
    ):
        met, evidence, _ = point(pid, assessor, prompt, text)
        assert met and evidence, text
    for prompt, pid, text in (
        ("rl_third_party_data", "procedure",
         "a man rang about his neighbour's council tax. i said i cant because of the data protection rules"),
        ("ee_telecoms_adr", "procedure", "I followed our refunds policy and gave her the money back"),
    ):
        assert not point(pid, assessor, prompt, text)[0], text


def test_a_name_spelled_out_reads_back_to_its_determiner(assessor: Assessor) -> None:
    """A name is a determiner or possessive, the words that say which one (joined by "and", "n",
    "&") and a document word (policy, procedure, guidance, mandate, register, ...): the policy is
    the one its words name, however far from the head they stand; "the policy", "procedures" and
    "the short term" name none, and a named policy of another kind is not the one asked for."""
    for prompt, pid, text in (
        ("pp_safeguarding_concern", "policy",
         "A lady came in with a man who kept answering for her. I followed our safeguarding and "
         "doorstep fraud procedure and spoke to her on her own in the office."),
        ("pp_record_keeping", "records",
         "Our contact recording guidance says every call goes on the account before the next one, "
         "so I wrote up the tenant's leak report straight away."),
        ("pp_authority_limits", "limits",
         "I can only write off up to £30 under our charges & waivers mandate, so I passed the "
         "£90 request to my manager."),
        # Names the organisational policy or procedure: a catalogue name or the learner's own.
        ("rl_refund_dispute", "policy",
         "a man brought back a kettle that leaked. went thru our exchanges n credit notes process "
         "and gave him a new one"),
    ):
        met, evidence, _ = point(pid, assessor, prompt, text)
        assert met and evidence, text
    for prompt, pid, text in (
        ("pp_safeguarding_concern", "policy",
         "A lady came in with a man who kept answering for her. I followed our returns and "
         "exchanges procedure and refunded her."),
        ("rl_refund_dispute", "policy", "a man brought back a kettle that leaked. I followed the policy."),
        ("rl_refund_dispute", "policy",
         "she was inside the short term right to reject so I gave her the money back"),
    ):
        assert not point(pid, assessor, prompt, text)[0], text


def test_a_model_in_use_on_an_occasion_not_as_a_habit(assessor: Assessor) -> None:
    """"Uses ..." points: a model named in a habit ("I use HEAT on every complaint") is not used
    on a case; named on the occasion it was used, it is. Figures inside a description are the
    answer's own ("a target to get 45 seconds down to 30 within 8 weeks" is a SMART target in
    use), and asking why again and again is the five whys."""
    habit = "I use the HEAT model on every complaint at the leisure centre in Bolton."
    met, _, missing = point("model", assessor, "pp_complaint_steps", habit)
    assert not met and missing and missing.endswith(NAMED_ONLY), "the miss says it was only named"
    used = ("On Tuesday I used the HEAT model with a swimmer at the leisure centre in Bolton who "
            "complained the pool was cold.")
    assert point("model", assessor, "pp_complaint_steps", used)[0]
    smart = "target was to get my wrap time from 45 secs down to 30 within 8 wks. used templates"
    assert point("smart", assessor, "mi_smart_target", smart)[0]
    bare = "I set a SMART target and met it by the deadline."
    assert not point("smart", assessor, "mi_smart_target", bare)[0]
    why = ("Parcels kept arriving damaged, so I sat with the drivers and kept asking why, and in the "
           "end the pallets were being stacked four high in the van.")
    assert point("rca", assessor, "mi_root_cause", why)[0]


def test_a_model_worked_through_its_stages_or_spelled_out_in_steps(assessor: Assessor) -> None:
    """A model is used when its stages label what the learner did ("Study: I compared ...",
    "that was the review stage"); one named by its acronym and spelled out in the learner's steps
    ("LATE - listened ..., apologised ..., took ...") is a model of the kind whose steps it shares."""
    stage = ("We changed how returns are booked at our Hull depot. We used PDSA. Study: I compared "
             "the booking times for a month.")
    assert point("model", assessor, "mi_before_after_review", stage)[0]
    pointed = ("I went back over the queue times a month after the change; we use plan-do-review "
               "and that was the review stage.")
    met, evidence, _ = point("model", assessor, "mi_before_after_review", pointed)
    assert met and any("review stage" in e for e in evidence)
    assert not point("model", assessor, "mi_before_after_review", "We used PDCA. It went well.")[0]
    steps = ("cx rang fuming about a missed delivery. i used LATE - listened to him, apologised for "
             "the wait, took ownership of the redelivery n explained when it would come")
    met, evidence, _ = point("model", assessor, "sf_service_recovery", steps)
    assert met and "LATE - listened" in evidence[0]
    other = ("cx rang fuming about a missed delivery. i used CARS - checked the account, "
             "asked the depot, rang the driver, sent a voucher")
    assert not point("model", assessor, "sf_service_recovery", other)[0]


def test_measures_named_by_what_they_count(assessor: Assessor) -> None:
    """A share done within a time is a measure ("the percentage answered within 20 seconds"), and
    so is a score named by what it scores ("an accuracy score")."""
    share = ("our sla with the housing team is callbacks within a day. we check the percentage "
             "answered within 20 seconds every week on the team sheet")
    assert point("measure", assessor, "ee_sla_monitoring", share)[0]
    two = ("We're measured on call length and an accuracy score from QA. Rushing a caller to cut "
           "call length drops my accuracy score because I skip the checks.")
    assert point("metrics", assessor, "mi_speed_vs_quality", two)[0]


def test_documents_of_a_kind_are_not_a_named_document(assessor: Assessor) -> None:
    """A plural document word with nothing to say which ones ("stick to manual handling
    procedures") speaks of a kind of document; with "our" it names the learner's own."""
    for text in ("Staff should stick to manual handling procedures at all times.",
                 "Everyone has to follow health and safety procedures at the depot."):
        assert not point("policy", assessor, "pp_non_compliance_consequences", text)[0], text
    ours = "Our manual handling procedures say two carers for a hoist, so I waited for Jo before moving him."
    assert point("policy", assessor, "pp_non_compliance_consequences", ours)[0]


def test_checks_and_greetings_by_their_call_centre_names(assessor: Assessor) -> None:
    dob = ("we do security on every call - full name, postcode n dob. a lady rang n failed it so i "
           "couldnt help")
    assert point("idv", assessor, "pp_identity_checks", dob)[0]
    opening = ("our call opening is good morning, the company name, my name, then how can i help. a "
               "man rang about his bill n i kept to it")
    assert point("script", assessor, "pp_greeting_script", opening)[0]


def test_a_law_counts_for_the_law_that_applied_only_if_it_can_apply(assessor: Assessor) -> None:
    """Relevance (`relevant:` in the refund prompt): the Equality Act 2010 is a real law with its
    year, but it gives no refund; the Consumer Rights Act 2015 does."""
    base = "A customer brought back a kettle that leaked after a week. I checked and refunded her. "
    assert not point("two_laws", assessor, "rl_refund_dispute", base + "Under the Equality Act 2010.")[0]
    cra = base + "Under the Consumer Rights Act 2015."
    met, evidence, _ = point("two_laws", assessor, "rl_refund_dispute", cra)
    assert met and "Consumer Rights Act 2015" in evidence[0]
    # Where any law can apply, the same Act counts.
    form = "The new form had to meet the Equality Act 2010."
    assert point("law", assessor, "mi_improve_within_law", form)[0]


def test_by_its_full_name_an_abbreviation_is_not_enough(assessor: Assessor) -> None:
    short = "MCA 2005 shapes how we do care plans at the home, we assume the resident can decide."
    assert not point("law", assessor, "sf_law_shapes_process", short)[0]
    full = "The Mental Capacity Act 2005 shapes how we do care plans at the home."
    assert point("law", assessor, "sf_law_shapes_process", full)[0]
    # "regs" shortens the title's "Regulations": not its full name either.
    regs = "consumer contracts regs 2013. shapes our online returns process, every order email has 14 days."
    assert not point("law", assessor, "sf_law_shapes_process", regs)[0]
    titled = regs.replace("consumer contracts regs 2013", "The Consumer Contracts Regulations 2013")
    assert point("law", assessor, "sf_law_shapes_process", titled)[0]


def test_a_statute_named_by_title_and_year_is_a_law_named(assessor: Assessor) -> None:
    """A law the catalogue does not hold still counts where any law can apply, quoted as written;
    a title without a year, or 'act' the verb, does not."""
    text = "new click + collect process, ID checks for knife collections under the criminal justice act 1988."
    met, evidence, _ = point("law", assessor, "mi_improve_within_law", text)
    assert met and "criminal justice act 1988" in evidence[0]
    for other in ("ID checks for knives under the criminal justice act.", "I had to act in 2019 on it."):
        assert not point("law", assessor, "mi_improve_within_law", other)[0], other


def test_a_statute_written_with_capitals_is_its_own_title() -> None:
    """Written with capitals, a statute's title starts at its first capitalised word, whatever words
    come before it, and a bracketed part of the title is any bracket ("(Fitness for Human
    Habitation)"): the same Act said twice is one law, quoted as its title."""
    text = (
        "I told the tenant about the Housing (Scotland) Act 2006 and booked the repair. We follow the "
        "Homes (Fitness for Human Habitation) Act 2018 too, and the Housing (Scotland) Act 2006 again."
    )
    found = needs.statutes(text, [])
    assert [text[s:e] for _, (s, e) in found] == [
        "Housing (Scotland) Act 2006", "Homes (Fitness for Human Habitation) Act 2018",
        "Housing (Scotland) Act 2006",
    ]
    assert needs.distinct(found) == 2


def test_a_verb_is_no_document_named(assessor: Assessor) -> None:
    """"The accessible room we'd booked" names no policy: "booked" is a verb, not a book; a policy
    named in the learner's words still counts."""
    text = ("I work on reception at a hotel in Llandudno. A guest in a wheelchair arrived and the accessible "
            "room we'd booked her was on the second floor, so I moved her to a ground floor room.")
    assert not point("policy", assessor, "rl_reasonable_adjustment", text)[0]
    named = text + " Our accessible service policy says we offer a ground floor room."
    assert point("policy", assessor, "rl_reasonable_adjustment", named)[0]


def test_what_was_done_is_quoted_from_the_doing_first(assessor: Assessor) -> None:
    """For a point about what was done, the first quote (the one the feedback shows) comes from the
    learner's actions, not from the situation told before them."""
    text = ("I work on reception at a hotel in Llandudno. A guest in a wheelchair arrived and the lift was "
            "broken. I had to sort it quickly. I moved her to a ground floor room and didn't charge the "
            "upgrade.")
    met, evidence, _ = point("adjustment", assessor, "rl_reasonable_adjustment", text)
    assert met and evidence[0].startswith("I moved her to a ground floor room")
    assert any(e.startswith("A guest in a wheelchair") for e in evidence[1:])  # still quoted, after


@pytest.mark.parametrize(
    "text",
    [
        "I told the tenant about the Housing (Scotland) Act 2006 and the Housing Act 1988 Landlord and "
        "Tenant Act 1985.",
        "the criminal justice act 1988 and the Theft Act 1968, and I had to act in 2019 on the order of 2010",
        "We follow the Homes (Fitness for Human Habitation) Act 2018. " * 3 + "word " * 120
        + "Licensing (Northern Ireland) Order 1996 and the consumer contracts regs 2013",
    ],
)
def test_statutes_are_read_only_around_their_ends_with_the_same_result(text: str) -> None:
    """Reading a title only where a statute ends (its kind of law and year) finds exactly what one
    pass over the whole answer finds, at a fraction of the cost on a long answer."""
    whole = [m.span() for m in needs.STATUTE.finditer(text)]
    assert [m.span() for m in needs._statute_matches(text)] == whole and whole


def test_a_developed_answer_carries_a_terse_sentence(assessor: Assessor) -> None:
    """In a full account of the case, one word of the answer's own beside the idea is enough; the
    same sentence alone is key words."""
    terse = "A week later I rang to check she had no more problems, and she was happy for us to close it."
    assert not point("follow_up", assessor, "pp_complaint_steps", terse)[0]
    story = (
        "Last month a customer in Stirling complained that her water had been off for a day with no "
        "warning. It was my job to take it through our complaints procedure. I heard her out, told "
        "her I understood how hard a day without water was with two small children, and logged it "
        "as a stage one complaint, got the network team's report and found the warning cards had "
        "gone to the wrong street. I wrote to her with the findings and what we were doing about the "
        "cards, and our engineers now walk each street before a planned shutdown. " + terse
    )
    assert point("follow_up", assessor, "pp_complaint_steps", story)[0]


def test_negation_typed_without_apostrophes_and_across_the_clause() -> None:
    for text in (
        "i dont apologise to anyone",
        "I don't really have time to say sorry",
        "we didnt really get round to an apology",
    ):
        assert spans(INDEX, "apology", text) == [], text
    assert spans(INDEX, "apology", "I didn't wait, I apologised straight away") == ["apologised"]


def test_a_team_is_named_even_when_nobody_told_it(assessor: Assessor) -> None:
    text = (
        "customer moved house, sales set up the new account but didnt tell the metering team so the "
        "old meter kept billing her and she got 2 bills"
    )
    met, evidence, _ = point("departments", assessor, "ee_department_handoff", text)
    assert met and evidence


def test_a_regulators_own_rules_count_where_the_point_says_law_or_rule(assessor: Assessor) -> None:
    text = "ofcom regulates us, they set the general conditions and can fine providers that break them."
    met, evidence, _ = point("rule", assessor, "rl_regulator_role", text)
    assert met and "general conditions" in evidence[0]
    # Where the point asks for legislation only, a licence condition is not an Act.
    assert not point("law", assessor, "mi_improve_within_law", "It had to meet our licence conditions.")[0]


def test_named_procedures_in_any_clause_but_not_a_verb_with_procedures(assessor: Assessor) -> None:
    assert point("policy", assessor, "rl_law_before_policy", "our no dogs rule is ours, the law is first")[0]
    assert point("policy", assessor, "sf_law_shapes_process", "it shapes how we do the fridge checks")[0]
    bare = "Not following procedures could lead to a fine. That is why the procedure exists."
    assert not point("policy", assessor, "pp_non_compliance_consequences", bare)[0]


def test_terms_opening_with_any_word_are_found_through_their_anchor() -> None:
    index = ConceptIndex(
        {"doc": Concept(id="doc", says="a named document", terms=["_ policy", "_ _ procedure", "clear desk"])}
    )
    assert index.anchored["doc"], "the '_' terms are indexed by the word after them"
    text = "I followed our refunds policy, then the lost card procedure and the clear desk rule"
    assert spans(index, "doc", text) == ["refunds policy", "lost card procedure", "clear desk"]
    assert spans(index, "doc", "our policy says no") == [], "'_' is never a function word"


def test_a_figure_in_a_term_is_any_word_with_a_digit(assessor: Assessor) -> None:
    index = ConceptIndex({"move": Concept(id="move", says="a move", terms=["from # to #"])})
    assert spans(index, "move", "waits went from 12 to 4 minutes") == ["from 12 to 4"]
    assert spans(index, "move", "we moved from Leeds to York") == []
    # A target from one figure to another and by when is a SMART target, however far apart.
    far = ("The goal we agreed for the gym in Carlisle was to cut missed classes from 30 a month "
           "down to 10 a month, counted on the booking app, by the end of October.")
    assert point("smart", assessor, "mi_smart_target", far)[0]


# --- escalation (issue 13, third round) ---------------------------------------------------------


def test_who_it_went_to_is_the_substance_of_an_escalation(assessor: Assessor) -> None:
    """A short report to a named person is an escalation; "I escalated it" with nobody is not."""
    told = "A man kept asking me for his wife's PIN. I phoned my shift manager."
    met, evidence, _ = point("escalate", assessor, "rl_breach_prevented", told)
    assert met and "phoned my shift manager" in evidence[0]
    assert not point("escalate", assessor, "rl_breach_prevented", "I escalated it. It was escalated.")[0]
    # The person named in a negated clause escalates nothing.
    assert not point("escalate", assessor, "rl_breach_prevented", "I never told my shift manager.")[0]


def test_a_route_up_to_the_next_tier_is_an_escalation(assessor: Assessor) -> None:
    text = (
        "I take calls on the help desk. Anything about a gas smell goes straight to the emergency "
        "team. Last week a caller in Bury smelt gas, so I put her through within a minute."
    )
    met, evidence, _ = point("escalate", assessor, "sf_service_tiers", text)
    assert met and any("goes straight to the emergency team" in e for e in evidence)
    # Going somewhere yourself is not passing the case on.
    assert not point("escalate", assessor, "sf_service_tiers", "The tills go quiet at two. I go to lunch.")[0]


def test_a_policy_known_by_its_own_name_may_be_followed_by_the_word_policy(assessor: Assessor) -> None:
    # "Think 21" is not a catalogue form: the learner's name for the entry, with its document word.
    text = "Two lads wanted a crate of lager. Our think 21 policy means ID, and neither had any."
    met, evidence, _ = point("policy", assessor, "rl_age_restricted_sale", text)
    assert met and "think 21" in evidence[0]
    # A scheme with no word of the entry's own names (or no document word) is still no name.
    other = "We have a pricing policy and a think tank."
    assert not point("policy", assessor, "rl_age_restricted_sale", other)[0]


# --- models, agreements and measures in the learner's words (issue 13, third round) -------------


def test_an_agreement_needs_what_it_promises_named_or_described(assessor: Assessor) -> None:
    named = "Our SLA with the glazing firm says broken windows are boarded within 4 hours."
    assert point("sla", assessor, "ee_sla_monitoring", named)[0]
    described = "The bus depot has a contract with the cleaners that every coach is valeted by the next day."
    assert point("sla", assessor, "ee_sla_monitoring", described)[0]
    # The letters alone promise nothing.
    bare = "There is an SLA for that. We stick to the SLA."
    assert not point("sla", assessor, "ee_sla_monitoring", bare)[0]


def test_a_measure_described_by_what_it_counts(assessor: Assessor) -> None:
    text = "We watch the percentage of boiler visits made on the day booked, every Monday."
    assert point("measure", assessor, "ee_sla_monitoring", text)[0]
    # Where figures are shown, or a target, is not a measure.
    assert not point("measure", assessor, "ee_sla_monitoring", "It goes on a dashboard. We have targets.")[0]


def test_mystery_shopping_in_a_hotel_or_restaurants_words(assessor: Assessor) -> None:
    for text in ("A mystery diner came in on a Friday and marked us down on greeting.",
                 "Somebody pretending to be a patient rang reception to test how we answered."):
        assert point("method", assessor, "mi_mystery_shopping", text)[0], text
    assert not point("method", assessor, "mi_mystery_shopping", "It was a mystery why sales fell.")[0]


def test_the_procedure_that_sets_a_limit_is_whichever_one_the_learner_names(assessor: Assessor) -> None:
    text = "I can knock off 15% at most under our price match policy, so I rang the duty manager."
    met, evidence, _ = point("limits", assessor, "pp_authority_limits", text)
    assert met and "price match policy" in evidence[0]
    assert not point("limits", assessor, "pp_authority_limits", "It was above my level so I got help.")[0]


def test_times_a_learner_gives_are_their_own_words_not_the_prompts(assessor: Assessor) -> None:
    """A concept with key_words false hands the learner no key words: a promise of "within 10
    working days" is a detail of their own, so it is substance, not a repeated key word."""
    concepts = {
        "deal": Concept(id="deal", says="the deal", terms=["agreement", "deal"]),
        "when": Concept(id="when", says="by when", terms=["by noon", "in ... hours"], key_words=False),
    }
    needs = [Need(concepts=["deal"]), Need(concepts=["when"])]
    points = [MarkingPoint(id="sla", check=Check.CONCEPTS, text="Names the deal and by when.", needs=needs)]
    keywords = keywords_for(ConceptIndex(concepts), "Tell me about a deal.", points)
    assert keywords.covers(words("agreement")[0])
    assert not keywords.covers(words("noon")[0]) and not keywords.covers(words("hours")[0])
    # The shipped promise concept is one of them.
    assert assessor.content.concepts["service_promise"].key_words is False


def test_a_figure_is_the_answers_own_detail_never_a_key_word(assessor: Assessor) -> None:
    """"8 weeks" in a sentence about following the procedure is what the learner did; the same
    sentence with only the prompt's words is a key-word answer. ("Follows the complaints
    procedure" asks what was done on the occasion, so the case is told first: the sentence alone
    mostly hands the prompt back, `Findings.hollow`, and is no real example.)"""
    case = (
        "A woman in Hull rang three times about a double charge on her broadband bill and said "
        "she'd go to the ombudsman. "
    )
    with_figure = case + "I followed our complaints procedure and wrote to her after 8 weeks."
    assert point("procedure", assessor, "ee_telecoms_adr", with_figure)[0]
    without = case + "I followed our complaints procedure and wrote to her after weeks."
    assert not point("procedure", assessor, "ee_telecoms_adr", without)[0]
    alone = "I followed our complaints procedure and wrote to her after 8 weeks."
    assert not point("procedure", assessor, "ee_telecoms_adr", alone)[0]


def test_the_log_a_procedure_keeps_names_it(assessor: Assessor) -> None:
    text = "the complaints log for the leisure centre showed 40 moans about cold showers in a month"
    met, evidence, _ = point("procedure", assessor, "mi_complaint_data", text)
    assert met and "complaints log" in evidence[0]
    # A log of something else is not the complaints procedure.
    assert not point("procedure", assessor, "mi_complaint_data", "the fridge log showed 40 readings")[0]


def test_departments_of_councils_and_hospitals_by_their_own_names(assessor: Assessor) -> None:
    text = (
        "A man on our ward was ready to go home at ten but pharmacy had not done his tablets, so he sat "
        "in a chair till six and his lift left. I rang pharmacy myself and chased it."
    )
    met, evidence, _ = point("departments", assessor, "ee_department_handoff", text)
    assert met and evidence
    council = "The highways depot had the pothole job, but network ops never sent it on. I chased it twice."
    assert point("departments", assessor, "ee_department_handoff", council)[0]
    assert not point("departments", assessor, "ee_department_handoff", "We won an award going towards it.")[0]


def test_a_trend_said_as_many_people_or_not_just_one(assessor: Assessor) -> None:
    for text in (
        "Loads of passengers on the 7am train said the doors were stuck, so we reported it.",
        "It wasn't only one guest: nine different guests wrote that the wifi dropped, month after month.",
        "Six separate callers asked why the app logged them out, so I raised it with IT.",
    ):
        assert point("trend", assessor, "sf_feedback_trends", text)[0], text
    # One customer once is a one-off.
    assert not point("trend", assessor, "sf_feedback_trends", "One man said the doors were stuck.")[0]


# --- key words that must stay not met (issue 13, third round) ------------------------------------


def test_a_name_point_that_asks_for_more_needs_the_name_put_to_work(assessor: Assessor) -> None:
    """"Names the complaints procedure and follows its stages": the name alone is not met."""
    bare = "I followed the complaints procedure and the rules."
    assert not point("procedure", assessor, "rl_complex_complaint", bare)[0]
    used = ("Under our complaints procedure I logged it at stage one, sent a holding letter within 2 days "
            "and a final reply after 7.")
    assert point("procedure", assessor, "rl_complex_complaint", used)[0]
    assert not point("metrics", assessor, "mi_speed_vs_quality", "AHT and CSAT pull against each other.")[0]
    assert not point("charter", assessor, "rl_charter_decision", "Our customer charter is to be great.")[0]


def test_the_learners_own_name_carries_a_point_the_catalogue_name_left_bare(assessor: Assessor) -> None:
    text = ("Customer charter says be fair. A lad's bike was late; remembering the charter, I rode it round "
            "to his flat that evening.")
    met, evidence, _ = point("charter", assessor, "rl_charter_decision", text)
    assert met and any("remembering the charter" in e for e in evidence)


def test_a_regulators_checks_and_the_data_rules_are_not_named_procedures(assessor: Assessor) -> None:
    keywords = "The regulator checks. I followed the data rules."
    assert not point("policy", assessor, "rl_marketing_consent", keywords)[0]
    named = "I followed our suppression list procedure and removed her number that day."
    assert point("policy", assessor, "rl_marketing_consent", named)[0]


def test_a_breach_is_the_event_not_its_consequence(assessor: Assessor) -> None:
    said = "A temp emailed a tenant's file to the wrong tenant last spring, which was a breach of GDPR."
    assert not point("consequences", assessor, "rl_breach_prevented", said)[0]
    costs = "Had it gone out, the tenant could have been harmed and the council fined by the ICO."
    assert point("consequences", assessor, "rl_breach_prevented", costs)[0]


def test_time_limits_are_periods_not_the_words_time_limits(assessor: Assessor) -> None:
    bare = "Our final response letters explain referral rights and time limits, which I always check."
    assert not point("rights", assessor, "ee_final_response", bare)[0]
    real = "My final response told him he could refer it to the ombudsman within six months."
    assert point("rights", assessor, "ee_final_response", real)[0]


def test_a_standard_named_by_what_it_asks(assessor: Assessor) -> None:
    text = "I run the spa desk. I set a standard that every booking is confirmed by text within the hour."
    assert point("tools", assessor, "sf_team_standards", text)[0]
    bare = "I set standards for the team and checked them."
    assert not point("tools", assessor, "sf_team_standards", bare)[0]


def test_a_mystery_visit_is_a_quality_audit_process(assessor: Assessor) -> None:
    text = "A mystery caller rang our helpline in May and scored us low on holds, so I retrained the team."
    assert point("qa", assessor, "mi_quality_audit", text)[0]


def test_a_target_with_its_deadline_is_a_smart_target_without_the_word(assessor: Assessor) -> None:
    text = "My supervisor and I agreed a target of 20 gym renewals a week by the end of May, and I hit 24."
    met, evidence, _ = point("smart", assessor, "mi_smart_target", text)
    assert met and "target of 20 gym renewals" in evidence[0]
    vague = "My supervisor gave me a target to get more gym renewals. Later that month I hit it."
    assert not point("smart", assessor, "mi_smart_target", vague)[0]


def test_measures_and_moments_in_the_learners_words(assessor: Assessor) -> None:
    two = "We're judged on how long chats take and on the satisfaction score after, and they fight."
    assert point("metrics", assessor, "mi_speed_vs_quality", two)[0]
    one = "We're judged on how long chats take, and it stresses me."
    assert not point("metrics", assessor, "mi_speed_vs_quality", one)[0]
    moment = "For renters the point they decide if we're any good is move-in day, when the keys work or not."
    assert point("concept", assessor, "ee_moment_of_truth", moment)[0]


def test_support_needs_what_it_was_based_on(assessor: Assessor) -> None:
    based = ("A pensioner in Hove was £300 behind. We went through her pension and bills together and "
             "she said she could manage £6 a week, so I set a plan at that.")
    assert point("support", assessor, "rl_energy_affordability", based)[0]
    for bare in ("We offer payment plans to anyone who asks.",
                 "He couldn't afford his electric so I put him on a payment plan and he was relieved."):
        assert not point("support", assessor, "rl_energy_affordability", bare)[0], bare


def test_a_root_cause_in_phone_notes_and_the_five_whys_as_a_chain(assessor: Assessor) -> None:
    note = "till receipts printing card digits. cause was an old setting left on after the upgrade."
    assert point("root_cause", assessor, "rl_breach_prevented", note)[0]
    chain = ("so um the lift kept stopping and I asked why it stopped and it was the door and why did "
             "the door stick and it was grit in the runner so we got the runner cleaned weekly")
    assert point("rca", assessor, "mi_root_cause", chain)[0]
    once = "I asked why it stopped and the engineer fixed it the same day."
    assert not point("rca", assessor, "mi_root_cause", once)[0]


def test_an_adjustment_told_as_what_was_done(assessor: Assessor) -> None:
    for text in ("A man with a tremor couldn't manage the scanner, so I opened a staffed till for him.",
                 "She couldn't see the screen, so I filled the claim in with her, reading the questions."):
        assert point("adjustment", assessor, "rl_reasonable_adjustment", text)[0], text
    assert not point("adjustment", assessor, "rl_reasonable_adjustment", "She paid at the till and left.")[0]


@pytest.mark.parametrize(
    "text",
    [
        "She's partially sighted, so I went round with her and read her the prices and the use by dates.",
        "He couldn't read the card machine, so I told him the total out loud and turned the machine round.",
    ],
)
def test_an_adjustment_for_someone_who_cannot_see_the_print(assessor: Assessor, text: str) -> None:
    assert point("adjustment", assessor, "rl_reasonable_adjustment", text)[0]


def test_delivery_crews_and_sales_told_by_what_they_did_are_teams(assessor: Assessor) -> None:
    text = ("When sales changed the date they put it in the notes, so the warehouse never saw it and our "
            "delivery crews turned up on the old date. I sat the leads down together.")
    assert point("departments", assessor, "ee_department_handoff", text)[0]
    assert not point("departments", assessor, "ee_department_handoff",
                     "The warehouse never saw the note, so it went out on the old date.")[0]


def test_escalation_in_person_or_to_whoever_is_in_charge(assessor: Assessor) -> None:
    """Taking the concern to someone senior in person, or to the person in charge, is escalation."""
    for text in (
        "A resident told me her nephew keeps her bank card. I went straight to our deputy manager.",
        "a lady at the counter seemed scared of the man with her. I told the person in charge that shift.",
    ):
        assert point("escalate", assessor, "pp_safeguarding_concern", text)[0], text
    # Going somewhere is not taking it to someone.
    text = "A resident told me her nephew keeps her bank card. I went straight to the kitchen."
    assert not point("escalate", assessor, "pp_safeguarding_concern", text)[0]


@pytest.mark.parametrize(
    ("prompt_id", "pid", "bare", "real"),
    [
        (
            "rl_complex_complaint",
            "negotiation",
            "The complaint had several parts. I negotiated a positive outcome that both sides could accept.",
            "The complaint had several parts. I negotiated with her: a new washer now and £150 off the "
            "flooring, which she accepted.",
        ),
        (
            "rl_reasonable_adjustment",
            "adjustment",
            "A disabled customer came in. I made a reasonable adjustment appropriately and professionally.",
            "A disabled customer came in. I made a reasonable adjustment: I wrote the options on a pad "
            "because he couldn't hear me over the tills.",
        ),
    ],
)
def test_words_any_answer_could_say_are_no_substance(
    assessor: Assessor, prompt_id: str, pid: str, bare: str, real: str
) -> None:
    """Praise, manner and management talk ("positive", "appropriately", "both sides") say nothing
    particular: the point's key words with only these are not met; with a particular, they are."""
    assert not point(pid, assessor, prompt_id, bare)[0]
    assert point(pid, assessor, prompt_id, real)[0]


@pytest.mark.parametrize(
    ("prompt_id", "pid", "text"),
    [
        # Going back to the customer with news while someone else has the case.
        ("pp_authority_limits", "informed",
         "The refund was over my limit so I passed it to the duty manager, and I popped back after "
         "ten minutes to tell him she was nearly done with the paperwork."),
        # Offers and counter-offers.
        ("rl_complex_complaint", "negotiation",
         "I offered a new dryer and £100 toward the laundry bill, she came back at £250 and we "
         "settled on £180 with free fitting."),
        # The cause found, said without the words "root cause".
        ("rl_breach_prevented", "root_cause",
         "Afterwards I went through the account with the supervisor to see how it happened: the "
         "address form took email changes with no call-back."),
        # The standards set for a team, said as what they ask.
        ("sf_team_standards", "tools",
         "took over the front desk team. our standards r answer the phone in 3 rings n call back "
         "within the hour. went thru them at the huddle"),
        ("sf_team_standards", "tools",
         "With my four staff I agreed what every guest should get: a hello at the door and their "
         "coffee inside five minutes. I checked it each Saturday."),
        # The measure that showed the problem, in the learner's words or as a scored check.
        ("mi_kpi_shortfall", "data",
         "Each week we get a sheet of how many of my customers rang back about the same thing, and "
         "mine was 30 in a hundred in March, so I listened back to my calls."),
        ("mi_kpi_shortfall", "data",
         "my mystery shop in may came back 58%, it said i never offered help with packing. so i "
         "started asking every cx"),
        ("mi_kpi_shortfall", "data",
         "Our monthly report showed our desk only answered 55% of calls after lunch, so I moved my "
         "break to cover the phones."),
        # The promise made, with what it promises, is the agreement in plain words.
        ("ee_sla_monitoring", "sla",
         "builders merchant in hull. we promise trade customers same day delivery on orders in by "
         "10am. i check the van sheet every afternoon"),
        # One case followed through is the customer journey in use.
        ("sf_customer_journey", "journey",
         "I'll follow one guest's booking through it: she books online, we email a confirmation, "
         "reception checks her in, housekeeping turn the room, and we ring after she leaves."),
        # The customer's need before the sale, in plain words.
        ("sf_service_not_sales", "need",
         "A man came into our bank in Perth to pay in his wages. The screen told me to offer him a "
         "loan, but I didnt mention it as he was only there to bank his pay."),
        # Consequences in plain words: an identity stolen, being in bother, a written warning.
        ("pp_non_compliance_consequences", "consequences",
         "We lock the filing cabinet every night. If the forms were left out, a customer could get "
         "their identity stolen, and whoever left them would be in bother with a written warning."),
        # Acting on findings: a practice begun, or a reminder made for the gap.
        ("mi_quality_audit", "action",
         "Our mystery shopper said nobody offered a receipt. I started handing one over with every "
         "sale, and the next visit marked us full on it."),
        ("mi_quality_audit", "action",
         "The call audit found I skipped the complaint reference, so I put up a card on my screen "
         "with the three things to say."),
        # ... or looked for in plain words: digging into why, working out why, what the cause wasn't.
        ("rl_breach_prevented", "root_cause",
         "When I dug into why the wrong statements went out, the new starter had been trained on the "
         "old system, where the postcode field filled itself in."),
        ("rl_breach_prevented", "root_cause",
         "I worked out why he kept quoting the old price: his price list was last year's, printed "
         "off the shared drive before anyone updated it."),
        # A right to the ombudsman said as a condition is still the right (both routes: the point
        # asks for eight weeks or a deadlock letter, test_adr_timing_needs_both_routes).
        ("ee_telecoms_adr", "timing",
         "I told him he could take it to the ombudsman scheme if it wasn't sorted in eight weeks "
         "from his first complaint about the roaming charges, or sooner if we sent a deadlock letter."),
        # What was asked for refused, something else offered and taken.
        ("rl_complex_complaint", "negotiation",
         "He wanted a new sofa free. We said we couldn't do that but offered a repair and £50 off "
         "his next order, and he went for it."),
        # Time lost to the customer as the knock-on of a failed hand-off.
        ("ee_department_handoff", "knock_on",
         "The warehouse never picked the order, so she'd booked a day off work for nothing and "
         "rang us twice."),
        # Found by being shown where it was kept.
        # News on set days while the manager had it.
        ("pp_authority_limits", "informed",
         "Her £340 claim was over my limit, so I passed it to the team leader. While he had it I rang "
         "her on the Tuesday and the Thursday to say where it was up to."),
        # Both halves of "the law comes first", said about the Act.
        ("rl_law_before_policy", "law_first",
         "A man brought back a leaking washing machine. I told him our policy can give customers "
         "more than the Act, like our 60-day returns, but it can never take his rights away."),
        # A count of different people is a trend.
        ("sf_feedback_trends", "trend",
         "went thru our facebook comments for aug - 14 diff ppl said their food came cold, so i told "
         "my mgr n we changed the delivery rounds"),
        # An adjustment told as what was done: a quiet hour with the music off.
        ("rl_reasonable_adjustment", "adjustment",
         "A regular with autism was leaving his shopping at the loud tills. I asked my manager and we "
         "set up a quiet hour on Tuesdays with the music off, and I open a till just for him."),
        ("pp_non_standard_request", "locate",
         "A lady wanted twenty packs of paracetamol. I'd never sold that many, so I asked my "
         "supervisor and she showed me the restricted products guide kept in the folder under the till."),
    ],
)
def test_ideas_said_in_everyday_words(assessor: Assessor, prompt_id: str, pid: str, text: str) -> None:
    met, evidence, _ = point(pid, assessor, prompt_id, text)
    assert met and evidence


def test_an_answer_of_key_words_meets_no_idea_or_reason(assessor: Assessor) -> None:
    """An answer that repeats the prompt and says almost nothing of its own (`Findings.hollow`)
    meets no idea or reason, however its sentences are built; a short answer with particulars does."""
    hollow = [
        ("rl_reasonable_adjustment", "adjustment",
         "A customer with a disability came in to the branch. I made a reasonable adjustment in line "
         "with the Equality Act and our policies, so she was treated fairly and got the same service "
         "as anyone else. She was happy with the outcome."),
        ("rl_culture_and_compliance", "culture",
         "We have a strong compliance culture here. Leaders support compliance and staff follow the "
         "rules and the law, so the culture keeps us compliant. A positive culture matters because "
         "it supports compliance."),
        ("sf_exceeding_expectations", "why",
         "I always go the extra mile. I find out their needs and expectations using open questions "
         "and then I exceed them. It is the right thing because customers deserve great service and "
         "always leave happy."),
        # Longer, with a place in it, but three words in four are the prompt handed back.
        ("rl_complex_complaint", "negotiation",
         "The most complicated complaint I handled at our Swansea branch had several different issues "
         "in it. I followed our complaints procedure at each stage and made sure the outcome was in "
         "line with the relevant legislation. I negotiated a fair outcome that both sides could accept "
         "and I took ownership from start to finish. The customer was satisfied and the complaint was "
         "resolved within the timescale, which was a positive result."),
    ]
    for prompt_id, pid, text in hollow:
        assert not point(pid, assessor, prompt_id, text)[0], pid
    real = (
        "I asked the lady at the Derry depot had she done the trip before; she was dreading the "
        "change at Ballymoney with a suitcase and her wee boy. I walked her to the stand because "
        "she had never made that change on her own."
    )
    for pid in ("needs", "why"):
        assert point(pid, assessor, "sf_exceeding_expectations", real)[0], pid


def test_workplace_names_of_the_handover_and_notes_procedures(assessor: Assessor) -> None:
    handover = (
        "I'm first line on the broadband help desk. The line test showed a fault, so I raised a ticket "
        "to second line; our handover process says they ring the customer back within 24 hours."
    )
    assert point("policy", assessor, "sf_service_tiers", handover)[0]
    notes = "Our notes policy says every call gets a note on the account: what they asked, what I promised."
    assert point("records", assessor, "pp_record_keeping", notes)[0]


def test_a_feedback_tool_or_survey_by_its_workplace_name(assessor: Assessor) -> None:
    tool = (
        "Our tenant satisfaction survey showed repairs scoring low, so we used plan do check act to "
        "trial a text the day before each visit."
    )
    assert point("source", assessor, "ee_feedback_improvement_model", tool)[0]
    survey = "Our passenger survey in the app said information during disruption scored 52%."
    assert point("method", assessor, "mi_mystery_shopping", survey)[0]


def test_think_21_is_an_age_verification_policy(assessor: Assessor) -> None:
    text = "In the bookmaker's in Leeds we follow Think 21, so I asked the lad for ID before taking the bet."
    assert point("policy", assessor, "rl_age_restricted_sale", text)[0]


@pytest.mark.parametrize(
    ("prompt_id", "pid", "general", "occasion"),
    [
        # An apology said to be important is not an apology given.
        ("sf_service_recovery", "apology",
         "Service recovery matters in a hotel. It is important to apologise sincerely to guests when "
         "something goes wrong, because a sincere apology can win back their trust.",
         "A guest in room 12 at our hotel in Tenby had no hot water on Sunday. I apologised to him "
         "at the desk and moved him to room 20 within the hour."),
        # A habit of acting on feedback, with no finding and nothing changed on any occasion.
        ("mi_quality_audit", "action",
         "Quality checks at the bank happen every month. Whenever my calls are scored I act on my "
         "feedback straight away and update my checklist to keep improving my scores.",
         "In April one of my calls at the bank scored 71% because I hadn't checked the customer's "
         "circumstances. I added the circumstances questions to my checklist and practised them."),
        # Involving the team said as a plan ("if I was making an improvement I would").
        ("mi_team_involvement", "involve",
         "Getting the team's ideas matters to any change on the shop floor. Staff feel part of it "
         "when they are asked. A workshop with the team gets their ideas.",
         "When we moved click and collect to the side door, I ran a workshop with the four shift "
         "leads to get their ideas before we changed anything."),
    ],
)
def test_something_done_counts_only_when_told_of_an_occasion(
    assessor: Assessor, prompt_id: str, pid: str, general: str, occasion: str
) -> None:
    """A point asking for something the learner does (an apology, acting on findings) is not met
    by the idea said in general, as a habit with no occasion, or as a plan; the coach says it
    needs a real example. Told as what the learner did on an occasion, the same idea meets it."""
    met, evidence, missing = point(pid, assessor, prompt_id, general)
    assert not met and not evidence
    assert missing is not None and "real example" in missing
    met, evidence, _ = point(pid, assessor, prompt_id, occasion)
    assert met and evidence


def test_a_reason_needs_an_occasion_to_be_the_reason_for(assessor: Assessor) -> None:
    """A definition or a slogan with a "because" in it explains nothing about a case: the reason
    point is not met and the feedback does not praise a reason. Told of a case, it is met."""
    prompt = assessor.content.prompts["pp_record_keeping"]
    definition = (
        "Records are the notes we write about each contact. Accurate records matter because anyone "
        "who picks up the case later knows the full story, and the customer never has to repeat it."
    )
    a = assessor.assess(definition, prompt=prompt)
    why = next(p for p in a.marking_points if p.id == "why")
    assert not why.met and not why.evidence
    assert why.missing is not None and "real example" in why.missing
    assert not a.reasoning
    case = (
        "Last week a customer rang about a boiler repair. I read my colleague's notes, which said the "
        "engineer was booked for Friday, and told her straight away. Accurate notes matter because "
        "she didn't have to explain it all again to a third person."
    )
    a = assessor.assess(case, prompt=prompt)
    assert next(p for p in a.marking_points if p.id == "why").met
    assert a.reasoning


def test_a_model_defined_or_planned_is_not_the_model_used(assessor: Assessor) -> None:
    """A point marked ``occasion`` asks what the learner used: a definition of the model, or the
    model named as what they would do next time, does not meet it; used on a real occasion, it does."""
    rca = "mi_root_cause"
    definition = (
        "Root cause analysis is when you look for the real cause of a problem and not the symptoms, "
        "for example with the five whys. It stops the same complaint coming back again and again."
    )
    met, evidence, missing = point("rca", assessor, rca, definition)
    assert not met and not evidence
    assert missing is not None and "real example" in missing
    used = (
        "Last spring our click and collect orders kept arriving late at the Derry store. I used the "
        "five whys with the depot manager: the orders were late because the van left before the "
        "pick finished, because the pick started at ten. We moved the pick to eight."
    )
    assert point("rca", assessor, rca, used)[0]
    model = "ee_feedback_improvement_model"
    planned = (
        "Our text survey after every call showed customers hated the hold music, so I asked my team "
        "leader and we changed it in June and satisfaction went from 72 to 81 per cent. We didn't "
        "follow a model as such, but next time I'd probably use plan do check act."
    )
    assert not point("model", assessor, model, planned)[0]
    followed = planned.replace(
        "We didn't follow a model as such, but next time I'd probably use plan do check act.",
        "I followed plan do check act: the check was the survey score a month later.",
    )
    assert point("model", assessor, model, followed)[0]


def test_a_refusal_handled_calmly_and_recorded_needs_both(assessor: Assessor) -> None:
    """"Handles the refusal calmly and records it": calm without a record is half of it; calm in
    other words ("said quietly", "low-key") and the refusals book named meet it."""
    prompt = "rl_age_restricted_sale"
    calm_only = (
        "A lad in the bar in Bangor wanted four pints and looked about 16. I asked for ID, he had "
        "none, so I told him sorry mate, kept it calm, and he left. It was busy so I never wrote it down."
    )
    met, _, missing = point("calm", assessor, prompt, calm_only)
    assert not met and missing is not None and "recorded" in missing
    both = (
        "A lad in our Glasgow store tried to buy vodka and looked about 17. He only had a bank card, "
        "so I said quietly that I couldn't sell it, kept it low-key so he wasn't embarrassed, and "
        "wrote it in the refusals book."
    )
    met, evidence, _ = point("calm", assessor, prompt, both)
    assert met and any("refusals book" in e for e in evidence)


@pytest.mark.parametrize(
    "text",
    [
        # The person who gave the OK, with a possessive: "the store manager's OK".
        "A customer wanted £120 back on a coat worn for 45 days. Anything outside the policy needs "
        "the store manager's OK, so I rang him and explained, and she took a credit note.",
        # A general manager, typed as "gm".
        "guest at the hotel in tenby booked non refundable n got covid. i rang the gm on her day off "
        "n asked if we cud move the dates. gm said yes so we moved her to october.",
    ],
)
def test_approval_sought_before_going_beyond_the_policy(assessor: Assessor, text: str) -> None:
    met, evidence, _ = point("escalate", assessor, "pp_goodwill_beyond_policy", text)
    assert met and evidence


def test_a_customer_agreeing_is_no_approval(assessor: Assessor) -> None:
    """"Agreed" is an approval only from the person who gave it: a customer agreeing is not."""
    text = (
        "A customer wanted a refund on a non-refundable room. I offered to move her dates instead "
        "and she agreed, and she stayed with us in October."
    )
    assert not point("escalate", assessor, "pp_goodwill_beyond_policy", text)[0]


def test_support_set_to_what_the_customer_could_put_aside(assessor: Assessor) -> None:
    """A prepayment meter's debt recovery set to what the customer said she could put on each week
    is support based on what she can afford, and the regulator's role said plainly is its role."""
    text = (
        "electric supplier, call centre derry. single mum, 2 kids, keypad meter kept running out. "
        "asked what she could actually put on each wk after the rent n food - she said a tenner - so "
        "set the debt recovery on the keypad to take only that bit. she was relieved n said thanks"
    )
    met, evidence, _ = point("support", assessor, "rl_energy_affordability", text)
    assert met and any("debt recovery" in e for e in evidence)


def test_a_detail_of_the_learners_own_is_substance_by_itself(assessor: Assessor) -> None:
    """A concept whose terms are no key words (what the regulator does) needs no other words of
    the answer's own beside it: "Ofgem, the energy regulator, requires suppliers to ..." is its role
    even in a sentence otherwise made of the prompt's words."""
    text = (
        "A mum of three in Stoke rang because her direct debit had gone up to £190. Ofgem, the energy "
        "regulator, requires suppliers to take the customer's ability to pay into account. I went "
        "through her income and outgoings and set a plan of £95 a month."
    )
    a = assessor.assess(text, prompt=assessor.content.prompts["rl_energy_affordability"], sector="energy")
    assert next(p for p in a.marking_points if p.id == "regulator").met


@pytest.mark.parametrize(
    ("prompt_id", "pid", "text"),
    [
        ("ee_moment_of_truth", "concept",
         "I work on the baggage desk at Belfast City Airport. If you follow a passenger all the way "
         "from booking their seat to walking out of arrivals, the step that decides what they think "
         "of us is our desk when their case hasn't come off the belt. In August I traced a mum's "
         "case to Manchester and had it couriered to her house that night."),
        ("ee_organisation_map", "journey",
         "Underwriting never speaks to a customer, but they write what is covered, and claims decide "
         "what gets paid. Follow a customer from quote to claim and you see the link: unclear wording "
         "at the quote is only found out at the claim. Last year I took a flooded kitchen claim to "
         "the underwriting lead and we rewrote the clause."),
    ],
)
def test_the_journey_walked_in_plain_words(assessor: Assessor, prompt_id: str, pid: str, text: str) -> None:
    """The customer journey used without its name: a customer followed from one stage to another,
    even said as "if you follow ..."."""
    met, evidence, _ = point(pid, assessor, prompt_id, text)
    assert met and evidence


# --- The seventh round: definitions, values in general, light verbs (docs/assessment.md) ---------


@pytest.mark.parametrize(
    ("sentence", "defines"),
    [
        ("SMART means Specific, Measurable, Achievable, Relevant and Time-bound.", True),
        ("HEAT stands for Hear, Empathise, Apologise and Take ownership.", True),
        ("A moment of truth is any point where the customer makes up their mind.", True),
        ("Net Promoter Score is a feedback tool where customers score us from 0 to 10.", True),
        ("Following up is important because it shows the customer you care.", True),
        ("It's important to take ownership because customers want one person.", True),
        # An acronym spelled out.
        ("KPIs are key performance indicators, like AHT and first call resolution.", True),
        ("An SLA is a service level agreement with the engineers.", True),
        ("Our SLA is fixed within two working days and I chase it.", False),
        # A claim about any business.
        ("Good internal customer service leads to good external customer service.", True),
        ("Good notes meant the engineer knew about the baby before he arrived.", False),
        # Who someone is in general, and advice to anyone.
        ("Internal customers are people you work with, like the warehouse team.", True),
        ("You should always apologise and take ownership of the problem.", True),
        ("Staff must check the ID before they talk about the account.", True),
        # A consequence, a case, a past judgement: no definitions.
        ("That means we had to refund her the full £80.", False),
        ("The problem is the rota that the warehouse set in May.", False),
        ("My target was to cut my wrap time to 60 seconds by March.", False),
        ("It was important to ring her back because she was on her own.", False),
        ("The Equality Act means we have to make reasonable adjustments.", False),
        ("The people who complained were all on the same estate.", False),
        ("We had to check his ID before I could talk about the account.", False),
    ],
)
def test_a_definition_or_a_value_in_general_is_read_as_such(
    assessor: Assessor, monkeypatch: pytest.MonkeyPatch, sentence: str, defines: bool
) -> None:
    """`Findings.defines`: a sentence that says what a term stands for or what a thing is in
    general, or that a thing is important, in the present, tells no occasion of the learner's."""
    from bot.assessment import marking

    seen: list[bool] = []
    original = marking.met

    def spy(content: Content, p: MarkingPoint, ev: Any) -> Any:
        seen.append(ev.findings.defines((0, 1)))
        return original(content, p, ev)

    monkeypatch.setattr(marking, "met", spy)
    assessor.assess(sentence, prompt=assessor.content.prompts["pp_record_keeping"])
    assert seen and all(s is defines for s in seen)


def test_a_definition_meets_no_idea_the_learner_applied(assessor: Assessor) -> None:
    """"SMART means ... Time-bound" in an answer about a real target says what the letters stand
    for, not that the learner's target had a deadline; the deadline said of the target meets it."""
    defined = (
        "I work in an electrical shop in Stirling. My target was SMART. SMART means Specific, "
        "Measurable, Achievable, Relevant and Time-bound. My target was to get better at upselling. "
        "I talked to more customers about our warranties and I think I met it."
    )
    assert not point("timebound", assessor, "mi_smart_target", defined)[0]
    dated = defined.replace(
        "My target was to get better at upselling.",
        "My target was to sell 10 warranties a week by the end of March.",
    )
    met, evidence, _ = point("timebound", assessor, "mi_smart_target", dated)
    assert met and any("end of March" in e for e in evidence)


def test_a_value_in_general_is_no_reason_for_the_case(assessor: Assessor) -> None:
    """"Keeping records is important because it builds trust" is why records matter to anyone;
    the same answer's reason tied to its case meets "Explains why"."""
    prompt = "pp_record_keeping"
    general = (
        "I work on the phones at a housing association in Wrexham. Last Tuesday a tenant rang about "
        "a leak under her sink and I logged the call on the housing system with the date and what she "
        "said. Keeping records is important because it builds trust with our tenants."
    )
    assert not point("why", assessor, prompt, general)[0]
    case = general.replace(
        "Keeping records is important because it builds trust with our tenants.",
        "I noted it because the plumber needed to know the leak had already soaked the cupboard.",
    )
    assert point("why", assessor, prompt, case)[0]


def test_light_verbs_and_habits_carry_no_substance(assessor: Assessor) -> None:
    """"I took ownership and I followed up" says only the point's key words, whatever the rest of
    the answer tells; a follow-up with its particulars meets the point. A model spelled out as
    what is always done is not the model used on this occasion."""
    prompt = "pp_complaint_steps"
    keywords = (
        "I work in a shoe shop in Sheffield. When I get a complaint I always use HEAT which is Hear, "
        "Empathise, Apologise and Take ownership and I follow the complaints procedure. Last week a "
        "lady came in because the sole came off her trainers after two weeks. I took ownership and I "
        "followed up. She got a refund of £45."
    )
    assert not point("follow_up", assessor, prompt, keywords)[0]
    assert not point("model", assessor, prompt, keywords)[0]
    particulars = keywords.replace(
        "I took ownership and I followed up.",
        "I rang her on the Friday to check the new pair fitted and she said they were grand.",
    )
    assert point("follow_up", assessor, prompt, particulars)[0]
    used = keywords.replace(
        "When I get a complaint I always use HEAT which is Hear, Empathise, Apologise and Take "
        "ownership and I follow the complaints procedure.",
        "I follow the complaints procedure.",
    ).replace(
        "I took ownership and I followed up.",
        "I used HEAT: I heard her out, empathised, apologised and took ownership of the refund.",
    )
    assert point("model", assessor, prompt, used)[0]


def test_a_colleague_doing_it_is_not_the_learner_doing_it(assessor: Assessor) -> None:
    """Something the learner does (an apology, acting on findings), told as done by a manager or
    a colleague, is not met; told as the learner's own, it is. A manager asking the learner to do
    it leaves it the learner's."""
    prompt = "sf_service_recovery"
    supervisor = (
        "I work at the railway station in Bangor, County Down. On Monday a train was cancelled and a "
        "passenger missed a hospital appointment, so my supervisor apologised to him and got him a taxi."
    )
    assert not point("apology", assessor, prompt, supervisor)[0]
    own = supervisor.replace("my supervisor apologised to him", "I apologised to him")
    assert point("apology", assessor, prompt, own)[0]
    asked = supervisor.replace(
        "my supervisor apologised to him", "my supervisor asked me to apologise to him"
    )
    assert point("apology", assessor, prompt, asked)[0]
    audit = "mi_quality_audit"
    manager = (
        "Our quarterly mystery shop at the Lisburn store in May scored us 68% because nobody offered "
        "help with packing. The store manager wrote an action plan and briefed everyone at the huddle."
    )
    assert not point("action", assessor, audit, manager)[0]
    mine = manager.replace(
        "The store manager wrote an action plan and briefed everyone at the huddle.",
        "I wrote an action plan for my till team and started offering help with packing on every shop.",
    )
    assert point("action", assessor, audit, mine)[0]


def test_whose_job_it_is_in_general_is_no_reason(assessor: Assessor) -> None:
    """"Because safeguarding is everyone's responsibility" says whose duty it is, as "because it's
    policy" says where the rule is: no reason for this case. The case's own reason is one."""
    prompt = "pp_safeguarding_concern"
    duty = (
        "I work in a care home in Newry. On Tuesday a resident told me her son takes her pension every "
        "week and she has no money left for her hairdresser. I wrote down her words and passed it to "
        "our safeguarding lead that afternoon. I did it because safeguarding is everyone's responsibility."
    )
    assert not point("why", assessor, prompt, duty)[0]
    case = duty.replace(
        "because safeguarding is everyone's responsibility",
        "because she had no other family and the money was hers",
    )
    assert point("why", assessor, prompt, case)[0]


@pytest.mark.parametrize(
    "target",
    [
        # Spoken: the figures in words.
        "okay so um my team leader gave me a target to get my um after call survey score up from "
        "like seventy percent to eighty percent by the end of june",
        # Agreed, with no word for a target.
        "My team leader saw I took three minutes after each call to write my notes, and we agreed "
        "I'd get it down to 90 seconds by the end of the month",
    ],
)
def test_a_target_with_a_figure_and_a_deadline_in_any_words_is_smart(assessor: Assessor, target: str) -> None:
    """"Uses SMART targets" is met by a target with its figure and its deadline, the figures said
    in words as a recogniser writes them, or agreed without the word "target"; without the deadline
    it is not."""
    text = (
        f"I work on the phones for a mobile company in Merthyr. {target}. I started summing up what "
        "we'd done at the end of each call and asking if there was anything else."
    )
    assert point("smart", assessor, "mi_smart_target", text)[0]
    undated = text.replace(" by the end of june", "").replace(" by the end of the month", "")
    assert not point("smart", assessor, "mi_smart_target", undated)[0]


@pytest.mark.parametrize(
    ("prompt_id", "pid", "text"),
    [
        ("mi_mystery_shopping", "method",
         "I manage the front desk at a library in Bangor. In May we put short feedback cards on the "
         "counter asking how long people waited, and 40 said the Monday queue was too long. I moved "
         "a second person onto the desk on Mondays and the waits halved by July."),
        ("pp_greeting_script", "script",
         "I work on the phones for a water company in Stirling. Every call we start with the words we "
         "all have to say: good morning, you're speaking to Eilidh, calls are recorded. One morning a "
         "man rang shouting about a burst main, so I skipped the small talk and took his address first."),
        ("ee_moment_of_truth", "concept",
         "I work on the gateline at Leeds station. On Friday a lady's train to the airport was "
         "cancelled. For her this was the bit that decides everything, so I walked her to the taxi "
         "rank and booked her a cab on the railway."),
        ("sf_customer_journey", "journey",
         "I work on reception at a hotel in Brighton. In March I sat down with my manager and wrote out "
         "every step a guest goes through with us, from booking to the thank-you email, and found the "
         "pre-arrival email went out a day too late, so we moved it."),
        # The journey walked with anyone the organisation serves, one case, or its path.
        ("ee_organisation_map", "journey",
         "We're a broadband provider in Newport. If you follow someone from the day they sign up, the "
         "order team gets them a go-live date, network ops switch the line on and billing sends the "
         "first bill. In May I got a line switched on in an hour for a childminder who'd been missed."),
        ("ee_organisation_map", "journey",
         "I work at a credit union in Belfast. Follow a loan: the member applies in the app, lending "
         "assess it, compliance check the file and we pay it out. In January I found 31 of 50 "
         "applications waiting on payslips, so the app now asks for them upfront."),
        ("ee_organisation_map", "journey",
         "I work for an outdoor clothing shop online. The path goes: they find the jacket on the site, "
         "which digital keep right; the warehouse picks it; the courier brings it; returns come to us. "
         "I got digital to fix a wrong size chart and returns fell from one in four to one in ten."),
    ],
)
def test_a_name_given_in_plain_words(assessor: Assessor, prompt_id: str, pid: str, text: str) -> None:
    """Feedback cards are a survey, "the words we all have to say" the greeting standard, "the bit
    that decides everything" the moment of truth, every step a guest goes through the journey."""
    met, evidence, _ = point(pid, assessor, prompt_id, text)
    assert met and evidence


def test_a_model_spelled_out_with_the_wrong_steps_is_not_used_and_is_corrected(
    assessor: Assessor,
) -> None:
    """"HEAT, which stands for Help, Explain, Action, Thank" is not HEAT in use, nor LATER (which
    shares two of those words): "Uses a structured complaint model" is not met, the coach says what
    HEAT stands for, and a point asking only for the name is still met by it."""
    wrong = (
        "I work front of house at a restaurant in Nottingham. On Friday a customer complained her "
        "steak was overcooked. I used the HEAT model, which stands for Help, Explain, Action, Thank. "
        "I took the steak off the bill and she calmed down."
    )
    a = assessor.assess(wrong, prompt=assessor.content.prompts["pp_complaint_steps"])
    assert not next(p for p in a.marking_points if p.id == "model").met
    hint = next(h for h in a.hints if h.code == "wrong_steps")
    assert hint.message.startswith("HEAT stands for Hear, Empathise, Apologise, Take ownership, not Help")
    assert point("model", assessor, "ee_structured_model", wrong)[0], "the name alone is named"
    right = wrong.replace("Help, Explain, Action, Thank", "Hear, Empathise, Apologise, Take ownership")
    right = right.replace("I took the steak", "I heard her out, said sorry and took the steak")
    a = assessor.assess(right, prompt=assessor.content.prompts["pp_complaint_steps"])
    assert next(p for p in a.marking_points if p.id == "model").met
    assert not [h for h in a.hints if h.code == "wrong_steps"]


def test_a_model_spelled_out_in_the_learners_own_words_for_its_steps_is_used(assessor: Assessor) -> None:
    """"I used HEAT: I heard him out ..., empathised ..., apologised, and took ownership" spells HEAT
    with its own steps in past-tense words ("heard", "took"), and an article ("with a toddler and a
    broken pushchair") is no step: the model is used, and no wrong-steps correction is given."""
    text = (
        "A passenger complained his pushchair came off the flight with a snapped wheel. I used HEAT: "
        "I heard him out without interrupting, empathised that landing at midnight with a toddler and "
        "a broken pushchair is miserable, apologised, and took ownership by telling him I would be his "
        "contact. I raised the damage report and the airline paid 120 pounds within 48 hours."
    )
    a = assessor.assess(text, prompt=assessor.content.prompts["pp_complaint_steps"])
    assert next(p for p in a.marking_points if p.id == "model").met
    assert not [h for h in a.hints if h.code == "wrong_steps"]


# --- The eighth round: a change measured, not any figure -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I changed our welcome email for new broadband customers in Swansea. before: 22% rang in the "
        "first week with set up questions. after: 9%. I checked it over 2 months.",
        "Our breakfast score on TripAdvisor was 3.8 out of 5 in the spring. I brought in a booking "
        "sheet with time slots at check-in. Since the change our breakfast score is 4.6 out of 5.",
        "Missed-appointment complaints had climbed to 58 a quarter. I proposed a text whenever a job "
        "was moved. In the third quarter they were 17, down from 58.",
        "so I took it to billing and they changed the first bill date and complaints about first "
        "bills went from like forty a month to about twelve",
    ],
)
def test_before_and_after_figures_meet_a_point_asking_for_them(assessor: Assessor, text: str) -> None:
    met, evidence, _ = point("result", assessor, "mi_before_after_review", text)
    assert met and evidence


def test_the_after_figure_alone_is_no_before_and_after(assessor: Assessor) -> None:
    """"Gives before and after figures", "a measurable fall in complaints", "a measurable
    improvement": only the after figure is a measurable result, not the change the point asks for."""
    after_only = (
        "I work on reception at a hotel in Bath. Guests kept telling us breakfast was chaotic. I "
        "brought in a booking sheet with time slots at check-in. Since the change our breakfast score "
        "in TripAdvisor reviews is 4.6 out of 5."
    )
    met, _, missing = point("result", assessor, "mi_before_after_review", after_only)
    assert not met and missing and "figure before" in missing
    # The same figure meets a point that asks only for a measurable result.
    assert assessor.assess(after_only).measurable_result


def test_what_builds_loyalty_in_general_is_no_reason_for_the_case(assessor: Assessor) -> None:
    """"Consistency builds loyalty because customers know what to expect" is why consistency matters
    to any business; "it matters because ..." about the case stays a reason."""
    prompt = "pp_record_keeping"
    base = (
        "I work on the phones at a housing association in Wrexham. Last Tuesday a tenant rang about "
        "a leak under her sink and I logged the call on the housing system with the date and what she "
        "said. "
    )
    general = base + "Good notes build trust because tenants know what to expect."
    assert not point("why", assessor, prompt, general)[0]
    case = base + "The note matters because the plumber needed to know the leak had soaked the cupboard."
    assert point("why", assessor, prompt, case)[0]


def test_a_rule_there_so_that_is_a_purpose_not_a_next_step(assessor: Assessor) -> None:
    """"It's there so we know ..." and "that's so we don't ..." give why a rule exists; ", so I
    ..." after an event is the next step."""
    text = (
        "1. refunds policy - 30 days w receipt. its there so we know it was bought off us. 2. think 25 "
        "- anyone looks under 25 we ask for id. thats so we dont sell to under 18s. sat night a lad in "
        "the dundee shop had a bottle of wine, i had to make sure he was 18 so asked for id, he had "
        "none so i said sorry cant serve u. he came back w his licence n i sold it him"
    )
    assert point("why", assessor, "pp_two_rules", text)[0]
    steps = text.replace("its there so we know it was bought off us", "a lady came in, so we checked it")
    steps = steps.replace("thats so we dont sell to under 18s", "a lad came in, so we asked")
    assert not point("why", assessor, "pp_two_rules", steps)[0]


def test_so_with_what_would_not_come_of_it_is_a_purpose(assessor: Assessor) -> None:
    """"we do that so we don't tell the results to the wrong person" is why (so that); "so we
    checked it again" is the next step."""
    base = ("I work on reception at a doctors in Cardiff. When someone phones for their blood test results I "
            "check their name, date of birth and the first line of their address before I tell them "
            "anything. We do that so we {}.")
    purpose = base.format("don't tell the results to the wrong person, like a neighbour")
    assert point("why", assessor, "ee_data_in_routine_task", purpose)[0]
    step = base.format("checked it again with the patient")
    assert not point("why", assessor, "ee_data_in_routine_task", step)[0]

def test_what_the_facts_ruled_out_is_a_reason(assessor: Assessor) -> None:
    """"order was in her name so i couldnt talk about it with him" and "faulty so shes owed her
    money back" say why the law mattered; "a lady came in so I checked it" is the next step."""
    text = (
        "phone shop in hull. cx bought a tablet, screen died after 2 wks. her son rang wanting the "
        "refund on his card. i had to get the refund right n keep her details safe. consumer rights act "
        "2015 - under 30 days n faulty so shes owed her money back not a repair. uk gdpr - account was in "
        "her name so i couldnt discuss it w/ him. she rang that afternoon, passed id, got £199 back"
    )
    assert point("why", assessor, "rl_two_laws_one_case", text)[0]
    steps = text.replace("so shes owed her money back not a repair", "so i looked it up")
    steps = steps.replace("so i couldnt discuss it w/ him", "so i rang her")
    assert not point("why", assessor, "rl_two_laws_one_case", steps)[0]


def test_what_the_case_counts_as_in_law_is_a_reason(assessor: Assessor) -> None:
    """"her anxiety counts as a disability so we had to adjust" says why the law mattered; "her
    anxiety got worse so we had to adjust" tells what happened."""
    text = (
        "housing assoc in derry. tenant w/ severe anxiety, in rent arrears, wanted only email contact. "
        "disability discrimination act 1995 - her anxiety counts as a disability so we had to adjust how we "
        "contact her, switched her to email only. data protection act 2018 - cant discuss her acc w/ the "
        "support worker w/o her consent, so i emailed her the authority form first n she signed it."
    )
    assert point("why", assessor, "rl_two_laws_one_case", text)[0]
    told = text.replace("her anxiety counts as a disability", "her anxiety got worse")
    assert not point("why", assessor, "rl_two_laws_one_case", told)[0]

def test_closing_the_case_is_no_follow_up_but_ringing_to_check_is(assessor: Assessor) -> None:
    base = (
        "A tenant in Wrexham complained her tap had leaked for a month. It was my job to see it "
        "through. I logged it under our complaints procedure, apologised, and booked our own plumber "
        "for the next morning. "
    )
    closed = base + "I closed the complaint on day two and logged it."
    assert not point("follow_up", assessor, "pp_complaint_steps", closed)[0]
    rang = base + "Two weeks later I phoned to check the tap was still dry."
    assert point("follow_up", assessor, "pp_complaint_steps", rang)[0]


def test_quality_dimensions_in_plain_words(assessor: Assessor) -> None:
    """Keeping promises (reliability) and caring (empathy), said plainly and applied to the case."""
    text = (
        "We learned SERVQUAL, and for me quality is doing what you said you'd do and making people feel "
        "looked after. A nurse in Omagh had taken two days off for an engineer who never came. My job "
        "was to get one there. I only gave her a date once the engineer confirmed it, so this time we "
        "kept our promise, and I rang her the night before to say he was on his way, because she felt "
        "nobody had listened. He came at 8am and fixed the boiler."
    )
    met, evidence, _ = point("dimensions", assessor, "sf_service_quality", text)
    assert met and len(evidence) >= 2
    plain = (
        "We learned SERVQUAL. A nurse in Omagh had taken two days off for an engineer who never came. "
        "My job was to get one there. I booked him for the next morning and he fixed the boiler."
    )
    assert not point("dimensions", assessor, "sf_service_quality", plain)[0]


def test_equal_access_said_plainly_uses_the_idea(assessor: Assessor) -> None:
    text = (
        "A man in a wheelchair couldn't reach the card machine at our till in Derby. It was on me to "
        "sort it. I took the machine off its stand and passed it down so he could pay like everyone "
        "else. He said thanks."
    )
    assert point("concept", assessor, "sf_equal_treatment", text)[0]
    assert not point("concept", assessor, "sf_equal_treatment", text.replace(" like everyone else", ""))[0]


@pytest.mark.parametrize(
    "change",
    [
        "so now i read every booking back n spell the surname back",
        "so I set out the next steps as a short numbered list and took out phrases like pursuant to",
    ],
)
def test_made_clear_for_the_channel_is_adapting_to_it(assessor: Assessor, change: str) -> None:
    text = (
        "I take the phone bookings at a restaurant in Portrush. We kept getting mix ups with names and "
        f"times, and my manager asked me to sort it. {change}. Mix ups went from 12 a week to 2."
    )
    assert point("channel", assessor, "mi_channel_improvement", text)[0]
    plain = text.replace(change, "so I kept taking them the same way")
    assert not point("channel", assessor, "mi_channel_improvement", plain)[0]


@pytest.mark.parametrize(
    "deal",
    [
        "she knew £900 was high and we couldnt move her, so we met in the middle: a new fan and £350",
        "I went back and forth with the claims team and we agreed he'd get £350, and in return he'd "
        "send the receipts",
    ],
)
def test_meeting_in_the_middle_is_negotiation(assessor: Assessor, deal: str) -> None:
    text = (
        "A tenant in Neath complained about mould and wanted £900 and a move. It was my case and I "
        f"needed to sort it. I logged it at stage one of our complaints procedure. {deal}. The complaint "
        "closed in 12 days."
    )
    assert point("negotiation", assessor, "rl_complex_complaint", text)[0]
    paid = text.replace(deal, "I paid the £900")
    assert not point("negotiation", assessor, "rl_complex_complaint", paid)[0]


def test_a_figure_said_alone_is_no_before_and_after(assessor: Assessor) -> None:
    """"now like 91 percent of top up calls get sorted" is an after figure, read by two patterns;
    "68 percent ... by the end of the month his score was 85 percent" is before and after."""
    after = (
        "so my team leader asked me to help fix the top up calls and we used plan do check act, we tried "
        "a guide for a month then went through the call data and rolled it out and now like 91 percent "
        "of top up calls get sorted first time"
    )
    assert not point("result", assessor, "mi_before_after_review", after)[0]
    both = after.replace("fix the top up calls", "fix the top up calls, only 68 percent sorted first time,")
    assert point("result", assessor, "mi_before_after_review", both)[0]


def test_the_check_said_plainly_evaluates_the_change(assessor: Assessor) -> None:
    text = (
        "our problem was no access visits, twenty two percent in April, so I had to bring that down. We "
        "sent a text two days before on one patch for six weeks. I pulled the no access figures for the "
        "trial patch against the rest and it was down to nine percent, so we rolled it out."
    )
    assert point("review", assessor, "mi_before_after_review", text)[0]


def test_figures_by_month_are_a_fall(assessor: Assessor) -> None:
    text = (
        "online shop in swansea. every complaint is logged w/ a reason code. 'parcel not received' was "
        "top, 41 in feb. i had to find out why n fix it. we asked the courier to take a photo on delivery. "
        "march was 19, april was 9"
    )
    assert point("result", assessor, "mi_complaint_data", text)[0]
    after_only = text.replace(", 41 in feb", "").replace("march was 19, ", "")
    assert not point("result", assessor, "mi_complaint_data", after_only)[0]


def test_a_team_by_its_function_as_the_doer(assessor: Assessor) -> None:
    text = (
        "furniture shop in newry. cx bought a wardrobe, sales put it thru but never sent the sheet to the "
        "warehouse so nobody loaded it. she lost a days pay. it was on me to sort it. rang the warehouse, "
        "got it on the first van next morning"
    )
    assert point("departments", assessor, "ee_department_handoff", text)[0]
    unnamed = text.replace("sales put", "it went")
    assert not point("departments", assessor, "ee_department_handoff", unnamed)[0]


def test_two_measures_said_as_how_long_and_how_many(assessor: Assessor) -> None:
    text = (
        "I answer the phones for a council in Conwy. We get told how long our calls are on average, and "
        "we get a monthly figure for how many people ring back about the same thing. The two fight each "
        "other, because the quick way to keep calls short is to let people go and then they ring back."
    )
    met, evidence, _ = point("metrics", assessor, "mi_speed_vs_quality", text)
    assert met and len(evidence) >= 2
    one = text.replace(", and we get a monthly figure for how many people ring back about the same thing", "")
    assert not point("metrics", assessor, "mi_speed_vs_quality", one)[0]
    chats = (
        "Head office judges us on two numbers: how fast we pick up a live chat, and how many chats get "
        "sorted without the customer having to come back. Last November we were short-staffed and closing "
        "fast made the second one worse, because people came back when the first answer was rushed."
    )
    assert point("metrics", assessor, "mi_speed_vs_quality", chats)[0]


@pytest.mark.parametrize(
    "name", ["the bereavement support guide", "the store ops manual", "our staff handbook"]
)
def test_a_guide_manual_or_handbook_is_named_policy(assessor: Assessor, name: str) -> None:
    text = (
        "A lady rang whose husband had died and wanted to keep his number. My job was to find out "
        f"whether we could. I searched and found {name}, which said a number can move to the next of "
        "kin once we see the death certificate. I did it the same day and she wrote to thank us."
    )
    met, evidence, _ = point("policy", assessor, "pp_non_standard_request", text)
    assert met and any(name.split()[-1] in e for e in evidence)
    assert not point("policy", assessor, "pp_non_standard_request", text.replace(name, "the answer"))[0]


def test_business_filler_is_no_substance(assessor: Assessor) -> None:
    """"engaged all the key stakeholders from the start" names nobody; "asked the two Saturday
    pickers what slowed them down" does."""
    base = "At my supermarket in Inverness I brought in a new way of doing click and collect. "
    filler = base + "I involved the team and engaged all the key stakeholders from the start."
    assert not point("involve", assessor, "mi_team_involvement", filler)[0]
    real = base + "I involved the team: I asked the two Saturday pickers what slowed them down."
    assert point("involve", assessor, "mi_team_involvement", real)[0]


def test_being_compliant_is_conformity(assessor: Assessor) -> None:
    base = "The law is the UK GDPR. At our office in Swansea I always check ID before I talk to callers"
    assert not point("why", assessor, "sf_law_shapes_process", base + " because we have to be compliant.")[0]
    own = base + " because a caller pretending to be her husband could move her money."
    assert point("why", assessor, "sf_law_shapes_process", own)[0]


def test_the_measure_counted_against_the_promise_in_plain_words(assessor: Assessor) -> None:
    text = (
        "Our SLA for emails is that every customer email gets a reply within 24 hours. Our team leader "
        "checks the queue report every morning, which shows how many emails are older than 24 hours. "
        "Last week a delivery went wrong and some went over, so I stayed on emails all day."
    )
    assert point("measure", assessor, "ee_sla_monitoring", text)[0]
    unmeasured = text.replace(", which shows how many emails are older than 24 hours", "")
    assert not point("measure", assessor, "ee_sla_monitoring", unmeasured)[0]


def test_the_count_done_inside_the_promised_time_is_the_measure(assessor: Assessor) -> None:
    text = (
        "Our deal with the IT helpdesk says a broken till must be mended within four hours. Every fault gets "
        "a ticket, and my manager gets a report each week showing how many were fixed inside the four "
        "hours. In May two tills broke and I chased it."
    )
    assert point("measure", assessor, "ee_sla_monitoring", text)[0]
    unmeasured = text.replace(" showing how many were fixed inside the four hours", "")
    assert not point("measure", assessor, "ee_sla_monitoring", unmeasured)[0]


def test_authority_levels_name_the_procedure_that_sets_the_limits(assessor: Assessor) -> None:
    text = (
        "A lady wanted 150 pounds for a late sofa. Our goodwill authority levels say advisers can give "
        "up to 25 pounds, so I passed it to my supervisor and rang her back that afternoon."
    )
    assert point("limits", assessor, "pp_authority_limits", text)[0]
    assert not point("limits", assessor, "pp_authority_limits", text.replace(
        "Our goodwill authority levels say advisers can give up to 25 pounds", "I can only give 25 pounds"
    ))[0]


def test_the_regulators_role_said_of_it_in_the_next_sentence(assessor: Assessor) -> None:
    """The role may follow the name in its own sentence; words elsewhere in the answer that happen
    to be role words ("it will be fine") are not said of the regulator."""
    prompt = assessor.content.prompts["rl_regulator_role"]

    def regulator(text: str, sector: str) -> bool:
        a = assessor.assess(text, prompt=prompt, sector=sector, nation="wales")
        return next(p for p in a.marking_points if p.id == "regulator").met

    bank = (
        "I work on the phones for a building society in Cardiff. Our regulator is the FCA. They make the "
        "rules for banks and building societies. Last week a man rang about a payment holiday and I set "
        "one up for three months after checking his income."
    )
    assert regulator(bank, "finance")
    water = (
        "I work for Welsh Water in Bangor. Our regulator is Ofwat. A customer phoned because her water was "
        "brown. I told her to run the tap and we can never just tell a customer it will be fine."
    )
    assert not regulator(water, "water")


def test_the_regulators_role_said_as_what_it_is_still_counts(assessor: Assessor) -> None:
    """A regulator's role is something the learner knows (`knowledge: true`): said as what the body
    is ("ofgem are the ones who make the rules"), or in a short answer, it is still its role. Saying
    only that it regulates restates the word."""

    def regulator(text: str, prompt_id: str) -> bool:
        prompt = assessor.content.prompts[prompt_id]
        a = assessor.assess(text, prompt=prompt, sector="energy", nation="england")
        return next(p for p in a.marking_points if p.id == "regulator").met

    note = (
        "cx rang in crying bc her bill was 400 quid behind. did an income n outgoings w her n set up a plan "
        "at 8 quid a wk. ofgem are the ones who make the rules for suppliers n they say we have to offer a "
        "plan she can afford."
    )
    assert regulator(note, "rl_energy_affordability")
    assert regulator("The regulator is Ofgem. They make sure energy companies treat customers fairly.",
                     "rl_regulator_role")
    assert not regulator("Ofgem regulates energy. We offer payment plans.", "rl_energy_affordability")
    assert not regulator("The regulator is Ofgem. They have rules and we follow them.", "rl_regulator_role")


def test_a_regulator_whose_remit_stops_short_of_the_nation_is_not_the_one(assessor: Assessor) -> None:
    """The Gambling Commission and the Gambling Act 2005 are Great Britain's; in Newry neither is the
    regulator or the law that applied. In Leeds both are."""
    prompt = assessor.content.prompts["rl_regulator_role"]
    text = (
        "I work behind the counter in a bookmaker's. Our regulator is the Gambling Commission, which "
        "licenses gambling businesses and can fine them, and the main rule it enforces is the Gambling "
        "Act 2005. A regular asked me quietly to stop him coming in, so I went through our "
        "self-exclusion form with him at the end of the counter."
    )

    def met(nation: str) -> dict[str, bool]:
        a = assessor.assess(text, prompt=prompt, sector="gambling", nation=nation)
        return {p.id: p.met for p in a.marking_points}

    assert met("england")["regulator"] and met("england")["rule"]
    ni = met("northern_ireland")
    assert not ni["regulator"] and not ni["rule"]


def test_the_change_is_read_only_where_a_point_asks_for_it(
    assessor: Assessor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second pass over the figures costs time: a prompt with no before-and-after point skips it."""
    from bot.assessment import structure

    calls: list[str] = []
    original = structure.change_spans

    def spy(text: str) -> Any:
        calls.append(text)
        return original(text)

    monkeypatch.setattr(structure, "change_spans", spy)
    text = "Our score was 3.8. I brought in a booking sheet. Since then it is 4.6 out of 5."
    assessor.assess(text, prompt=assessor.content.prompts["pp_record_keeping"])
    assert not calls
    assessor.assess(text, prompt=assessor.content.prompts["mi_before_after_review"])
    assert calls


def test_the_customers_motive_or_state_is_no_reason_of_the_learners(assessor: Assessor) -> None:
    """Why the customer rang, or why they were angry, sets the scene; it is no reason for what the
    learner did or why a rule exists."""
    for text in (
        "Ofcom is our regulator. A customer rang last month wanting to leave because her signal was bad, "
        "and I gave her the information she needed about leaving.",
        "Ofcom is our regulator. A man's case was three kilos over and the charge is £15 a kilo, so he was "
        "angry. I explained the allowance and he repacked it.",
    ):
        assert not point("why", assessor, "rl_regulator_role", text)[0], text
    real = (
        "Ofcom is our regulator. A customer wanted to leave, and I told her she could go penalty free "
        "because the rule is there so people aren't stuck paying for a service that doesn't work."
    )
    assert point("why", assessor, "rl_regulator_role", real)[0]


def test_a_duty_restated_is_no_reason(assessor: Assessor) -> None:
    """"The Consumer Duty means we have to look after vulnerable people" says what the rule asks,
    not why the support helped."""
    base = "At the credit union in Glasgow I had an old man who was confused about his loan."
    said = base + " The Consumer Duty means we have to look after vulnerable people. I explained it slowly."
    assert not point("why", assessor, "rl_consumer_duty_vulnerability", said)[0]
    real = base + " I explained it slowly with a summary, which meant he could check it at home with his son."
    assert point("why", assessor, "rl_consumer_duty_vulnerability", real)[0]


def test_it_is_our_company_policy_is_conformity(assessor: Assessor) -> None:
    """"It is our company policy to ..." is who wants it, said in full words: no reason of the case."""
    base = "At the station in Cardiff I walked a woman with a big case to her platform. That moment mattered"
    said = base + " because it is our company policy to deliver excellent service every time."
    assert not point("why", assessor, "ee_moment_of_truth", said)[0]
    real = base + " because she was on her own and it was her first trip since her husband died."
    assert point("why", assessor, "ee_moment_of_truth", real)[0]


def test_a_smart_target_is_met_by_the_target_not_the_name(assessor: Assessor) -> None:
    """"Uses SMART targets" (labelling rule 2: "it was SMART" with no target is not met): the name
    with the target's figure, or a target with its figure and deadline, meets it; the name alone,
    in an answer with an example, does not; nor does a target with a figure but no name or date."""
    named = "I work on the tills in Aberdeen. My manager gave me a SMART target. I asked about the card."
    assert not point("smart", assessor, "mi_smart_target", named)[0]
    vague = "My manager set me a SMART target to improve my scores, so I started thanking customers by name."
    assert not point("smart", assessor, "mi_smart_target", vague)[0]
    figure = ("My team leader set me a SMART target to reduce my after-call work from 90 seconds to 60 "
              "seconds, so I started using the note templates.")
    assert point("smart", assessor, "mi_smart_target", figure)[0]
    no_name_no_date = "My manager gave me the target of getting transfers under ten a day, so I wrote notes."
    assert not point("smart", assessor, "mi_smart_target", no_name_no_date)[0]


def test_a_models_words_recited_are_no_substance(assessor: Assessor) -> None:
    """Report-writing buzz phrases say nothing of the case: "carried out a root cause analysis ...
    and identified the root cause" finds no cause; the cause said is the substance."""
    base = ("I work on the email team for an online electronics retailer. A colleague was about to refuse "
            "a refund on faulty headphones at 20 days, and I stopped the email going out.")
    said = base + " I carried out a root cause analysis using the 5 Whys and identified the root cause."
    assert not point("root_cause", assessor, "rl_breach_prevented", said)[0]
    found = base + (" I asked why she'd refused it, and the cause was our returns template, which still "
                    "gave the 14-day window for every item.")
    assert point("root_cause", assessor, "rl_breach_prevented", found)[0]


def test_internal_customers_need_the_chain_between_them(assessor: Assessor) -> None:
    """"Identifies internal customers and the service chain": colleagues named with nothing passing
    between them name no chain; what they rely on from the learner does, even when speech runs a
    definition on into the case."""
    named = "My internal customers are my team leader and the people on my shift at the bookies in Belfast."
    assert not point("internal", assessor, "sf_internal_customers", named)[0]
    chain = ("On the front desk at a hotel in Belfast my internal customers are housekeeping, who need my "
             "arrivals list to know which rooms to turn first. In March I sent it an hour early.")
    assert point("internal", assessor, "sf_internal_customers", chain)[0]
    spoken = ("right so internal customers is basically anyone inside the business who needs something "
              "off me, so for me on the phones at the housing association in Newport that's the repairs "
              "team and the surveyors, they rely on what I put on the system to do their bit for the tenant "
              "and one time I logged a leak as an emergency with clear notes for the plumber")
    assert point("internal", assessor, "sf_internal_customers", spoken)[0]


def test_why_earlier_fixes_failed_needs_the_earlier_fix(assessor: Assessor) -> None:
    """"Explains why the earlier fixes had not worked": the root cause found, with no earlier fix
    told, is not it; the point's words handed back ("the earlier fixes hadn't worked because they
    didn't address the root cause") are not it either; the fix told and why it failed is."""
    found = ("kept getting cx ringing re 2 bills in 1 month. did a 5 whys on it. meter reads from the app "
             "went to a holding queue nobody checked on fridays, so the cause was the queue not the bills.")
    met, _, missing = point("why", assessor, "mi_root_cause", found)
    assert not met and missing and missing.startswith("what had been done before")
    handed_back = ("Customers kept complaining that paint was mixed in the wrong colour. I did the five whys "
                   "and found the tint machine was out of date. The earlier fixes hadn't worked because they "
                   "didn't address the root cause.")
    assert not point("why", assessor, "mi_root_cause", handed_back)[0]
    told = ("Customers kept getting a second bill. Each time we apologised and cancelled the duplicate, "
            "which fixed that customer but not the next one, because the batch keyed Friday accounts twice.")
    assert point("why", assessor, "mi_root_cause", told)[0]


def test_the_customers_referral_time_is_six_months_not_the_firms_eight_weeks(assessor: Assessor) -> None:
    """The customer has six months from the final response to go to the Financial Ombudsman
    Service; eight weeks is the firm's deadline for the response, so it is not the customer's time
    limit (and "she has 8 wks from the letter" is wrong)."""
    base = "I drafted the final response for a car insurance complaint in Paisley. The letter said"
    wrong = base + " if she's still not happy she can go to the FOS and she has 8 wks from the letter."
    assert not point("rights", assessor, "ee_final_response", wrong)[0]
    right = base + " if she's still not happy she can go to the FOS and she has six months from the letter."
    assert point("rights", assessor, "ee_final_response", right)[0]


def test_what_was_recorded_needs_what_went_in(assessor: Assessor) -> None:
    """"Says what was recorded and where": notes on the system says where, not what."""
    where = "I put notes on the account after every call at the Belfast call centre, so the next one knows."
    assert not point("what_recorded", assessor, "pp_record_keeping", where)[0]
    what = ("A tenant rang about black mould in her bedroom, and I wrote on her file what she told me, that "
            "she has a baby, and that I booked the surveyor for Thursday.")
    assert point("what_recorded", assessor, "pp_record_keeping", what)[0]


def test_the_finding_in_the_data_links_it_to_the_action(assessor: Assessor) -> None:
    """"Links the issue found in the data to the action taken": the finding said as what the action
    answers is the link, with no "because" ("comments said waiting ages at the desk. i moved ...")."""
    linked = ("CSAT for click n collect in our newport store dropped to 3.1. comments said waiting ages at "
              "the desk. i moved collections to the front till. back up to 4.4 in a month")
    assert point("link", assessor, "mi_kpi_shortfall", linked)[0]
    unlinked = "CSAT for click n collect in our newport store dropped to 3.1. i moved to the front till."
    assert not point("link", assessor, "mi_kpi_shortfall", unlinked)[0]


def test_a_procedure_point_missed_says_the_procedure_not_a_reason(assessor: Assessor) -> None:
    """A "Follows the complaints procedure" point missed in an answer with no real example asks for
    the procedure in a real example, not for "why you did it"."""
    text = ("A customer said he'd go to the ombudsman over his bill. I told him he could go to CISAS. "
            "I followed our complaints procedure and gave him a £10 credit.")
    met, _, missing = point("procedure", assessor, "ee_telecoms_adr", text)
    assert not met and missing and missing.startswith("the complaints procedure"), missing


def test_a_reason_set_out_after_a_colon_counts(assessor: Assessor) -> None:
    """"The change followed from that: ..." gives its reason after the colon."""
    base = ("I proposed moving our council tax line to call-backs, using our customer charter, which "
            "promises an answer within five working days. The change followed from that:")
    said = base + " if residents can't get through and then wait a week for an email, the promise is broken."
    assert point("why", assessor, "mi_justify_with_standards", said)[0]
    bare = base.rstrip(":") + "."
    assert not point("why", assessor, "mi_justify_with_standards", bare)[0]


def test_kpis_said_alone_name_no_measure(assessor: Assessor) -> None:
    """"It is monitored using KPIs" or "my KPIs showed a problem" names no measure; the measure by
    name, or the KPI sheet the agreement is tracked on, does."""
    sla = "We work to an SLA with our contractor: emergency repairs within 24 hours."
    assert not point("measure", assessor, "ee_sla_monitoring", sla + " It is monitored using KPIs.")[0]
    assert point("measure", assessor, "ee_sla_monitoring", sla + " I check it on the weekly KPI sheet.")[0]
    base = "At the water company in Cardiff {} last quarter, so I started typing notes during the call."
    assert not point("data", assessor, "mi_kpi_shortfall", base.format("my KPIs showed a problem"))[0]
    assert point("data", assessor, "mi_kpi_shortfall", base.format("my after call work went up"))[0]


def test_a_name_of_generic_words_names_no_policy(assessor: Assessor) -> None:
    """"Our organisational policies and standards" says what sort of document, not which one."""
    base = "When I proposed moving the returns desk hours in our Belfast store, I justified it using {}."
    generic = base.format("our organisational policies and standards")
    assert not point("policy", assessor, "mi_justify_with_standards", generic)[0]
    named = base.format("our customer promise, which says we help anyone get their goods home")
    assert point("policy", assessor, "mi_justify_with_standards", named)[0]


def test_a_new_practice_in_a_short_note_acts_on_the_findings(assessor: Assessor) -> None:
    """"now i ask every customer", "put a sticky note on my screen": what the learner changed, in the
    shortest phone note."""
    base = "mystery shopper at our york store marked me down for not offering a bag for life at the till."
    changed = base + " now i ask every customer. next shop i got 100%"
    assert point("action", assessor, "mi_quality_audit", changed)[0]
    assert not point("action", assessor, "mi_quality_audit", base + " next shop i got 100%")[0]


def test_culture_asserted_is_no_awareness_of_it(assessor: Assessor) -> None:
    """"Our culture is very strong on compliance ... everyone buys into it": culture asserted, not
    shown."""
    said = ("Our culture is very strong on compliance. We have a positive compliance culture in the pub and "
            "everyone buys into it, so the culture supports following the rules. For example under the "
            "Licensing Act 2003 we can't serve someone who is drunk, and one Saturday on St Mary Street I "
            "refused a man who was slurring. The culture helped because it is a good culture.")
    assert not point("culture", assessor, "rl_culture_and_compliance", said)[0]
    shown = ("At the bookmaker's in Leeds our targets for new accounts pushed staff to skip the checks, "
             "so the culture got in the way of compliance until our manager dropped the sign-up bonus. "
             "One Saturday I refused a man who was slurring.")
    assert point("culture", assessor, "rl_culture_and_compliance", shown)[0]


def test_the_moment_of_truth_in_plain_words(assessor: Assessor) -> None:
    """"thats the make or break bit for us", "the first minutes at the desk are when people decide
    what they think of us": the idea in the learner's words, even in the shortest note."""
    note = "cx came in for click n collect, order not on the shelf. thats the make or break bit for us."
    assert point("concept", assessor, "ee_moment_of_truth", note)[0]
    bare = "cx came in for click n collect, order not on the shelf. found it in the back in 2 mins."
    assert not point("concept", assessor, "ee_moment_of_truth", bare)[0]


def test_a_rule_set_for_the_team_names_the_standard(assessor: Assessor) -> None:
    """"rule is no more than 3 in a queue then open another till" names the standard used."""
    base = "im shift lead at the store in wrexham. {} i watch the queue and shout when to open one."
    rule = base.format("rule is no more than 3 in a queue then open another till.")
    assert point("tools", assessor, "sf_team_standards", rule)[0]
    assert not point("tools", assessor, "sf_team_standards", base.format("we have rules."))[0]


def test_the_chain_and_the_record_said_in_more_words(assessor: Assessor) -> None:
    """The chain said as the learner's step and the next team's ("i book the jobs, engineers fit"),
    and what was recorded with where it went in between ("I wrote on her account history that ...")."""
    chain = ("internal cx for me = field engineers + billing team. i book the jobs, engineers fit, billing "
             "sets up the new tariff after. put the gate code in the job notes for the engineer.")
    assert point("internal", assessor, "sf_internal_customers", chain)[0]
    record = ("A woman rang to say her husband had died. I wrote on her account history that he'd passed, "
              "the date, and that she wanted calls after two in the afternoon.")
    assert point("what_recorded", assessor, "pp_record_keeping", record)[0]


def test_management_talk_is_no_trend_and_no_culture(assessor: Assessor) -> None:
    """"I analysed the trends ... identified the key themes and pain points and took a data-driven
    approach", "embedded from the top down ... a no-blame, open culture": words anyone could say."""
    talk = ("As customer experience manager I own our Voice of the Customer programme. I analysed the "
            "trends in our NPS and Trustpilot data, identified the key themes and pain points and took a "
            "data-driven approach to drive continuous improvement. We always look at trends rather than "
            "one-offs.")
    assert not point("trend", assessor, "sf_feedback_trends", talk)[0]
    trend = ("At the chippy in Leeds I read our Trustpilot reviews every Monday, and over six weeks the same "
             "thing kept coming up: cold chips on Friday nights, when the delivery drivers were waiting.")
    assert point("trend", assessor, "sf_feedback_trends", trend)[0]
    culture = ("We have a really strong compliance culture here, it's embedded from the top down and "
               "everyone buys into it. It's a no-blame, open culture which supports compliance. Every "
               "morning I run a huddle on the compliance message of the day. Culture is important because "
               "it drives behaviour.")
    assert not point("culture", assessor, "rl_culture_and_compliance", culture)[0]


def test_a_models_stages_done_as_the_learners_steps_put_it_to_work(assessor: Assessor) -> None:
    """"We used Plan Do Check Act. We planned ... After a month we checked it": the stages done are
    the model in use; the stages recited as a stock phrase are not."""
    used = ("I was asked to cut down no-shows at our restaurant in Tenby. We used Plan Do Check Act. We "
            "planned to send a reminder text the day before every booking, then started doing it. After a "
            "month we checked it: no-shows were down from 11 to 4 a week.")
    assert point("model", assessor, "mi_before_after_review", used)[0]
    recited = ("I was asked to cut down no-shows at our restaurant in Tenby. We used Plan Do Check Act. We "
               "planned it, did it, checked it and acted on it. No-shows were down from 11 to 4 a week.")
    assert not point("model", assessor, "mi_before_after_review", recited)[0]



def test_a_cycles_review_done_with_what_it_found_puts_it_to_work(assessor: Assessor) -> None:
    """"We used plan, do, review" and then the review done with what it found: the "do" is the change
    told, the review the learner's own; a review with nothing found stays stock."""
    base = ("I work in a garden centre in Bangor. At weekends the queues at the tills were going out the "
            "door, so we opened a second till just for plants. We used plan, do, review. {}")
    found = base.format("When we reviewed it after a month the average wait was about 4 minutes, so we "
                        "decided it had worked and kept it.")
    assert point("model", assessor, "mi_before_after_review", found)[0]
    stock = base.format("We reviewed it as a team.")
    assert not point("model", assessor, "mi_before_after_review", stock)[0]

def test_the_rule_for_a_missed_sla_is_what_is_escalated(assessor: Assessor) -> None:
    """"if an order goes over i tell the mgr" says what is escalated when the SLA is missed; "I'd
    tell my team leader I suppose" is a guess."""
    base = ("leeds store. sla w/ the warehouse is click n collect orders ready in 2 hrs. screen in the back "
            "shows % ready on time. {}")
    rule = base.format("if an order goes over i tell the mgr and she rings the warehouse.")
    assert point("escalate", assessor, "ee_sla_monitoring", rule)[0]
    guess = base.format("if it's missed um I'd tell my team leader I suppose.")
    assert not point("escalate", assessor, "ee_sla_monitoring", guess)[0]


def test_an_agreement_between_teams_and_an_ageing_report(assessor: Assessor) -> None:
    text = ("The agreement I watch is between my front-line team and our second-line technical team. They "
            "commit to picking up any fault we pass across within one working day. We track it on a shared "
            "ageing report: how many tickets are past the one-day mark. In spring I set up a joint huddle.")
    assert point("sla", assessor, "ee_sla_monitoring", text)[0]
    assert point("measure", assessor, "ee_sla_monitoring", text)[0]


def test_reading_the_report_is_research(assessor: Assessor) -> None:
    """"i read the ukcsi report when it comes out" shows how best practice was researched."""
    base = "inverness store. i {} saw complaint handling was where retail dropped. so i started asking cx"
    assert point("research", assessor, "ee_best_practice_research", base.format("read the ukcsi report,"))[0]
    assert not point("research", assessor, "ee_best_practice_research", base.format("heard that"))[0]


def test_harm_and_chasing_are_the_knock_on_and_paying_out_a_consequence(assessor: Assessor) -> None:
    """"his leg got infected and his daughter was ringing everybody" is what the failed hand-off led
    to; "we'd have to pay out" is what a breach would have cost."""
    handoff = ("a patient goes home from the ward and the community nurses are meant to pick them up. one "
               "time the discharge letter never went over, so this man was home with his dressings "
               "unchanged and his leg got infected and his daughter was ringing everybody.")
    assert point("knock_on", assessor, "ee_department_handoff", handoff)[0]
    breach = ("A lad on the floor told a customer the telly had a five year guarantee when it was one. I put "
              "it right with her. If I hadn't caught it she'd have bought it thinking she was covered and "
              "we'd have to pay out.")
    assert point("consequences", assessor, "rl_breach_prevented", breach)[0]


def test_everyday_words_near_the_plain_terms_are_no_idea(assessor: Assessor) -> None:
    """"when customers make a complaint" is no moment of truth; "I'll post it to you" is no change made
    after an audit's findings."""
    moment = "At the hotel in Tenby, when customers make a complaint I deal with it. A room wasn't ready."
    assert not point("concept", assessor, "ee_moment_of_truth", moment)[0]
    audit = "My call monitoring came back at 68%. The customer asked for the form and I said I'd post it."
    assert not point("action", assessor, "mi_quality_audit", audit)[0]


def test_a_reason_held_inside_a_long_cue_counts(assessor: Assessor) -> None:
    """"if that goes down cx cant even order": the cue takes in the case itself, so its own words
    past the opening are the reason's substance, not only the words after it."""
    base = ("we got stores, online team, warehouse, IT n finance. IT run the website n checkout{} last wk "
            "a cx got wrong size jeans, i rang warehouse n they sent the right ones next day")
    held = base.format(", if that goes down cx cant even order.")
    assert point("why", assessor, "ee_organisation_map", held)[0]
    assert not point("why", assessor, "ee_organisation_map", base.format("."))[0]


def test_the_complaints_procedure_followed_in_its_steps_counts(assessor: Assessor) -> None:
    """"Follows the complaints procedure" is met by its steps said as done ("logged a complaint on
    the sys n gave her the ref"), not by the same step as a plan."""
    base = ("cx from newport said shes going to the ombudsman over a price rise. {} told her she can go to "
            "the comms ombudsman after 8 wks. got her moved to a cheaper deal, saves her £9 a month")
    steps = base.format("logged a complaint on the sys n gave her the ref.")
    assert point("procedure", assessor, "ee_telecoms_adr", steps)[0]
    planned = base.format("i said i would log a complaint.")
    assert not point("procedure", assessor, "ee_telecoms_adr", planned)[0]
    assert not point("procedure", assessor, "ee_telecoms_adr", base.format("i listened."))[0]


def test_a_telecoms_complaints_code_of_practice_is_the_complaints_procedure(assessor: Assessor) -> None:
    """Providers publish their procedure as their complaints code of practice (Ofcom General
    Condition C4); "complaints come in" is no name of it (a shorter alias, "complaints code", was
    near enough to it for the fuzzy matcher)."""
    found = assessor.matcher.find("I logged it under our complaints code of practice.", "telecoms", "england")
    assert [f.entry_id for f in found] == ["complaints_procedure"]
    assert not assessor.matcher.find("all the complaints come in through the app", "telecoms", "england")


def test_service_tiers_named_alone_say_nobodys_job(assessor: Assessor) -> None:
    """"Describes the service tiers and who is responsible at each": the tiers listed by name say
    nobody's job; what a tier handles does."""
    case = (" had a cx last wk, someone had used her card in spain, not something i can sort so sent it "
            "to the fraud team w/ all the details. she had her money back in 3 days")
    named = "im first line on the phones. then theres 2nd line and specialists." + case
    assert not point("tiers", assessor, "sf_service_tiers", named)[0]
    duties = ("im first line on the phones, we do cards, payments n balances. disputes go to 2nd line, "
              "they can refund up to £500.") + case
    assert point("tiers", assessor, "sf_service_tiers", duties)[0]


def test_consequences_for_customer_and_business_need_both_sides(assessor: Assessor) -> None:
    """"Explains the consequences for the customer and the business": fines and lost trust say what
    the business would lose, not what the customer would; and harm to the customer alone is half."""
    base = ("At the building society in Cardiff the Consumer Credit Act means we check a loan is "
            "affordable. Last month I went through a man's income with him and he took £3,000, not "
            "£8,000. If we broke it {}.")
    business = base.format("the FCA would fine us and it'd be in the papers")
    assert not point("consequences", assessor, "ee_regulation_impact", business)[0]
    customer = base.format("he'd be stuck paying back money he didn't have")
    assert not point("consequences", assessor, "ee_regulation_impact", customer)[0]
    both = base.format("he'd be stuck paying back money he didn't have, and the FCA would fine us")
    assert point("consequences", assessor, "ee_regulation_impact", both)[0]


def test_how_the_customers_trouble_came_about_is_no_reason_of_the_learners(assessor: Assessor) -> None:
    """"She missed her connection cos the first bus was late" tells the situation, not why the
    learner did anything; a reason for the learner's own step still counts."""
    base = ("servqual / rater. at the bus station in belfast a wee woman w a walkin frame missed her "
            "connection to coleraine cos the first bus was late. i had to get her home that day. "
            "reliability - checked the live system n told her the next one was 40 mins{}. empathy - got "
            "her a seat in the office n a cup of tea. she got the next bus n sent in a card thankin us")
    assert not point("why", assessor, "sf_service_quality", base.format(""))[0]
    own = base.format(", cos shed been let down once already n needed a time she could trust")
    assert point("why", assessor, "sf_service_quality", own)[0]


def test_a_policy_named_after_what_it_covers_names_it(assessor: Assessor) -> None:
    """"Our policy on vulnerable customers" names the vulnerable customer policy; "all our policies
    on equality" names documents of a kind, not one."""
    base = ("At the energy supplier in Dundee a customer was £400 behind. I followed {} and set up a "
            "plan of £5 a week from what she could afford, and she has kept to it for three months.")
    named = base.format("our policy on vulnerable customers")
    assert point("policy", assessor, "rl_energy_affordability", named)[0]
    adjust = ("At the bus station in Belfast a deaf man asked about the Derry bus. I wrote everything down "
              "for him and printed the timetable. We follow all our policies on equality.")
    assert not point("policy", assessor, "rl_reasonable_adjustment", adjust)[0]


def test_service_tiers_in_plain_words_count(assessor: Assessor) -> None:
    """Tiers said by what goes up to whom: "damp and gas jobs go to the surveyors"."""
    tiers = (" Damp and gas jobs go to the surveyors, and the really serious jobs they pass to outside "
             "firms.")
    text = ("I'm on the phones for a housing association in Swansea. We take the calls, book simple repairs "
            "and answer rent questions.{} In January a mum rang about mould in her baby's room. I needed a "
            "surveyor out fast, so I put it through as urgent and a surveyor went out in three days.")
    assert point("tiers", assessor, "sf_service_tiers", text.format(tiers))[0]
    assert not point("tiers", assessor, "sf_service_tiers", text.format(""))[0]


def test_adr_timing_needs_both_routes(assessor: Assessor) -> None:
    """"After eight weeks or a deadlock letter": the eight weeks alone ("only after eight weeks")
    leaves the deadlock letter out, and a deadlock letter said not to exist is no route."""
    base = "A customer said he'd go to the ombudsman over his bill. I told him he can go to CISAS {}."
    both = base.format("after 8 weeks or sooner if we send a deadlock letter")
    assert point("timing", assessor, "ee_telecoms_adr", both)[0]
    assert not point("timing", assessor, "ee_telecoms_adr", base.format("but only after eight weeks"))[0]
    denied = base.format("any time. There was no deadlock letter")
    assert not point("timing", assessor, "ee_telecoms_adr", denied)[0]


def test_words_anyone_could_say_are_no_use_of_an_idea(assessor: Assessor) -> None:
    """A model's dimensions recited in one breath, or "we spotted a trend", are stock phrases: they
    meet no point that asks for the idea used (`STOCK_PHRASES`, `Findings.all_stock`)."""
    rater = ("At the airline desk in Belfast we use SERVQUAL: reliability, assurance, tangibles, empathy "
             "and responsiveness. A family missed their connection and my job was to get them rebooked; "
             "I found them seats on the evening flight and they flew that night.")
    assert not point("dimensions", assessor, "sf_service_quality", rater)[0]
    applied = rater.replace("I found them seats", "I kept my promise to ring back in ten minutes, showed "
                            "empathy by finding them a quiet seat, and found them seats")
    assert point("dimensions", assessor, "sf_service_quality", applied)[0]
    stock = ("I work in a café in Newtownards. We get feedback from comment cards. Last year we spotted a "
             "trend and my manager changed the rota to fix it.")
    assert not point("trend", assessor, "sf_feedback_trends", stock)[0]
    said = stock.replace("we spotted a trend", "six cards in a month said Saturday lunch was slow")
    assert point("trend", assessor, "sf_feedback_trends", said)[0]


def test_journey_stages_run_to_after_care(assessor: Assessor) -> None:
    """"Describes the stages from first contact to after-care": a map that stops at check-out
    leaves after-care out; a thank-you email asking for a review after the stay is after-care."""
    base = ("I work on reception at a hotel in Brighton. Our journey: they find us online, book on the "
            "website, get a confirmation email, check in, stay, check out{}. Where it went wrong most was "
            "parking, so I added the car park deal to the confirmation email, and parking complaints fell "
            "from 9 to 2 a month.")
    assert not point("stages", assessor, "sf_customer_journey", base.format(""))[0]
    after = base.format(", and then get a thank-you email asking for a review")
    assert point("stages", assessor, "sf_customer_journey", after)[0]


def test_loyalty_asserted_of_customers_in_general_is_not_shown(assessor: Assessor) -> None:
    """"Customers trust us and become loyal" happened to no one; a customer who came back because
    the service was the same each time did."""
    base = ("I work in a bakery in Inverness. An older man comes in at eight every morning and I have his "
            "roll and paper ready. {}")
    slogan = base.format("We give the same high standard every time, so customers trust us and become loyal.")
    assert not point("loyalty", assessor, "sf_loyalty_trust", slogan)[0]
    shown = base.format("When we closed for a week he waited and came back the day we reopened, and he "
                        "told me he trusts us to get it right.")
    assert point("loyalty", assessor, "sf_loyalty_trust", shown)[0]


def test_an_adjustment_owed_in_general_is_not_one_made(assessor: Assessor) -> None:
    """"We have to make reasonable adjustments, for example ramps or large print" says what the law
    asks of anyone; "so I read each question out" (in the same sentence) and "I brought a chair"
    are adjustments made."""
    duty = ("The Equality Act 2010 says we can't treat disabled customers worse than anyone else and we "
            "have to make reasonable adjustments, for example ramps or large print menus. At our café in "
            "Bristol we treat everyone the same.")
    assert not point("adjustment", assessor, "rl_reasonable_adjustment", duty)[0]
    made = ("A customer with a learning disability found our forms confusing. Under the Equality Act 2010 "
            "we must make reasonable adjustments, so I read each question out over the phone and filled "
            "it in with her. She got the payment.")
    assert point("adjustment", assessor, "rl_reasonable_adjustment", made)[0]
    chair = ("A customer with MS couldn't stand for long while she waited for her order. I brought a chair "
             "from the staff room. Shops have to make reasonable adjustments. She thanked me.")
    assert point("adjustment", assessor, "rl_reasonable_adjustment", chair)[0]


def test_a_review_said_with_nothing_it_found_evaluates_nothing(assessor: Assessor) -> None:
    """"We reviewed it as a team and everyone agreed it was much better" evaluates nothing; what the
    check found does."""
    base = ("At the contact centre in Cardiff we brought in a callback checklist last spring because "
            "customers waited too long for a call back. {}")
    said = base.format("We reviewed it as a team and everyone agreed it was much better.")
    assert not point("review", assessor, "mi_before_after_review", said)[0]
    found = base.format("Six weeks later I pulled the callback figures: the average wait had gone from "
                        "three days to one.")
    assert point("review", assessor, "mi_before_after_review", found)[0]


def test_the_setting_is_no_substance_for_an_idea_said_beside_it(assessor: Assessor) -> None:
    """"At the phone shop in Glasgow I always keep the focus on the customer's needs": where the
    learner works sets the scene; it says nothing of the idea (`needs.SETTING`)."""
    setting = ("At the phone shop in Glasgow I always keep the focus on the customer's needs and not the "
               "sale. Once a lady came in about her bill and I checked her usage for her. Service is "
               "different to selling and the customer should always come first.")
    assert not point("need", assessor, "sf_service_not_sales", setting)[0]
    shown = setting.replace("I checked her usage for her", "I checked her usage: she only used 2GB a "
                            "month, so I moved her to a cheaper plan instead of the upgrade she asked about")
    assert point("need", assessor, "sf_service_not_sales", shown)[0]


@pytest.mark.parametrize(
    "said",
    [
        "I noticed the same thing in about a third of the one-star reviews: the engineer not turning up",
        "going through the comments I kept seeing people say the card didn't say when the water was back",
        "a few ppl over like a month said the chips were cold when they got to the table",
    ],
)
def test_a_trend_said_as_a_share_or_as_kept_seeing(assessor: Assessor, said: str) -> None:
    """A trend in plain words: a share of the reviews, "kept seeing", a few people over a month."""
    text = f"At the cafe we read our Google reviews. {said}. I told my manager and we changed it."
    assert point("trend", assessor, "sf_feedback_trends", text)[0]
    one = "At the cafe we read our Google reviews. One man said his chips were cold. I told my manager."
    assert not point("trend", assessor, "sf_feedback_trends", one)[0]


def test_law_first_needs_that_a_policy_adds_but_never_removes(assessor: Assessor) -> None:
    """"The law comes first" alone is half of "the law takes priority and a policy can add to legal
    rights but never remove them"; the second half says both, in any words, and is its own
    substance ("policy can add to ur rights not take them away")."""
    base = ("online order, jumper came with a hole in it, cx in llanelli wanted a refund. our returns policy "
            "says post it back at ur own cost. consumer rights act 2015 says if its faulty we pay. {} "
            "refunded £38 in 3 days.")
    half = base.format("the law comes first so i did it.")
    assert not point("law_first", assessor, "rl_law_before_policy", half)[0]
    for said in ("law beats policy, policy can add to ur rights not take them away.",
                 "law wins - policy can give extra but cant take away her rights.",
                 "our own rules can be more generous but they can't leave her with less than the act."):
        assert point("law_first", assessor, "rl_law_before_policy", base.format(said))[0], said


def test_attitudes_said_as_habits_are_no_use_of_an_idea(assessor: Assessor) -> None:
    """"I always stay calm and follow the complaints procedure", "this shows I can ...": an attitude
    or a self-assessment, not the procedure followed on an occasion."""
    base = ("Mr Patel from Leeds rang fuming because his router had been dropping out every evening for "
            "three weeks and said he was going to the ombudsman. I told him he could go to CISAS after 8 "
            "weeks or with a deadlock letter. {} An engineer swapped the faulty line card on Friday.")
    attitude = base.format("When a customer threatens the ombudsman I always stay calm and follow the "
                           "complaints procedure.")
    assert not point("procedure", assessor, "ee_telecoms_adr", attitude)[0]
    followed = base.format("I logged it as a complaint and sent him the acknowledgement letter that day.")
    assert point("procedure", assessor, "ee_telecoms_adr", followed)[0]
    adapt = ("Our call script at the Sunderland site has mandatory parts. I always adapt it to the "
             "customer's needs and personalise it. This shows I can adapt my communication.")
    assert not point("adapt", assessor, "pp_greeting_script", adapt)[0]


@pytest.mark.parametrize(
    "rule",
    ["its social responsibility code says we have to", "the consumer standards say we have to",
     "thats ofcoms 8 week rule, we have to"],
)
def test_a_regulators_rule_named_in_its_own_words(assessor: Assessor, rule: str) -> None:
    """A regulator's own rule book by the name learners use: a code, the consumer standards, a
    rule known by its time limit."""
    base = ("The regulator licenses us and can fine us. The part that changes my day most is that {} "
            "step in when someone is being harmed. One night a player made fourteen deposits in three "
            "hours, so I opened a chat and he set a limit.")
    assert point("rule", assessor, "rl_regulator_role", base.format(rule))[0]
    assert not point("rule", assessor, "rl_regulator_role", base.format("we have to"))[0]


def test_a_procedure_named_by_what_it_does(assessor: Assessor) -> None:
    """"The way we deal with lost property changed" names the lost property procedure."""
    base = ("I work at the station enquiry desk in Portadown. In the summer {} changed: now items are kept "
            "two weeks and people show photo ID. I heard about it in an email from the station manager "
            "and briefed the weekend staff. Since then all 46 collections had ID recorded.")
    named = base.format("the way we deal with lost property")
    assert point("policy", assessor, "pp_policy_change", named)[0]
    assert not point("policy", assessor, "pp_policy_change", base.format("something"))[0]


def test_a_model_done_in_the_learners_own_words_for_its_stages(assessor: Assessor) -> None:
    """"I used HEAT. I heard her out ..., I said sorry ...": its stages done in the learner's own
    words for them put the model to work; the name alone does not."""
    base = ("A member came in fuming because her fee had been taken twice. I had to see it through. "
            "I used HEAT.{} I checked the payment system and finance refunded her that afternoon.")
    done = base.format(" I heard her out without butting in, I said I'd be cross too if it was my rent "
                       "money, I said sorry it had happened, and I told her I would deal with it myself.")
    assert point("model", assessor, "pp_complaint_steps", done)[0]
    assert not point("model", assessor, "pp_complaint_steps", base.format(""))[0]
    # Empathy said as "I said I could understand", with the apology.
    said = base.format(" I said I could understand how worrying it was, and I apologised for our mistake.")
    assert point("model", assessor, "pp_complaint_steps", said)[0]


@pytest.mark.parametrize(
    "target",
    ["my first contact resolution was the lowest in the team, so the target was to get it to seventy "
     "percent by the thirty first of March",
     "We agreed a target: get my seven-day repeat-contact rate on billing queries down to 12% or lower "
     "by 30 June"],
)
def test_a_smart_target_with_its_date_in_words_or_its_figure_further_on(
    assessor: Assessor, target: str
) -> None:
    """A SMART target whose deadline is a date said in words, or whose figure comes many words after
    "target": its figure and deadline make it SMART without the word."""
    text = (f"In my one to one my team leader and I looked at my figures. {target}. I recapped every call "
            "before closing it, and by the deadline I was at 73%.")
    assert point("smart", assessor, "mi_smart_target", text)[0]
    bare = ("In my one to one my team leader and I looked at my figures. We agreed a target to improve. I "
            "recapped every call before closing it.")
    assert not point("smart", assessor, "mi_smart_target", bare)[0]


def test_colleagues_who_pick_up_from_the_learners_notes_are_a_service_chain(assessor: Assessor) -> None:
    """"The claims handlers ... pick it up from my notes" says what passes between them; the same
    colleagues named with nothing passing between them name no chain."""
    chain = ("I answer the phones for a car insurer in Leeds. The people I look after inside the business "
             "are the claims handlers and the engineers, because I take the first call about a claim and "
             "they pick it up from my notes. One customer needed a hire car urgently, so I flagged it on "
             "the notes.")
    assert point("internal", assessor, "sf_internal_customers", chain)[0]
    named = ("I answer the phones for a car insurer in Leeds. My internal customers are the claims handlers "
             "and the engineers. One customer needed a hire car urgently, so I flagged it on the notes.")
    assert not point("internal", assessor, "sf_internal_customers", named)[0]


def test_ringing_the_customer_back_that_night_is_a_follow_up(assessor: Assessor) -> None:
    """Back to the customer later the same day is a follow-up; ringing a colleague is not."""
    base = ("hotel in inverness, guest complained at breakfast her room was above the bar n she got no "
            "sleep. said sorry, moved her to a quiet room that day n logged it through our complaints "
            "process. {}")
    back = base.format("rang her room that night at 10 to check it was quieter and she said it was grand.")
    assert point("follow_up", assessor, "pp_complaint_steps", back)[0]
    other = base.format("rang the bar manager that night about the noise.")
    assert not point("follow_up", assessor, "pp_complaint_steps", other)[0]


def test_a_measure_named_in_the_learners_words_meets_standard_model_or_measure(assessor: Assessor) -> None:
    """"Names a service standard, model or measure": "our first-time fix rate for plumbing was 64%"
    names a measure; "our policies" names none."""
    base = ("I'm a team leader for a housing association in Birmingham. Tenants rang two or three times "
            "about the same repair, so I proposed a photo link at the first call. {} The board agreed a "
            "pilot.")
    rate = base.format("Our first-time fix rate for plumbing was 64%, against the 85% we aim for.")
    assert point("standard", assessor, "mi_justify_with_standards", rate)[0]
    vague = base.format("I used our policies to make the case.")
    assert not point("standard", assessor, "mi_justify_with_standards", vague)[0]


def test_advice_to_anyone_is_no_reason_of_the_case(assessor: Assessor) -> None:
    """"social media is public so you have to be careful" is advice; the same channel's reason in the
    case ("so nobody else could see her account details") is the learner's."""
    advice = ("Every channel is different. Social media is public so you have to be careful what you put. "
              "Last week I answered a complaint on our Facebook page in Leeds and moved it to DMs.")
    assert not point("why", assessor, "mi_channel_improvement", advice)[0]
    case = advice.replace("and moved it to DMs.", "and moved it to DMs so nobody else could see her account "
                          "details.")
    assert point("why", assessor, "mi_channel_improvement", case)[0]


def test_a_problem_that_arose_or_what_the_boss_said_sets_the_scene(assessor: Assessor) -> None:
    """"because our mystery diner scores had slipped" and "my tl in aberdeen said our sat rush was a
    shambles" tell what set the example off, so the STAR example is whole."""
    scores = ("I'm a shift lead at a restaurant in Belfast. Our service standards are that every table is "
              "greeted within two minutes of sitting down. As shift lead I was responsible for making sure "
              "the floor team actually did this on my shifts, because our mystery diner scores had slipped. "
              "I kept an eye on the floor every service and noted which tables were greeted late. At the "
              "next mystery diner visit we scored 91%, up from 78%.")
    assert point("star", assessor, "sf_team_standards", scores)[0]
    boss = ("keep up w/ it mostly thru the institute of customer service, i read the ukcsi report. my tl in "
            "aberdeen said our sat rush was a shambles n it was on me to come up wi somethin n trial it. did "
            "4 saturdays wi me on a handheld at the back of the queue. avg wait went 9 min to 4 min n tl's "
            "kept it goin every sat since")
    assert point("star", assessor, "ee_best_practice_research", boss)[0]


@pytest.mark.parametrize(
    "text",
    [
        "im 1st line for a broadband co in swansea. cx internet dropping, did the router reset n line "
        "test, showed a fault on the line so thats not mine to fix, had to pass it up so i put a ticket "
        "to 2nd line.",
        "so first line is us on the phones in Swansea. this man's internet kept dropping and I'd done all "
        "the checks I can do so I knew it needed the technical team and I put it through to them with my "
        "notes.",
    ],
)
def test_passing_it_up_to_the_next_tier_in_plain_words_escalates(assessor: Assessor, text: str) -> None:
    assert point("escalate", assessor, "sf_service_tiers", text)[0]


def test_a_fix_done_yourself_is_no_escalation(assessor: Assessor) -> None:
    text = ("so first line is us on the phones in Swansea. this man's internet kept dropping so I reset the "
            "router twice and sent him a new one, and it was fine after that.")
    assert not point("escalate", assessor, "sf_service_tiers", text)[0]


def test_a_complaint_logged_with_words_between_is_a_step_of_the_procedure(assessor: Assessor) -> None:
    base = ("A customer in Swansea was angry we'd charged her roaming in Spain and said she'd go to the "
            "ombudsman. I explained she could take it to CISAS after eight weeks or with a deadlock letter. "
            "{} and sent it to billing with screenshots of her plan.")
    logged = base.format("I logged it as a formal complaint")
    assert point("procedure", assessor, "ee_telecoms_adr", logged)[0]
    assert not point("procedure", assessor, "ee_telecoms_adr", base.format("I noted what she said"))[0]


@pytest.mark.parametrize(
    "measure",
    [
        "its measured by % paid in 10 days on the weekly report",
        "its on the dashboard, % of faults fixed in 48 hrs",
        "the inbox shows how many hours old each email is",
    ],
)
def test_an_slas_measure_said_with_its_sign_or_its_age(assessor: Assessor, measure: str) -> None:
    base = "sla w our refunds team at the train co (york) is ticket refunds paid within 10 working days. {}."
    assert point("measure", assessor, "ee_sla_monitoring", base.format(measure))[0]
    assert not point("measure", assessor, "ee_sla_monitoring", base.format("we try our best"))[0]


@pytest.mark.parametrize(
    "standard",
    [
        "I was responsible for getting my team back to the service level of 80% of calls answered within 20 "
        "seconds",
        "I wrote down four things I wanted every time: say hello within 30 seconds and ask what they need",
    ],
)
def test_a_service_level_or_what_was_wanted_every_time_is_a_standard_named(
    assessor: Assessor, standard: str
) -> None:
    base = ("I'm a shift lead in Coventry with eight on my team. {}. I sat with each of them on the floor "
            "and gave them feedback after. By March we were at 83%.")
    assert point("tools", assessor, "sf_team_standards", base.format(standard))[0]
    vague = base.format("I told them the standards at the start of the shift")
    assert not point("tools", assessor, "sf_team_standards", vague)[0]


@pytest.mark.parametrize(
    "cycle",
    [
        "We tried it for four weekends, then sat down and reviewed it: the queue at the door had gone",
        "after 4 wks i went back over the timings: avg check in was 9 mins before, 4 mins after",
        "At the end of the six weeks we sat down with the managers and went through every failure",
    ],
)
def test_a_trial_then_its_review_uses_a_cycle_without_its_name(assessor: Assessor, cycle: str) -> None:
    base = ("Guests at our hotel in Bath kept telling us breakfast was chaotic at weekends. My manager asked "
            "me to sort it, so I planned a booking sheet for breakfast slots. {}. We kept it.")
    assert point("model", assessor, "mi_before_after_review", base.format(cycle))[0]
    once = base.format("We brought it in and it went well")
    assert not point("model", assessor, "mi_before_after_review", once)[0]


def test_someone_on_their_way_is_news_but_the_customer_on_her_way_is_not(assessor: Assessor) -> None:
    base = ("A guest at our hotel in Newcastle wanted his stay free because the lift was broken. I can't "
            "give refunds on reception, so I got the duty manager. {} She gave him 20% off.")
    news = base.format("I said sorry about the stairs, and I rang his room when she was on her way.")
    assert point("informed", assessor, "pp_authority_limits", news)[0]
    leaving = base.format("I said sorry about the stairs, and he was rebooked and on his way.")
    assert not point("informed", assessor, "pp_authority_limits", leaving)[0]


@pytest.mark.parametrize(
    ("text", "met"),
    [
        # The figures before and after the change are its evaluation, with no review word.
        ("I run the returns desk at our Swansea store. Refunds to cards were taking too long, so I moved "
         "the card machine to the returns desk in May. Before, a refund took 9 minutes on average; in "
         "the six weeks after, it took 4.", True),
        # A look at it after it had run a while.
        ("At the Perth depot I was asked to cut missed-delivery complaints. We tried texting a one-hour "
         "slot for a month, and after the month we looked at it: complaints were down to 14.", True),
        # One figure, no look back: nothing evaluated.
        ("At the Perth depot I was asked to cut missed-delivery complaints, so we started texting a "
         "one-hour slot. Complaints are 14 a month now.", False),
    ],
)
def test_a_change_evaluated_by_its_figures_or_a_later_look(assessor: Assessor, text: str, met: bool) -> None:
    """"Evaluates the change after it was made": the figures before and after it, or a look taken
    after it ran ("after six weeks we looked at it"), say it was evaluated."""
    assert point("review", assessor, "mi_before_after_review", text)[0] is met


@pytest.mark.parametrize(
    "change",
    [
        "I stuck a note on the bottom of my screen with the closing line on it.",
        "I slow right down now and read the recording line out first.",
        "Every Friday I played back two of my own calls to check myself.",
    ],
)
def test_what_was_changed_after_a_call_check_said_plainly(assessor: Assessor, change: str) -> None:
    """"Acts on the findings": a reminder stuck up, a new habit with "now" at its end, or the
    learner's own calls played back, each after what the check found."""
    found = ("In March my team leader scored four of my calls and found I wasn't reading out that calls "
             "are recorded. ")
    assert point("action", assessor, "mi_quality_audit", found + change)[0]
    assert not point("action", assessor, "mi_quality_audit", found + "I was a bit gutted about it.")[0]


@pytest.mark.parametrize(
    ("text", "met"),
    [
        # Consequences listed in a line are the substance themselves (what would go wrong).
        ("You could lose your job, the bank could be fined and the customer could have their identity "
         "stolen.", True),
        ("If the floor isn't mopped a guest could break a hip and the hotel would get sued.", True),
        # One consequence is not two.
        ("If the floor isn't mopped the hotel would get sued.", False),
    ],
)
def test_consequences_listed_plainly_count(assessor: Assessor, text: str, met: bool) -> None:
    """"Explains at least two consequences of not complying": each consequence named is one of the
    learner's own (`key_words: false`), even in a one-line answer; an injury said as a broken bone."""
    assert point("consequences", assessor, "pp_non_compliance_consequences", text)[0] is met


def test_the_journey_told_from_where_the_customer_stands(assessor: Assessor) -> None:
    """"From the customer's side it goes like this: ...": the customer journey used without its name,
    stage by stage, with the first month after the service starts as its after-care."""
    text = ("From the customer's side it goes like this: they ring us, we book the install, the engineer "
            "comes out, and anyone whose line drops in the first month rings us again and we test it. Most "
            "go wrong at the install, so I started texting a two-hour slot the night before.")
    assert point("journey", assessor, "sf_customer_journey", text)[0]
    assert point("stages", assessor, "sf_customer_journey", text)[0]
    cut = text.replace(", and anyone whose line drops in the first month rings us again and we test it", "")
    assert not point("stages", assessor, "sf_customer_journey", cut)[0], "no after-care"


@pytest.mark.parametrize(
    ("text", "met"),
    [
        # The channel named in a short sentence of its own: the change made for it is the substance.
        ("On the phone I used to talk too fast. My supervisor said the caller can't see my screen, so "
         "now I go through things one step at a time.", True),
        ("On the phone I used to talk too fast. My supervisor said the caller can't see my screen.", False),
        # Messages set out for chat: one question per message, plain words.
        ("Last year our live chat customers kept leaving before it was solved, so I set our saved replies "
         "to one question per message in plain words. Abandoned chats fell from 22% to 9%.", True),
        ("Last year our live chat customers kept leaving before it was solved, so I looked at our saved "
         "replies. Abandoned chats fell from 22% to 9%.", False),
    ],
)
def test_the_channel_and_what_was_changed_for_it(assessor: Assessor, text: str, met: bool) -> None:
    """"Adapts communication to the channel": which channel (a detail of the learner's own, however
    short its sentence) and what was changed for it."""
    assert point("channel", assessor, "mi_channel_improvement", text)[0] is met


@pytest.mark.parametrize(
    "rival",
    [
        "a couple of the big sellers we compete with brought in free returns with a QR code",
        "the big online sellers got people used to a one-hour delivery window and live tracking",
    ],
)
def test_the_rival_said_in_plain_words(assessor: Assessor, rival: str) -> None:
    """"Identifies the competitor or market change": rivals said as who they are to us ("the big
    sellers we compete with"), not only as "competitors"."""
    text = (f"I work for an online outdoor clothing company near Cardiff. Two years ago {rival}, and our "
            "returns complaints went up. I wanted to make sure we weren't losing customers, so I took the "
            "figures to my manager and we trialled free QR returns. Complaints fell from 40 a month to 9.")
    assert point("market", assessor, "ee_market_expectations", text)[0]
    plain = text.replace(rival, "we changed our returns form")
    assert not point("market", assessor, "ee_market_expectations", plain)[0]


@pytest.mark.parametrize(
    "shown",
    [
        "this year he took his second loan with us instead of going to the bank",
        "he moved his savings across and brought two of his lads in as members",
        "he stopped checking our letters with Citizens Advice",
    ],
)
def test_loyalty_and_trust_shown_in_what_the_customer_did(assessor: Assessor, shown: str) -> None:
    """"Links consistent service to loyalty and trust": more business brought, or trust shown, in
    the learner's words."""
    text = ("At our credit union in Paisley a joiner had been given three different answers by his old "
            "lender, so I made sure whoever he spoke to here gave him the same answer: I put a note of "
            f"everything we'd agreed on his record. Over eighteen months {shown}.")
    assert point("loyalty", assessor, "sf_loyalty_trust", text)[0]
    assert not point("loyalty", assessor, "sf_loyalty_trust", text.replace(shown, "nothing much changed"))[0]


@pytest.mark.parametrize(
    ("target", "met"),
    [
        ("my manager and I agreed I would get our average reply time on compensation emails down from "
         "nine days to three working days, just for the delay claims because they were the bulk of it, by "
         "the end of September", True),
        ("my objective for the third quarter was to bring our average final response time on complaints "
         "down to five working days by the end of September", True),
        ("my manager and I agreed I would get our reply time on compensation emails down a lot", False),
    ],
)
def test_a_smart_target_said_at_length(assessor: Assessor, target: str, met: bool) -> None:
    """"Uses SMART targets": a figure to reach and by when, however many words the learner puts
    between them and the target."""
    text = (f"After a bad summer for delays our email backlog at the airline in Southampton was huge, and "
            f"{target}. I built reply templates for the common delay lengths.")
    assert point("smart", assessor, "mi_smart_target", text)[0] is met


def test_teams_named_by_what_they_do(assessor: Assessor) -> None:
    """"Identifies the departments involved": "sales had put the order thru", "rang provisioning"."""
    text = ("A customer rang about her broadband: she'd moved house and sales had put the order thru, but "
            "it never got to the engineers. I had to get her connected, so I rang provisioning myself and "
            "got the order rebuilt. She was connected next day.")
    assert point("departments", assessor, "ee_department_handoff", text)[0]
    one = ("A customer rang about her broadband: she'd moved house and the order never got through. I had "
           "to get her connected, so I rebuilt the order myself. She was connected next day.")
    assert not point("departments", assessor, "ee_department_handoff", one)[0]


@pytest.mark.parametrize(
    ("prompt_id", "walk"),
    [
        ("sf_customer_journey", "The road they go down is: they find us online or ring, we give a quote, "
         "they sign up, the first bill lands, then the welcome call."),
        ("ee_organisation_map", "So the way it goes is the customer rings us about brown water, we log it, "
         "the planners send a squad and we phone the customer back."),
    ],
)
def test_the_journey_told_as_the_road_or_the_way_it_goes(
    assessor: Assessor, prompt_id: str, walk: str
) -> None:
    text = (f"{walk} It goes wrong at the first step, so last January I added a reminder text on the "
            "morning of the switch.")
    assert point("journey", assessor, prompt_id, text)[0]


def test_a_coaching_target_agreed_with_its_figure_and_date(assessor: Assessor) -> None:
    """"Names the coaching model, targets or quality framework used": a target agreed with its figure
    and date is the targets, named or not."""
    base = ("My team leader asked me to buddy Aoife, whose calls kept coming back. We pulled her numbers: "
            "31% came back inside seven days, and we agreed {}. Twice a week we listened to one of her "
            "calls together.")
    assert point("method", assessor, "mi_coaching_colleague", base.format("a target of under 20% by the end "
                                                                          "of the month"))[0]
    assert not point("method", assessor, "mi_coaching_colleague", base.format("to work on it"))[0]


def test_the_need_found_before_any_sale(assessor: Assessor) -> None:
    """"Keeps to what the customer needed rather than the sale": what was really wrong found first,
    and a sale that would have fixed nothing, in the learner's words."""
    text = ("A customer in Glasgow rang wanting the 900 meg upgrade because her broadband was useless. My "
            "job was to find out what was actually wrong before anything got sold. Her line was fine; the "
            "router was in a cupboard, so I talked her through moving it.")
    assert point("need", assessor, "sf_service_not_sales", text)[0]
    sold = ("A customer in Glasgow rang wanting the 900 meg upgrade because her broadband was useless. I "
            "put the upgrade through for her straight away.")
    assert not point("need", assessor, "sf_service_not_sales", sold)[0]


def test_the_chain_told_as_my_step_then_theirs_for_the_customer(assessor: Assessor) -> None:
    """"i take the calls n log them, they do the job for the resident": the service chain."""
    text = ("at derry n strabane council my internal custs r the housing officers n the bin crews. i take "
            "the calls n log them, they do the job for the resident. in jan the online form broke so i kept "
            "sending IT screenshots till they fixed it.")
    assert point("internal", assessor, "sf_internal_customers", text)[0]
    named = text.replace(" i take the calls n log them, they do the job for the resident.", "")
    assert not point("internal", assessor, "sf_internal_customers", named)[0]


def test_the_journey_set_out_as_how_it_goes(assessor: Assessor) -> None:
    """"Our broadband in Aberdeen goes like this: they order online, ...": the journey, stage by stage."""
    text = ("Our broadband in Aberdeen goes like this: they order online, we post the router, an engineer "
            "connects the line, and the first bill comes a month later. It goes wrong at the engineer visit, "
            "so last spring I started texting a two-hour slot the night before.")
    assert point("journey", assessor, "sf_customer_journey", text)[0]
    busy = text.replace(" goes like this:", " is busy.")
    assert not point("journey", assessor, "sf_customer_journey", busy)[0]


def test_a_fall_said_as_what_could_happen_is_harm(assessor: Assessor) -> None:
    """"someone could slip n break something n we could get sued": two consequences."""
    text = ("our spillage procedure says clean up spills straight away n put the wet floor sign out. if not "
            "someone could slip n break something n we could get sued.")
    assert point("consequences", assessor, "pp_non_compliance_consequences", text)[0]
    sued = text.replace("someone could slip n break something n ", "")
    assert not point("consequences", assessor, "pp_non_compliance_consequences", sued)[0]


def test_equal_treatment_said_as_the_same_as_any_other_passenger(assessor: Assessor) -> None:
    text = ("The ramp was broken on her bus. My job was to get her on a bus today same as any other "
            "passenger, so I rang control and got a coach with a working ramp.")
    assert point("concept", assessor, "sf_equal_treatment", text)[0]
    assert not point("concept", assessor, "sf_equal_treatment", "I rang control and got a coach.")[0]


def test_where_the_data_pointed_links_it_to_the_action(assessor: Assessor) -> None:
    text = ("pulled a month of my repeat calls - 60% were broadband drop calls where the fault was actually "
            "router settings. so the data pointed at my troubleshooting not my manner. sat with the tech "
            "team 2 afternoons.")
    assert point("link", assessor, "mi_kpi_shortfall", text)[0]


def test_an_idea_named_as_what_was_just_done_has_that_as_its_substance(assessor: Assessor) -> None:
    text = ("had a deaf couple in the restaurant in belfast, i wrote the specials down on my pad n used the "
            "ordering app on the tablet so they could just point. thats a reasonable adjustment.")
    assert point("concept", assessor, "sf_equal_treatment", text)[0]
    # ... not a habit said in general before it.
    habit = ("I treat every resident at the care home the same and I'm friendly to everyone. That's the"
             " Equality Act.")
    assert not point("concept", assessor, "sf_equal_treatment", habit)[0]


@pytest.mark.parametrize(
    "text",
    [
        "swansea council contact centre. cx rings us about a missed bin, we log it and it goes to waste "
        "services, they send the crew back out.",
        "Sales and tech dont talk to each other so customers get messed about all the time.",
        "the request never got from our special assistance desk to the handlers at Glasgow.",
    ],
)
def test_departments_of_a_journey_by_their_own_names(assessor: Assessor, text: str) -> None:
    assert point("departments", assessor, "ee_department_handoff", text)[0]


def test_measures_said_plainly(assessor: Assessor) -> None:
    plain = ("Our handling time target was 5 minutes 30, but repeat calls were running at 24% and "
             "satisfaction was 6.8 out of 10: people were cutting calls short, so customers rang back.")
    assert point("metrics", assessor, "mi_speed_vs_quality", plain)[0]
    one = ("Our handling time target was 5 minutes 30 and people were cutting calls short, so customers rang "
           "back.")
    assert not point("metrics", assessor, "mi_speed_vs_quality", one)[0]


@pytest.mark.parametrize(
    ("text", "met"),
    [
        ("A lady rang because her online order came without the charger. I said sorry and posted her a new "
         "one.",
         True),
        ("takeaway in coleraine. fri night a man rang, we sent him the wrong order. said sorry, our mistake, "
         "n meant it. got the kitchen to do his order again first in the queue.", True),
        # ... a bare "apologised" in a model's steps is the key word only.
        ("I used the LATER model, I listened, apologised, thanked, explained and resolved.", False),
        ("I didn't say sorry, I just sent her a new one.", False),
    ],
)
def test_an_apology_said_in_plain_words_to_this_customer(assessor: Assessor, text: str, met: bool) -> None:
    assert point("apology", assessor, "sf_service_recovery", text)[0] is met


@pytest.mark.parametrize(
    "text",
    [
        "cx rang in crying bc her broadband was off. didnt do the cheery hows your day going bit, just said "
        "my name n sorry to hear that, did the recording line + checks quick, then sorted the fault.",
        "A young lad came in with his mum and he didn't want to talk. I still said hello and my name but "
        "then I stepped back and let him look at the cases on his own.",
    ],
)
def test_a_script_adapted_by_what_was_dropped_or_held_back(assessor: Assessor, text: str) -> None:
    assert point("adapt", assessor, "pp_greeting_script", text)[0]


@pytest.mark.parametrize(
    ("text", "met"),
    [
        ("mine came back 62% in june, the report said i didnt greet the cx or ask about bags. so i started "
         "saying hi n asking every cx about bags. julys was 88%.", True),
        ("the mystery diner report came back 68% n nearly all the lost marks were one bit, nobody said "
         "hello. so i put one of us on the door as host.", True),
        # ... not figures said only to have got better.
        ("When our KPIs dropped I analysed the data and put an action plan in place. The data showed a clear "
         "improvement afterwards.", False),
    ],
)
def test_what_the_report_found_links_the_issue_to_the_action(
    assessor: Assessor, text: str, met: bool
) -> None:
    assert point("link", assessor, "mi_kpi_shortfall", text)[0] is met


@pytest.mark.parametrize(
    ("text", "met"),
    [
        ("She has a baby under one, so I added her to the list of households we give extra help to in a "
         "power cut.",
         True),
        ("She's on oxygen, so I put her on our register for people who need extra help.", True),
        ("She has a baby under one, so I added her to the Priority Services Register.", True),
        # ... "our priority list" alone says which list no more than "the list".
        ("She has a baby under one, so I added her to our priority list.", False),
    ],
)
def test_the_priority_services_register_said_in_plain_words(assessor: Assessor, text: str, met: bool) -> None:
    text = "A mum in Kilmarnock rang because her meter had run out. I arranged emergency credit. " + text
    a = assessor.assess(text, prompt=assessor.content.prompts["rl_energy_affordability"], sector="energy")
    assert next(p for p in a.marking_points if p.id == "policy").met is met


def test_a_speakers_no_wait_is_a_self_correction_not_a_negation(content: Content) -> None:
    index = ConceptIndex(content.concepts)
    said = ("my manager gave me a target um it was to get my google reviews up no wait it was to get more "
            "people signing up for the loyalty app so like ten sign ups a week by the end of march")
    assert index.find("smart_described", words(said))
    assert not index.find("apology", words("I gave her a refund but no apology was given."))


@pytest.mark.parametrize(
    "text",
    [
        "so my target this year was getting my um sorted-first-time, like where the customer doesn't have to "
        "ring back, up to eighty percent by the end of September. I asked more questions at the start.",
    ],
)
def test_a_smart_target_said_at_length_in_speech(assessor: Assessor, text: str) -> None:
    assert point("smart", assessor, "mi_smart_target", text)[0]


def test_quality_monitoring_named_by_what_is_done(assessor: Assessor) -> None:
    text = ("Every month my team leader picks four of my recorded calls at random and marks them against our "
            "scorecard. In September I got 72% and I wrote the two missing steps on a sticky note.")
    assert point("qa", assessor, "mi_quality_audit", text)[0]
    bare = "In September I got 72% and I wrote a sticky note."
    assert not point("qa", assessor, "mi_quality_audit", bare)[0]



@pytest.mark.parametrize(
    ("said", "met"),
    [
        ("service is fixing her problem, selling wdve been me getting a tick on my referrals at her"
         " cost.", True),
        ("For me selling is getting someone to buy more, service is fixing the problem they have got.", True),
        # ... a slogan says no difference.
        ("Service is different to selling and the customer should always come first.", False),
    ],
)
def test_the_difference_between_service_and_selling_said_as_a_contrast(
    assessor: Assessor, said: str, met: bool
) -> None:
    text = ("A customer came into our Belfast branch asking why her fees went up. The system flagged her "
            "for the premium account. I asked how she uses it and moved her to the basic fee-free account. "
            + said)
    assert point("why", assessor, "sf_service_not_sales", text)[0] is met


def test_the_customer_kept_informed_with_when_said_between(assessor: Assessor) -> None:
    text = ("She wanted both nights back, which is over my limit, so I passed it to the duty manager. "
            "I texted the guest at ten to say who had it and that she'd hear by eleven.")
    assert point("informed", assessor, "pp_authority_limits", text)[0]
    assert not point("informed", assessor, "pp_authority_limits",
                     "She wanted both nights back, so I passed it to the duty manager at ten.")[0]


def test_how_things_then_stood_after_so_is_a_reason_not_a_next_step(assessor: Assessor) -> None:
    """"ppl were walking out so we were losing the sale" says what the finding cost: a reason. "so
    we were" with a state is no next step of the learner's ("so we rang her" is)."""
    start = ("we do the survey on the back of the receipt. ours kept saying queues too long on sat "
             "mornings. ")
    end = " i swapped my shift so theres 2 of us on tills 9 till 12 now."
    said = "ppl were putting baskets down n walking out so we were losing the sale."
    assert point("why", assessor, "mi_mystery_shopping", start + said + end)[0]
    step = "ppl were putting baskets down n walking out so we rang the area manager."
    assert not point("why", assessor, "mi_mystery_shopping", start + step + end)[0]


@pytest.mark.parametrize(
    "said",
    [
        "our 28 days is just extra on top, it can't cancel out what the law already gives her.",
        "the policy is a bonus for customers but it cannot undo her rights under the Act.",
    ],
)
def test_a_policy_that_adds_and_cannot_cancel_the_law(assessor: Assessor, said: str) -> None:
    text = ("A woman brought back boots after five weeks and the sole had come away. Our returns policy "
            "is 28 days. I knew the Consumer Rights Act 2015 gives her rights when something is faulty, "
            "and " + said + " So I got my supervisor to authorise a repair.")
    assert point("law_first", assessor, "rl_law_before_policy", text)[0]
    bare = text.replace(said, "the law comes first.")
    assert not point("law_first", assessor, "rl_law_before_policy", bare)[0]


@pytest.mark.parametrize(
    ("said", "met"),
    [
        # What the learner does whenever it happens: the main clause of a habit.
        ("if someone rings up already kicking off i dont do the whole cheery bit i just say sorry to "
         "hear that lets get it sorted.", True),
        # ... not a step only imagined, inside the condition or under a modal.
        ("if someone rang up kicking off i would drop the cheery bit.", False),
        ("if i dropped the cheery bit my scores would fall.", False),
    ],
)
def test_the_main_clause_of_a_habit_said_with_if_is_what_the_learner_does(
    assessor: Assessor, said: str, met: bool
) -> None:
    text = ("phones for a home shopping company in manchester. our script is thanks for calling how can "
            "i help. ")
    assert point("adapt", assessor, "pp_greeting_script", text + said)[0] is met


@pytest.mark.parametrize("who", ["my supervisor", "my manager", "my team leader", "a senior colleague"])
def test_guidance_found_by_asking_someone(assessor: Assessor, who: str) -> None:
    """"asked ... team leader|manager" read "team" then "leader|manager", so "asked my supervisor"
    was never how the guidance was found; the phrase and the single words are terms of their own."""
    text = ("A guest rang the hotel in York and asked if she could bring her assistance dog. I didn't know, "
            f"so I went and asked {who} and she said assistance dogs are always allowed, so I told "
            "the guest.")
    assert point("locate", assessor, "pp_non_standard_request", text)[0]


def test_a_plan_is_not_the_standard_used_on_the_occasion(assessor: Assessor) -> None:
    """A point about what was used on the occasion is not met by what the learner would do, even by
    a concept read past negation ("nobody should be more than three deep" is a standard)."""
    plan = ("As a manager I would set clear KPIs for the team and coach them through regular one-to-ones. "
            "I would then check the standards were being met by looking at the figures each month.")
    assert not point("tools", assessor, "sf_team_standards", plan)[0]
    done = ("I'm a supervisor on the tills in Birmingham. I set the team a standard: nobody should be more "
            "than three deep in a queue before you call for backup. I walk the tills every hour and check "
            "the standards are being met.")
    assert point("tools", assessor, "sf_team_standards", done)[0]


def test_the_journey_said_as_the_chain_of_hands_it_passes_through(assessor: Assessor) -> None:
    start = ("I'm on the phones for a broadband company in Glasgow. There's us on the front line and sales, "
             "and then teams customers never talk to: provisioning, who book the switch-on at the "
             "exchange, the field engineers who do the wiring, and billing, who start charging from the "
             "go-live date. ")
    chain = "A new customer's order goes from sales to provisioning to the engineers, and billing kicks in. "
    end = ("If anyone in that chain gets it wrong, the customer only finds out when they ring us. Those "
           "teams matter because they decide whether the internet works on the day. In June a woman in "
           "Paisley who works from home had nothing on her go-live day. I had to find out why and get her "
           "online. I checked the order history and saw provisioning had booked the wrong exchange, so I "
           "sent the fix into their queue marked urgent. She was live two days later.")
    assert point("journey", assessor, "ee_organisation_map", start + chain + end)[0]
    assert not point("journey", assessor, "ee_organisation_map", start + end)[0]


def test_an_idea_listed_as_a_label_after_what_was_done(assessor: Assessor) -> None:
    """"equality act, reasonable adjustments." names what the sentence before told, as "thats a
    reasonable adjustment" does; after a sentence with nothing of its own it is key words only."""
    done = ("older gent in the bradford store w/ hearing aids, couldnt hear me over the tannoy. so i turned "
            "away from the noise, slowed down + wrote the price on a bit of paper for him. equality act, "
            "reasonable adjustments. he was made up")
    assert point("concept", assessor, "sf_equal_treatment", done)[0]
    hollow = ("i always follow the rules and treat everyone fairly at work. equality act, reasonable "
              "adjustments.")
    assert not point("concept", assessor, "sf_equal_treatment", hollow)[0]


def test_a_figure_typed_onto_its_unit_is_read_as_two_words(assessor: Assessor) -> None:
    """Phone notes glue the unit on ("4hrs", "2wks", "10am"): each part is a word of its own with
    the span of what was typed, so "within 4hrs" is a time promised."""
    ws = words("crew on site within 4hrs, back by 10am")
    assert [w.low for w in ws][4:6] == ["4", "hrs"] and ws[4].start == ws[5].start
    text = ("our sla w/ the repair contractor: any burst main reported = crew on site within 4hrs, 24/7. we "
            "monitor it on the ops dashboard, % of jobs attended in 4hrs, target 95%.")
    assert point("sla", assessor, "ee_sla_monitoring", text)[0]


def test_what_the_rule_then_rules_out_after_so_is_a_reason(assessor: Assessor) -> None:
    """"that's under the disability discrimination act so we're not allowed to charge him" says why;
    "so we rang him" is the next step."""
    start = ("a customer at our branch in enniskillen who is registered blind asked for his statements in "
             "braille. i found our accessibility policy on the intranet and the way i read it was it's a "
             "reasonable adjustment, and here in northern ireland that's under the disability "
             "discrimination act ")
    end = " i put the request in through the alternative formats team."
    said = "so we're not allowed to charge him for it."
    assert point("why", assessor, "pp_non_standard_request", start + said + end)[0]
    assert not point("why", assessor, "pp_non_standard_request", start + "so we rang him." + end)[0]


def test_the_day_inside_a_follow_up_is_a_particular_of_the_answers_own(assessor: Assessor) -> None:
    text = ("cx rang tues, sofa arrived w/ a rip in the arm. logged it on the complaints process on our "
            "system, said sorry, sent her pics to the warehouse. my job was to get her a new one before the "
            "weekend as she had family coming. got a replacement out for thurs so it came in 2 days. rang "
            "her fri to check it was ok n she said it was perfect")
    assert point("follow_up", assessor, "pp_complaint_steps", text)[0]
    bare = text.replace("rang her fri to check", "rang her to check")
    assert not point("follow_up", assessor, "pp_complaint_steps", bare)[0]


def test_the_customer_kept_informed_with_a_call_said_as_given(assessor: Assessor) -> None:
    text = ("A lady wanted a penalty taken off, which an adviser can't do, so I put all the details on a "
            "referral to the senior revenues officer. Then on the Thursday I gave her a ring just to say it "
            "was still with the senior officer and it hadn't been forgotten about.")
    assert point("informed", assessor, "pp_authority_limits", text)[0]


def test_support_based_on_what_came_in_and_went_out(assessor: Assessor) -> None:
    basis = "then we went through what came in and what went out each month and set her payments"
    start = ("A young mum from Paisley rang about her gas and electric, she was behind and really worried. "
             "It was my job to sort out something she could afford. I put her on the Priority Services "
             "Register because she's got a baby, and ")
    end = ". We're regulated by Ofgem. She was really relieved when she came off the phone."
    assert point("support", assessor, "rl_energy_affordability", start + basis + end)[0]
    bare = start + "then I set up her payments" + end
    assert not point("support", assessor, "rl_energy_affordability", bare)[0]


def test_support_based_on_an_amount_the_customer_could_afford(assessor: Assessor) -> None:
    text = ("I work for an electricity supplier in Belfast. A man on a keypad meter told me he kept running "
            "out of credit by the Thursday. He's on oxygen at home, so I put him on our Customer Care "
            "Register. Because his money comes fortnightly we worked out a top-up amount he could afford "
            "each payday. In the six weeks since he hasn't run out once.")
    assert point("support", assessor, "rl_energy_affordability", text)[0]
    bare = text.replace("a top-up amount he could afford each payday", "a new top-up day")
    assert not point("support", assessor, "rl_energy_affordability", bare)[0]


@pytest.mark.parametrize(
    "cause",
    [
        "nobody had been given the job of updating the script, so the new starters were still learning "
        "the old one word for word",
        "when a promo ends theres no end of promo check, so the old labels stay up on the shelves",
        "the spreadsheet let you sort one column without the rest, so the names slid out of line",
    ],
)
def test_a_root_cause_said_as_a_gap_in_how_the_work_is_set_up(assessor: Assessor, cause: str) -> None:
    text = ("I'm at a credit union in Dundee. Sitting in on a colleague's calls I heard her tell a member "
            "our new car loan had no fees, but there is a fifty pound fee. I listened back to more calls "
            f"and found the problem: {cause}. I raised it with our compliance officer that afternoon.")
    assert point("root_cause", assessor, "rl_breach_prevented", text)[0]
    bare = text.replace(cause, "she had got it wrong")
    assert not point("root_cause", assessor, "rl_breach_prevented", bare)[0]


@pytest.mark.parametrize(
    "after",
    [
        "and then after, we're meant to ring them to check they're happy and the road's been tidied up",
        "then the review request email goes out and we reply to reviews",
    ],
)
def test_the_after_care_stage_in_plain_words(assessor: Assessor, after: str) -> None:
    start = ("so I work for NI Water in the contact centre, and the customer journey for a leak starts when "
             "they ring us or report it online, we log it and give them a reference, then it goes to the "
             "field team to go out and have a look, then there's the repair, ")
    end = (". where it goes wrong is the bit in the middle, once it's with the field team we get no updates, "
           "so I started ringing the depot for an update before I call the customer back.")
    assert point("stages", assessor, "sf_customer_journey", start + after + end)[0]
    assert not point("stages", assessor, "sf_customer_journey", start + "and that's it" + end)[0]


def test_the_agreement_said_at_length_with_whom(assessor: Assessor) -> None:
    text = ("I'm the service performance analyst for a broadband provider in Belfast. The agreement I own is "
            "the one with our field engineering contractor: any loss-of-service fault reported before 2pm "
            "gets an engineer on site within two working days. I track it by the percentage of faults "
            "attended inside that window.")
    assert point("sla", assessor, "ee_sla_monitoring", text)[0]
    bare = text.replace("The agreement I own is the one with our field engineering contractor: any", "Any")
    assert not point("sla", assessor, "ee_sla_monitoring", bare)[0]


@pytest.mark.parametrize(
    "text",
    [
        "I took ownership of it and resolved it to the customer's satisfaction, in line with procedure.",
        "we did a deep-dive, end-to-end, then gave her regular feedback n regular 1-2-1s",
        "This shows I can find and apply guidance. I always stay calm and follow the complaints procedure",
        "nothing stock here at all, just a parcel that came late and a refund of £12.50",
    ],
)
def test_stock_phrases_found_at_word_starts_as_finditer_finds_them(text: str) -> None:
    """The stock phrases are tried only where a word starts (they all open at a word boundary): the
    same matches as scanning every character."""
    starts = [w.start for w in words(text)]
    fast = [m.span() for m in needs._word_start_matches(needs.STOCK_PHRASES, text, starts)]
    assert fast == [m.span() for m in needs.STOCK_PHRASES.finditer(text)]


@pytest.mark.parametrize(
    ("prompt", "text"),
    [
        ("mi_justify_with_standards",
         "When I suggested a callback option for older customers at our Leeds branch, I used the vulnerable "
         "customer policy to justify it because you know that's what the policy says we have to do."),
        ("ee_recognised_standard",
         "Our council in Newport got Customer Service Excellence last year. We went for it because the "
         "board decided we were going for it. We started publishing our response times."),
        ("mi_justify_with_standards",
         "I proposed we answer emails within a day at the council contact centre. I justified it using "
         "our standards and policies, because that's what the policy says we should be doing."),
        ("rl_charter_decision",
         "At Scottish Water I use our customer charter every day. A customer wanted a refund for a "
         "missed visit. The charter guided my decision because it aligns with our values and it is what "
         "we follow."),
        # The rule said with a plural verb, or where it is written, is conformity all the same.
        ("mi_justify_with_standards",
         "I proposed moving click and collect to the front desk at the Newry store. I justified it by "
         "referring to our Net Promoter Score and a root cause analysis of the queue. The change followed "
         "on because it's what our standards say we should be doing."),
        ("mi_justify_with_standards",
         "I proposed a second check on refunds over £100 at our Leeds store, using the refunds policy. "
         "I did it because it's in our licence conditions and compliance say so."),
        ("mi_justify_with_standards",
         "I proposed a second check on refunds over £100 at our Leeds store, using the refunds policy. "
         "I did it because our standards tell us to."),
    ],
)
def test_what_the_rule_says_or_who_chose_it_is_conformity_not_a_reason(
    assessor: Assessor, prompt: str, text: str
) -> None:
    assert not point("why", assessor, prompt, text)[0]


def test_what_the_board_decided_with_its_reason_is_a_reason(assessor: Assessor) -> None:
    text = ("Our council in Newport got Customer Service Excellence last year. We went for it because the "
            "board decided residents had stopped trusting our phone line after the flood. We started "
            "publishing our response times.")
    assert point("why", assessor, "ee_recognised_standard", text)[0]


def test_a_hollow_answer_puts_no_model_to_work(assessor: Assessor) -> None:
    """Key words handed back, however the sentences are built, are no use of the journey; the same
    claim with the journey's own stages and what was changed at one of them is."""
    hollow = ("In our store in Carlisle we mapped the customer journey end to end and identified the key "
              "moments of truth and the pain points. Most issues happen at the hand-off points. We put "
              "actions in place and the customer experience has definitely improved.")
    assert not point("journey", assessor, "sf_customer_journey", hollow)[0]
    used = ("In our store in Carlisle we mapped the customer journey for a sofa order: choosing it in store, "
            "paying the deposit, the delivery text and the van turning up. The delivery text was where "
            "people lost faith, because it gave a whole day, so we changed it to a two hour slot.")
    assert point("journey", assessor, "sf_customer_journey", used)[0]



def test_weight_given_without_a_particular_is_no_substance(assessor: Assessor) -> None:
    """"Evaluated it thoroughly", "a clear success", "serious": praise and weight with nothing
    particular in them are the prompt handed back, no evaluation of the change."""
    vague = ("At the insurer in Leeds we used Plan Do Check Act and reviewed it at the review stage. The "
             "before and after figures showed it was a clear success and I evaluated it thoroughly against "
             "our KPIs. It was a really good improvement for the whole team.")
    assert not point("review", assessor, "mi_before_after_review", vague)[0]
    real = ("At the insurer in Leeds we moved claim updates to a text every Friday. A month later I pulled "
            "the call logs: chasing calls were down from 140 a week to 60, so we kept it and the review "
            "showed it was a successful change.")
    assert point("review", assessor, "mi_before_after_review", real)[0]


def test_a_non_standard_request_names_no_standard(assessor: Assessor) -> None:
    text = ("A customer came into the council one-stop shop in Hull with a non-standard request. I found "
            "out what to do and sorted it.")
    assert not point("policy", assessor, "pp_non_standard_request", text)[0]
    named = text + " Our bulky waste guidance says we can book it under a neighbour's address."
    assert point("policy", assessor, "pp_non_standard_request", named)[0]


@pytest.mark.parametrize(
    "changed",
    [
        "we changed our online returns form last year",
        "I helped redesign our appointment booking process at the office",
        "a new meter reading process came in at our place last year",
    ],
)
def test_the_way_of_working_improved_is_no_policy_involved(assessor: Assessor, changed: str) -> None:
    """What an improvement changed is what was improved, not a policy it kept to; a point that asks
    for the policy that changed is met by it."""
    text = f"In Leeds {changed}, and I had to make sure it was still legal so I checked it with the data "
    text += "team."
    assert not point("policy", assessor, "mi_improve_within_law", text)[0]
    kept = text + " We went through our data retention policy line by line."
    assert point("policy", assessor, "mi_improve_within_law", kept)[0]


def test_a_process_said_as_changed_names_the_policy_that_changed(assessor: Assessor) -> None:
    text = ("In March our refunds process changed at the shop in Leeds: over £100 now needs a manager's "
            "code. I found out at the huddle and made a crib sheet for the tills.")
    assert point("policy", assessor, "pp_policy_change", text)[0]


def test_a_new_process_followed_is_still_named(assessor: Assessor) -> None:
    text = ("Last week a lady brought back a kettle that leaked. I had to decide on a refund. I followed our "
            "new returns process and refunded her £25. She was happy.")
    assert point("policy", assessor, "rl_refund_dispute", text)[0]


def test_which_guidance_said_so_is_still_only_who_said_so(assessor: Assessor) -> None:
    """"Because our email guidance says that's the standard" names which guidance and no reason."""
    base = ("I answer complaint emails at an insurer in York. I rewrote my templates with the decision in "
            "the first two lines")
    assert not point("why", assessor, "mi_channel_improvement",
                     base + " because our email guidance says that's the standard we should follow.")[0]
    assert point("why", assessor, "mi_channel_improvement",
                 base + " because people read our emails on their phones and gave up before the decision.")[0]


def test_a_reason_for_a_habit_of_the_learners_own_is_a_reason(assessor: Assessor) -> None:
    """The labelling rule counts a habit as an example, so its reason is a reason; a slogan is not."""
    habit = ("at our shop in leeds when cx order online n pay in store i have to check name + order no. b4 "
             "handing it over. if the wrong person gets it the cx loses their stuff n their address")
    assert point("why", assessor, "ee_data_in_routine_task", habit)[0]
    slogan = "Data protection matters because customers deserve to feel safe."
    assert not point("why", assessor, "ee_data_in_routine_task", slogan)[0]


@pytest.mark.parametrize(
    ("prompt", "text"),
    [
        ("mi_complaint_data",
         "online shop in hull. went thru the complaints log n 'parcel not received' was top, 41 in feb. "
         "found "
         "the courier was leaving parcels in porches n behind bins w/ no photo so cx said it never came. we "
         "asked the courier to turn on photo on delivery."),
        ("mi_channel_improvement",
         "im on live chat for a train company in york. used to write massive paragraphs n ppl were on their "
         "phones on the platform so they couldnt read it all. started doing short msgs, one q at a time."),
    ],
)
def test_a_cause_and_what_it_did_to_customers_is_a_reason(assessor: Assessor, prompt: str, text: str) -> None:
    """"X, so customers Y": X is why Y happened."""
    assert point("why", assessor, prompt, text)[0]



def test_the_learners_own_step_before_so_is_no_cause(assessor: Assessor) -> None:
    """A boss taking the next step after "so" is no effect on customers: the words before it are
    what was found, not why the complaints came."""
    text = ("online shop in hull. 'parcel not received' was top in the complaints log so my manager said we "
            "had to ring the courier.")
    assert not point("why", assessor, "mi_complaint_data", text)[0]


def test_a_sentence_opening_with_so_i_follows_from_the_one_before(assessor: Assessor) -> None:
    """"... calls cost too much. so i had to find a better option": the sentence before is the
    reason, weighed ("too much"); a plain event before it is not."""
    text = ("older cx in perth rang to cancel her landline. she said she only uses it for her sis in canada "
            "n calls cost too much. so i had to find a better option, put her on an intl bundle. she was "
            "made up")
    assert point("why", assessor, "sf_exceeding_expectations", text)[0]
    event = ("older cx in perth rang to cancel her landline. she said she was moving house. so i had to find "
             "a better option, put her on an intl bundle. she was made up")
    assert not point("why", assessor, "sf_exceeding_expectations", event)[0]


@pytest.mark.parametrize(
    "text",
    [
        "had a deaf lady at the till in our shop in wigan, she couldnt hear me over the tannoy so i wrote it "
        "on a bit of paper for her. she was happy w/ it",
        "A regular who is partially sighted couldn't use the new booking kiosk, so I set him up to ring the "
        "desk on a Sunday and we book his week for him.",
        "Her dad has dementia and kept missing his letters, so with his consent I added her as the nominee "
        "so she gets a copy of every letter.",
    ],
)
def test_an_adjustment_written_down_done_on_their_behalf_or_a_nominee(assessor: Assessor, text: str) -> None:
    assert point("adjustment", assessor, "rl_reasonable_adjustment", text)[0]


def test_the_deadlock_letter_in_plain_words(assessor: Assessor) -> None:
    text = ("A man in Belfast said he was going to the ombudsman. I told him we're members of the "
            "Communications Ombudsman, and Ofcom say he can take it to them once eight weeks have gone by, "
            "or sooner if we send him a letter saying we can't agree.")
    assert point("timing", assessor, "ee_telecoms_adr", text)[0]
    weeks_only = "A man in Belfast said he was going to the ombudsman. I told him he could go in eight weeks."
    assert not point("timing", assessor, "ee_telecoms_adr", weeks_only)[0]


def test_how_often_the_learner_did_something_is_no_result(assessor: Assessor) -> None:
    """"Did a spot check with the checklist once a week" is the rhythm of the learner's action; how
    often a problem now comes is what the action achieved."""
    text = (
        "I'm a supervisor on reception at a hotel in York. When Jade started in July I was responsible "
        "for getting her up to our standards. I shadowed her on her first four shifts, then did a spot "
        "check with the standards checklist once a week. She's now one of the best on the desk."
    )
    assert not point("result", assessor, "sf_team_standards", text)[0]
    assert point("result", assessor, "sf_team_standards",
                 text + " Complaints about check-in went from every day to once a week.")[0]


def test_evidence_is_cut_at_a_break_not_mid_phrase(assessor: Assessor) -> None:
    """A quote cut from a long sentence keeps a figure with its unit and a clause whole ("within
    30 days", not "within 30"), and starts at the clause's own words, not "and" or inside a name."""
    text = (
        "At our Leeds shop a customer brought back a faulty kettle after two weeks. Under the Consumer "
        "Rights Act 2015 she was entitled to a refund within 30 days, and our returns policy says we "
        "check the receipt first. I checked it and I gave her a full refund of £25. She was happy."
    )
    _, law, _ = point("two_laws", assessor, "rl_refund_dispute", text)
    assert law == ["Under the Consumer Rights Act 2015 she was entitled to a refund within 30 days"]
    _, policy, _ = point("policy", assessor, "rl_refund_dispute", text)
    assert policy == ["our returns policy says we check the receipt first."]


def test_a_quote_opens_its_own_clause_and_a_cue_keeps_what_follows() -> None:
    """The quote starts after the last break before the words ("I showed her", not "whatsapp so I
    showed her" after the "and" of a list), never at a relative pronoun, and a reason's cue is
    quoted with the words after it, not cut right after "because"."""
    text = ("I work in a phone shop. A lady came in to upgrade and I could have sold her the most expensive "
            "phone but she only uses it for calls and whatsapp so I showed her a cheaper one that does what "
            "she needs. She was grateful.")
    at = text.index("showed")
    lo, hi = excerpt(text, at, text.index("needs") + 5)
    assert text[lo:hi] == "I showed her a cheaper one that does what she needs."
    reason = ("Our notes policy says every contact gets recorded with what was agreed, because if it isn't "
              "written down the next adviser can't see what the customer has been promised and he ends up "
              "being told two different things, which is what happened.")
    cue = reason.index("because")
    lo, hi = excerpt(reason, cue, cue + len("because"))
    assert reason[lo:hi].split("because", 1)[1].strip().startswith("if it isn't written down")


def test_long_spoken_sentence_is_quoted_from_a_joining_word() -> None:
    """With no clause marks at all (speech), the quote still starts and ends at a break: a joining
    word, never inside a name, and never longer than EXCERPT."""
    text = (
        "so um I was on the phones and this lady rang up about her late husbands account and she "
        "wanted the balance but she wasnt on the account so I couldnt tell her anything cos under the "
        "Data Protection Act 2018 thats his personal information and then I put her through to "
        "bereavement team who sorted it all out for her in about a week"
    )
    at = text.index("Data Protection Act 2018")
    lo, hi = excerpt(text, at, at + len("Data Protection Act 2018"))
    quote = text[lo:hi]
    assert "Data Protection Act 2018" in quote and len(quote) <= EXCERPT + 12
    assert quote.split()[0] in ("so", "cos", "because", "I") and not quote.endswith(("the", "his"))
    plain = (
        "Under the Consumer Rights Act 2015 I gave her a full refund of twenty five pounds for the kettle "
        "she bought last month from our Leeds store with her own bank card on a Saturday morning"
    )
    name = ("Consumer", "Rights", "Act", "2015")
    for at in range(plain.index("I gave"), len(plain) - 10):  # windows that could start inside the name
        lo, hi = excerpt(plain, at, at + 5)
        assert not plain[lo:].startswith(name[1:]), plain[lo:hi]
        assert not plain[lo:hi].endswith((" and", " so", " then")), plain[lo:hi]


@pytest.mark.parametrize(
    "text",
    [
        "A man rang asking about his mum's care home fees in Dundee. I looked on her care plan and he's not "
        "got power of attorney, her daughter has, so I said I couldn't go into it and took his number.",
        "A woman came to the counter in Aberdeen asking about her partner's savings. She wasn't a named "
        "party and there was no consent on file, so I couldn't tell her anything and gave her a leaflet.",
    ],
)
def test_checking_who_may_be_told_is_the_confidentiality_procedure_in_own_words(
    assessor: Assessor, text: str
) -> None:
    """Whether the person asking is named on the account, has consent on file or power of attorney
    is the check the confidentiality procedure sets, said the way learners say it, and mostly said
    with "no" or "not"."""
    met, quotes, _ = point("procedure", assessor, "rl_third_party_data", text)
    assert met and quotes


def test_what_is_at_stake_after_the_laws_named_is_the_reason(assessor: Assessor) -> None:
    """"it's because of the UK GDPR and data protection act 2018, her health info is special category
    data so if I just told anyone who rang it could end up with the wrong person": the laws named,
    what is at stake and what it guards against are one reason, past the "and" in the list, and
    the quote is that reason."""
    text = (
        "um so I work in a care home in Dundee and Mrs Reid's son phoned asking whether she'd had a fall. "
        "I had to check he was allowed to know, so I looked on her care plan and he's not got power of "
        "attorney, her daughter has. so I said I couldn't go into her medical stuff but I'd ask her "
        "daughter to ring him. it's because of the UK GDPR and data protection act 2018, her health info "
        "is special category data so if I just told anyone who rang it could end up with the wrong person."
    )
    met, quotes, _ = point("why", assessor, "rl_third_party_data", text)
    # The quote shown is the reason itself, not the names before it.
    assert met and quotes[0].startswith("her health info is special category data so if"), quotes
    # The laws named alone are still no reason.
    bare = text[: text.index(", her health info")] + "."
    assert not point("why", assessor, "rl_third_party_data", bare)[0]


COMPLAINTS = (
    "Every complaint at our Belfast office is logged under our complaints procedure with a reason code, "
    "and in the spring 'missed appointment' was the top reason. My task was to find out why. Crews were "
    "moved onto emergencies and nobody told the customer, so I set up a text whenever a visit moved. "
)


@pytest.mark.parametrize(
    ("ending", "met"),
    [
        # The change is in complaints: in its clause, or beside it in the sentence.
        ("In the third quarter missed-appointment complaints were 17, down from 58, a 71% fall.", True),
        ("'Missed appointment' complaints were down from 45 a month to about 12.", True),
        # Said bare after the complaints came up: "march was 19, april was 9".
        ("It was 41 in February. March was 19, April was 9.", True),
        # A change in another measure is no fall in complaints.
        ("Our satisfaction score went from 71% to 86%, and complaints went down a good bit.", False),
        ("Complaints definitely dropped after that and our CSAT went from 71 to 80 per cent.", False),
    ],
)
def test_a_fall_in_complaints_is_a_change_in_complaints(assessor: Assessor, ending: str, met: bool) -> None:
    assert point("result", assessor, "mi_complaint_data", COMPLAINTS + ending)[0] is met


@pytest.mark.parametrize(
    ("pid", "prompt", "text"),
    [
        # A service level agreement: who has to do what, by when.
        ("sla", "ee_sla_monitoring",
         "We have to answer customer emails within 24 hours at the online shop where I work in Northampton."),
        ("sla", "ee_sla_monitoring",
         "We have a two hour rule with the online team: a click and collect order is on the shelf in time."),
        ("sla", "ee_sla_monitoring",
         "If a customer can't log in, IT have to fix it inside four working hours, that's the agreement."),
        ("sla", "ee_sla_monitoring",
         "The sla with our IT supplier is 4 hrs to fix a P2, anything that stops a whole team working."),
        # Internal customers by their jobs, and the chain as what they can do only with the learner's part.
        ("internal", "sf_internal_customers",
         "internal cx = the engineers n billing. i log the faults, engineer goes out to the cx w/ a router."),
        ("internal", "sf_internal_customers",
         "In our mortgage team in Belfast my internal customers are the underwriters and the arrears team. "
         "They can only do their part if I get the case to them properly, so I uploaded his payslips to "
         "the case myself and the port was approved in time."),
        ("internal", "sf_internal_customers",
         "The girls on reception are my customers really, because they can't check anyone in until I tell "
         "them a room's clean. One Saturday I did room 14 first so a family got in early."),
        # The need kept to, said as the sale not made (with "not").
        ("need", "sf_service_not_sales",
         "A man came into the shop in Belfast just to pay his bill. My manager says always mention the "
         "upgrades but he just wanted to pay it, so I took the payment and wished him a good day."),
        ("need", "sf_service_not_sales",
         "A lady came in our phone shop in Newport for a case. We get told to offer the insurance, but "
         "her phone's already on her house insurance so I didn't try it on and found her the right case."),
        # Service tiers by who sits behind whom and what goes up to them, with no "first line" wording.
        ("tiers", "sf_service_tiers",
         "On the helpdesk in Belfast there are three levels. Us on the phones take everything first, "
         "behind us is the network team who can book engineers, then the engineers who go out."),
        ("tiers", "sf_service_tiers",
         "On the shop floor we do returns with a receipt and swaps. Anything bigger goes to the duty "
         "manager, and proper complaints get passed to customer care at head office. Last week a lady "
         "brought back a blender with no receipt, so I got the duty manager over and told her what the "
         "lady had said."),
        # The process a law shapes, said by what is done.
        ("policy", "sf_law_shapes_process",
         "i always do the security questions before talking about anyones account cos of GDPR, if i didnt "
         "someone could get her bank details. last wk a man rang for his wifes bill n failed them"),
        ("policy", "sf_law_shapes_process",
         "The Data Protection Act 2018 shapes the sharing list checks on our ward in Leeds: before I tell "
         "a relative anything I check they're on the patient's list. Last week a nephew rang and wasn't "
         "on it."),
    ],
)
def test_listed_things_said_in_the_learners_own_words(
    assessor: Assessor, pid: str, prompt: str, text: str
) -> None:
    """What a point names, said the way learners say it rather than by the textbook's name (labelling
    rule 1)."""
    assert point(pid, assessor, prompt, text)[0]


def test_a_time_alone_is_no_service_level_agreement(assessor: Assessor) -> None:
    assert not point("sla", assessor, "ee_sla_monitoring", "I answer emails and it takes about 24 hours.")[0]


ROOT_CAUSE_CASE = (
    "Customers at our Hull store kept bringing back the same kettle with a loose lid, and we kept "
    "swapping them. I had to find out why it kept happening. "
)


@pytest.mark.parametrize(
    "tracing",
    [
        "I asked why, one step at a time, and it came down to a batch from a new factory.",
        "I went through the returns notes and worked out every one was from the March delivery.",
        "I lined the returns up against the delivery dates and pinned it down to one supplier batch.",
        "I followed ten returns from the till back to the delivery note, and every one had the same batch.",
    ],
)
def test_root_cause_analysis_in_the_learners_own_words(assessor: Assessor, tracing: str) -> None:
    """The cause traced without the textbook's name: asking why, working it out, lining things up."""
    assert point("rca", assessor, "mi_root_cause", ROOT_CAUSE_CASE + tracing + " We sent the batch back.")[0]


@pytest.mark.parametrize(
    "analysis",
    [
        "I stopped the run and worked backwards: the names tab had been sorted and the balances tab hadn't.",
        "We worked out the new system opened the card screen before the security questions were finished.",
        "The deeper problem was that the checklist never asked anyone to match the two tabs.",
        "reason it happened = supplier swapped the recipe n nobody checks labels against the matrix.",
    ],
)
def test_the_root_cause_of_a_breach_in_plain_words(assessor: Assessor, analysis: str) -> None:
    text = ("Last March I was checking a batch of arrears letters at our Belfast office and saw the names "
            "didn't match the balances, so I stopped them and told my team leader. " + analysis)
    assert point("root_cause", assessor, "rl_breach_prevented", text)[0]


COMPLAINT_CASE = (
    "Last month a woman in Lisburn rang about low water pressure for nine days. It was my job to take "
    "it through our complaints process. "
)


@pytest.mark.parametrize(
    ("handling", "met"),
    [
        # HEAT without its name: heard out, empathy shown, an apology.
        ("I let her tell me the whole thing without butting in, told her I'd be fed up as well, and said "
         "sorry for the runaround.", True),
        # LATER without its name: heard out, an apology, thanks for raising it.
        ("I let her get it all out first, said sorry we'd let her down, and thanked her for telling us.",
         True),
        # Listening and saying sorry alone are good handling, not a model followed.
        ("I let her explain without butting in, then I said sorry and that it wasn't good enough.", False),
    ],
)
def test_a_complaint_model_followed_in_own_words_is_used(
    assessor: Assessor, handling: str, met: bool
) -> None:
    text = COMPLAINT_CASE + handling + " The network team opened a valve the next day and I rang her back."
    got, quotes, _ = point("model", assessor, "pp_complaint_steps", text)
    assert got is met, quotes
    if met:
        assert any("without" in q or "all out" in q for q in quotes), quotes  # quoted from the stages


@pytest.mark.parametrize(
    ("text", "met"),
    [
        ("I work for a housing association in Belfast. The tenant phones us in the housing officers' "
         "team, we log the repair and it goes over to the repairs team who book the operative. Last month "
         "a boiler job got lost between us and the repairs team and the tenant waited two weeks.", True),
        ("Billing never told us on the phones that her meter had been swapped, so she got a huge bill.",
         True),
        # A team said once, and a booking made, are not two departments.
        ("Sales told the customer his smart meter was booked in but it wasn't. I booked it for him.", False),
    ],
)
def test_departments_by_their_work(assessor: Assessor, text: str, met: bool) -> None:
    assert point("departments", assessor, "ee_department_handoff", text)[0] is met


@pytest.mark.parametrize(
    ("text", "met"),
    [
        ("At our Perth store our policy is no refund without a receipt, but she had rights under the "
         "Consumer Rights Act 2015, so the law came first and I refunded the faulty toaster.", True),
        ("We've got a sign up that says no refunds on sale items, but a charger that doesn't charge isn't "
         "fit for purpose under the Consumer Rights Act 2015, so I gave the lad his money back.", True),
        # A policy in general is none in particular.
        ("Sometimes the policy says one thing and the law says another. I would always go with the law.",
         False),
    ],
)
def test_a_policy_said_by_its_rule_is_named(assessor: Assessor, text: str, met: bool) -> None:
    assert point("policy", assessor, "rl_law_before_policy", text)[0] is met


def test_a_charter_said_by_what_it_is_is_referred_to(assessor: Assessor) -> None:
    """"The list of promises we print on the back of every council letter": the customer charter,
    in the learner's words, used in the decision."""
    text = ("In the summer a tenant in Newport rang for the fourth time about a council tax refund stuck "
            "with another team. The list of promises we print on the back of every council letter says we "
            "ring back when we say we will, so I kept the case myself instead of passing her back to the "
            "queue, and rang her every Friday until the refund was paid.")
    assert point("charter", assessor, "rl_charter_decision", text)[0]


def test_the_rule_for_a_missed_sla_passed_on_to_a_team_leader(assessor: Assessor) -> None:
    text = ("The SLA with our IT supplier at the council in Cardiff is 4 hrs to fix a P2. It's on the "
            "ServiceNow dashboard as % fixed in time. When one goes red I chase the supplier, and if it's "
            "still not moving I pass it to my TL and she rings their account manager.")
    assert point("escalate", assessor, "ee_sla_monitoring", text)[0]
