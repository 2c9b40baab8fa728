"""The shipped question bank and catalogue: enough of each, well formed, and safe to teach from."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

from content.loader import Content, normalise_form
from content.models import Check, Kind

TOPICS = {
    "rules_and_law",
    "policies_procedures",
    "external_environment",
    "service_foundations",
    "monitoring_improvement",
}


def test_the_five_syllabus_topics_are_there(content: Content) -> None:
    assert set(content.topics) >= TOPICS
    for topic in content.topics.values():
        # A two-line synopsis: two sentences.
        assert len(re.findall(r"[.!?](\s|$)", topic.synopsis.strip())) == 2, topic.id
        assert len(topic.key_concepts) >= 3
        assert len(topic.common_mistakes) >= 3
        assert len(topic.marking_points) >= 3


def test_at_least_sixty_prompts_and_ten_per_topic(content: Content) -> None:
    assert len(content.prompts) >= 60
    per_topic = Counter(p.topic for p in content.prompts.values())
    for topic in TOPICS:
        assert per_topic[topic] >= 10, topic


def test_catalogue_minimums(content: Content) -> None:
    counts = {kind: len(content.entries_of(kind)) for kind in Kind}
    assert counts[Kind.LEGISLATION] >= 22
    assert counts[Kind.REGULATOR] >= 18
    assert counts[Kind.POLICY] >= 16
    assert counts[Kind.STANDARD] >= 18


def test_prompts_are_checkable(content: Content) -> None:
    for prompt in content.prompts.values():
        assert 2 <= len(prompt.marking_points) <= 5, prompt.id
        assert 1 <= len(prompt.probes) <= 3, prompt.id
        assert len(prompt.model_answer) >= 3, prompt.id
        points = {m.id for m in prompt.marking_points}
        assert {p.point for p in prompt.probes} <= points, prompt.id
        # Put to the learner, as an assessor asks in a professional discussion.
        assert re.search(r"\byou(r)?\b", prompt.text, re.I), prompt.id
        assert prompt.text.rstrip()[-1] in ".?", prompt.id
        for sector in prompt.sectors:
            assert sector in content.sectors


def test_the_question_bank_uses_every_kind_of_check(content: Content) -> None:
    used = {m.check for p in content.prompts.values() for m in p.marking_points}
    # `mentions` (fuzzy terms) stays for operator packs; shipped points say what they mean with
    # concepts (tests/bot/assessment/test_concepts.py covers both).
    assert used == set(Check) - {Check.MENTIONS}


def test_the_refund_prompt_other_tests_rely_on(content: Content) -> None:
    prompt = content.prompts["rl_refund_dispute"]
    assert prompt.topic == "rules_and_law"
    assert any("Consumer Rights Act 2015" in line for line in prompt.model_answer)


def test_model_answers_never_teach_superseded_law(content: Content) -> None:
    superseded = [e for e in content.catalogue.values() if e.superseded]
    for prompt in content.prompts.values():
        answer = normalise_form(" ".join(prompt.model_answer))
        for entry in superseded:
            for form in [entry.name, *entry.aliases]:
                assert f" {normalise_form(form)} " not in f" {answer} ", (prompt.id, form)


def test_model_answers_name_current_law_with_its_year(content: Content) -> None:
    """An Act named in a model answer carries its year, as learners are told to do."""
    acts = [e for e in content.entries_of(Kind.LEGISLATION) if e.year and not e.superseded]
    for prompt in content.prompts.values():
        answer = " ".join(prompt.model_answer)
        for entry in acts:
            base = entry.name.removesuffix(f" {entry.year}")
            for hit in re.finditer(re.escape(base), answer):
                following = answer[hit.end() : hit.end() + 5]
                assert following == f" {entry.year}", (prompt.id, entry.name)


def test_every_entry_cites_a_source_of_the_right_kind(content: Content) -> None:
    for entry in content.catalogue.values():
        url = urlparse(str(entry.source))
        assert url.scheme == "https", entry.id
        if entry.kind is Kind.LEGISLATION:
            # The Consumer Duty is an FCA rule, so its source is the FCA.
            assert url.hostname in {"www.legislation.gov.uk", "www.fca.org.uk"}, entry.id


def test_legislation_names_carry_their_year(content: Content) -> None:
    for entry in content.entries_of(Kind.LEGISLATION):
        if entry.year is not None:
            assert entry.name.endswith(str(entry.year)), entry.id
        trailing = re.search(r"\b(1[89]\d\d|20\d\d)$", entry.name)
        if trailing:
            assert entry.year == int(trailing.group(1)), entry.id


def test_everyday_word_acronyms_are_marked_ambiguous(content: Content) -> None:
    ambiguous = {form for e in content.catalogue.values() for form in e.ambiguous}
    assert {"HEAT", "LATER", "SMART", "RATER", "ICS", "CSE"} <= ambiguous
    assert "HEAT" in content.catalogue["heat_model"].ambiguous
    assert "LATER" in content.catalogue["later_model"].ambiguous


def test_the_standards_the_notes_name_are_recognised(content: Content) -> None:
    forms = {normalise_form(f): e.id for e in content.catalogue.values() for f in e.all_forms()}
    for written, entry_id in {
        "Customer Service Excellence standard": "customer_service_excellence",
        "ISO 23592": "iso_23592",
        "ISO 10002": "iso_10002",
        "ISO 18295": "iso_18295",
        "Plan-Do-Check-Act": "pdca",
        "complaint handling cycle": "complaint_handling_cycle",
        "moment of truth": "moments_of_truth",
        "mystery shopping": "mystery_shopping",
        "Net Promoter Score": "nps",
        "first contact resolution": "fcr",
        "average handling time": "aht",
        "KPI": "kpi",
        "SERVQUAL": "servqual",
        "SMART targets": "smart_targets",
        "ServiceMark": "servicemark",
    }.items():
        assert forms.get(normalise_form(written)) == entry_id, written


def test_the_policies_the_notes_name_are_recognised(content: Content) -> None:
    forms = {normalise_form(f): e.id for e in content.catalogue.values() for f in e.all_forms()}
    for written, entry_id in {
        "complaints procedure": "complaints_procedure",
        "refund policy": "refund_policy",
        "confidentiality policy": "confidentiality_policy",
        "customer charter": "customer_charter",
        "mission statement": "mission_statement",
        "SLA": "service_level_agreement",
        "escalation procedure": "escalation_procedure",
        "vulnerable customer policy": "vulnerable_customer_policy",
        "ID&V": "identity_verification",
        "call script": "call_scripting",
        "record keeping policy": "record_keeping",
        "social media policy": "social_media_policy",
        "health and safety policy": "health_safety_policy",
        "equality and diversity policy": "equality_diversity_policy",
        "code of conduct": "code_of_conduct",
        "data protection policy": "data_protection_policy",
    }.items():
        assert forms.get(normalise_form(written)) == entry_id, written


def test_sectors_expect_their_own_regulators(content: Content) -> None:
    expected = {
        "finance": {"fca", "financial_ombudsman"},
        "energy": {"ofgem", "energy_ombudsman"},
        "telecoms": {"ofcom", "communications_ombudsman", "cisas"},
        "water": {"ofwat"},
        "transport": {"orr", "rail_ombudsman"},
        "aviation": {"caa"},
        "health_social_care": {"cqc"},
        "public_sector": {"lgsco"},
        "housing": {"housing_ombudsman"},
        "gambling": {"gambling_commission"},
    }
    assert {"general", "retail", "finance"} <= set(content.sectors)
    for sector, regulators in expected.items():
        assert regulators <= set(content.sectors[sector].regulators), sector
    assert "consumer_duty" in content.sectors["finance"].legislation


def test_every_regulator_states_its_remit(content: Content) -> None:
    for entry in content.entries_of(Kind.REGULATOR):
        assert entry.remit and len(entry.remit) > 10, entry.id


def test_no_concept_term_is_cut_short_by_a_yaml_comment() -> None:
    """A figure term written unquoted ("- one|1 in # of") is cut at its "#" by YAML, which reads
    the rest as a comment, leaving a different, wider term ("one|1 in"). Terms with "#" are quoted."""
    path = Path(__file__).resolve().parents[2] / "content" / "data" / "concepts.yaml"
    cut = [
        f"line {n}: {line.strip()}"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.match(r"\s+- [^\"'#\s]", line) and re.search(r"\s#", line)
    ]
    assert not cut, "\n".join(cut)
