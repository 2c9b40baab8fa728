"""Broken content fails fast, naming the file, the entry and the field.

Each test writes an operator pack with one fault into a temporary folder and loads it on top of the
shipped content, exactly as CONTENT_PACK_DIRS would.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from content.loader import ContentError, load_content
from tests.content.packs import GOOD_POLICY, GOOD_PROMPT, write


def load_error(pack: Path) -> ContentError:
    with pytest.raises(ContentError) as info:
        load_content([pack])
    return info.value


def test_a_valid_pack_loads_on_top_of_the_shipped_content(tmp_path: Path) -> None:
    write(tmp_path, "prompts/p.yaml", GOOD_PROMPT)
    write(tmp_path, "catalogue/policies.yaml", GOOD_POLICY)
    shipped = load_content()
    content = load_content([tmp_path])
    assert len(content.prompts) == len(shipped.prompts) + 1
    assert content.catalogue["pack_policy"].name == "Pack Price Promise"
    assert content.origin["Prompt:pack_prompt"] == tmp_path / "prompts/p.yaml"


def test_a_prompt_id_already_shipped_is_a_duplicate(tmp_path: Path) -> None:
    path = write(tmp_path, "prompts/p.yaml", GOOD_PROMPT.replace("pack_prompt", "rl_refund_dispute"))
    err = load_error(tmp_path)
    assert (err.file, err.entry, err.field) == (str(path), "rl_refund_dispute", "id")
    assert "duplicate id" in err.problem
    assert "rules_and_law.yaml" in err.problem  # where it was first defined


def test_duplicate_ids_within_one_pack(tmp_path: Path) -> None:
    write(tmp_path, "catalogue/a.yaml", GOOD_POLICY)
    second = write(tmp_path, "catalogue/b.yaml", GOOD_POLICY.replace("Pack Price Promise", "Other"))
    err = load_error(tmp_path)
    assert (err.file, err.entry, err.field) == (str(second), "pack_policy", "id")


def test_an_alias_already_naming_another_entry_is_refused(tmp_path: Path) -> None:
    policy = GOOD_POLICY.replace("[pack price match]", "[complaints policy]")
    path = write(tmp_path, "catalogue/policies.yaml", policy)
    err = load_error(tmp_path)
    assert (err.file, err.entry, err.field) == (str(path), "pack_policy", "aliases")
    assert "complaints_procedure" in err.problem


def test_alias_clash_ignores_case_spacing_and_apostrophes(tmp_path: Path) -> None:
    policy = GOOD_POLICY.replace(
        "aliases: [pack price match]", "misspellings: [information  commissioners OFFICE]"
    )
    write(tmp_path, "catalogue/policies.yaml", policy)
    err = load_error(tmp_path)
    assert err.field == "misspellings"
    assert "'ico'" in err.problem


def test_an_abbreviation_clash_names_the_abbreviations_field(tmp_path: Path) -> None:
    write(tmp_path, "catalogue/policies.yaml", GOOD_POLICY + "  abbreviations: [ICO]\n")
    err = load_error(tmp_path)
    assert (err.entry, err.field) == ("pack_policy", "abbreviations")


def test_unknown_topic(tmp_path: Path) -> None:
    path = write(tmp_path, "prompts/p.yaml", GOOD_PROMPT.replace("topic: rules_and_law", "topic: returns"))
    err = load_error(tmp_path)
    assert (err.file, err.entry, err.field) == (str(path), "pack_prompt", "topic")
    assert "returns" in err.problem


def test_a_probe_must_follow_up_one_of_the_prompts_marking_points(tmp_path: Path) -> None:
    write(tmp_path, "prompts/p.yaml", GOOD_PROMPT.replace("- point: law", "- point: regulator"))
    err = load_error(tmp_path)
    assert (err.entry, err.field) == ("pack_prompt", "probes")
    assert "'regulator'" in err.problem


def test_superseded_without_a_date(tmp_path: Path) -> None:
    entry = """\
    - id: pack_old_act
      kind: legislation
      name: Old Shop Act 1950
      year: 1950
      note: An old law that shops no longer follow.
      source: https://www.legislation.gov.uk/
      superseded_by: [consumer_rights_act_2015]
    """
    write(tmp_path, "catalogue/legislation.yaml", entry)
    err = load_error(tmp_path)
    assert (err.entry, err.field) == ("pack_old_act", "superseded_on")


def test_superseded_by_an_unknown_entry(tmp_path: Path) -> None:
    entry = """\
    - id: pack_old_act
      kind: legislation
      name: Old Shop Act 1950
      note: An old law that shops no longer follow.
      source: https://www.legislation.gov.uk/
      superseded_by: [shop_act_2099]
      superseded_on: 2000-01-01
    """
    write(tmp_path, "catalogue/legislation.yaml", entry)
    err = load_error(tmp_path)
    assert (err.entry, err.field) == ("pack_old_act", "superseded_by")
    assert "shop_act_2099" in err.problem


def test_broken_yaml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "prompts/p.yaml", "- id: pack_prompt\n  text: [unclosed\n")
    err = load_error(tmp_path)
    assert err.file == str(path)
    assert err.entry is None
    assert "not valid YAML" in err.problem
    assert str(path) in str(err)


def test_a_file_that_is_not_a_list(tmp_path: Path) -> None:
    path = write(tmp_path, "topics.yaml", "id: extra\ntitle: Not in a list\n")
    err = load_error(tmp_path)
    assert err.file == str(path)
    assert "list" in err.problem


def test_a_field_of_the_wrong_type(tmp_path: Path) -> None:
    write(tmp_path, "prompts/p.yaml", GOOD_PROMPT.replace("levels: [2, 3]", "levels: two"))
    err = load_error(tmp_path)
    assert (err.entry, err.field) == ("pack_prompt", "levels")


def test_a_level_out_of_range_points_at_the_item(tmp_path: Path) -> None:
    write(tmp_path, "prompts/p.yaml", GOOD_PROMPT.replace("levels: [2, 3]", "levels: [2, 7]"))
    err = load_error(tmp_path)
    assert err.field == "levels.1"


def test_a_misspelt_field_name_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "catalogue/policies.yaml", GOOD_POLICY.replace("  note:", "  notes:"))
    err = load_error(tmp_path)
    assert err.entry == "pack_policy"
    assert err.field in {"note", "notes"}


def test_marking_point_params_must_fit_the_check(tmp_path: Path) -> None:
    bad = GOOD_PROMPT.replace(
        "      check: star_complete\n", "      check: star_complete\n      params: {min: 2}\n"
    )
    write(tmp_path, "prompts/p.yaml", bad)
    err = load_error(tmp_path)
    # The marking point is named by its id, not its position.
    assert err.field == "marking_points.star.params"


@pytest.mark.parametrize(
    ("need", "field", "problem"),
    [
        ("{signal: change, about: [no_such_concept]}", "marking_points.star.needs.0.about",
         "no_such_concept"),
        ("{concepts: [complaint_words], about: [complaint_words]}", "marking_points.star.needs.0", "signal"),
    ],
)
def test_what_a_signal_is_about_must_be_a_known_concept_beside_a_signal(
    tmp_path: Path, need: str, field: str, problem: str
) -> None:
    bad = GOOD_PROMPT.replace(
        "      check: star_complete\n", f"      check: star_complete\n      needs: [{need}]\n"
    )
    write(tmp_path, "prompts/p.yaml", bad)
    err = load_error(tmp_path)
    assert err.field.startswith(field) and problem in err.problem, (err.field, err.problem)


@pytest.mark.parametrize(
    ("concept", "problem"),
    [
        ("- id: pack_model\n  says: a model in words\n  steps: [apology, no_such_step]\n", "no_such_step"),
        ("- id: pack_model\n  says: a model in words\n  steps: [apology, heat_in_words]\n",
         "steps of its own"),
    ],
)
def test_a_models_steps_must_be_concepts_with_terms(tmp_path: Path, concept: str, problem: str) -> None:
    write(tmp_path, "concepts.yaml", concept)
    err = load_error(tmp_path)
    assert (err.entry, err.field) == ("pack_model", "steps") and problem in err.problem, err


def test_a_concept_needs_terms_or_steps(tmp_path: Path) -> None:
    write(tmp_path, "concepts.yaml", "- id: pack_model\n  says: a model in words\n")
    assert "terms" in load_error(tmp_path).problem


def test_names_any_of_must_name_catalogue_entries(tmp_path: Path) -> None:
    bad = GOOD_PROMPT.replace(
        "      check: names_legislation\n",
        "      check: names_any_of\n      params: {ids: [consumer_rights_act_2015, acme_charter]}\n",
    )
    write(tmp_path, "prompts/p.yaml", bad)
    err = load_error(tmp_path)
    assert err.field == "marking_points.law.params.ids"
    assert "acme_charter" in err.problem


def test_a_regulator_needs_a_remit(tmp_path: Path) -> None:
    entry = GOOD_POLICY.replace("kind: policy", "kind: regulator")
    write(tmp_path, "catalogue/regulators.yaml", entry)
    err = load_error(tmp_path)
    assert (err.entry, err.field) == ("pack_policy", "remit")


def test_an_ambiguous_form_must_be_one_of_the_names(tmp_path: Path) -> None:
    write(tmp_path, "catalogue/policies.yaml", GOOD_POLICY + "  ambiguous: [PROMISE]\n")
    err = load_error(tmp_path)
    assert (err.entry, err.field) == ("pack_policy", "ambiguous")


def test_a_sector_may_only_list_regulators(tmp_path: Path) -> None:
    write(
        tmp_path,
        "sectors.yaml",
        "- id: pack_sector\n  label: Pack\n  regulators: [consumer_rights_act_2015]\n",
    )
    err = load_error(tmp_path)
    assert (err.entry, err.field) == ("pack_sector", "regulators")


def test_a_missing_pack_folder(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-pack"
    err = load_error(missing)
    assert err.file == str(missing)
    assert "does not exist" in err.problem


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "prompts" / "p.yaml"
    path.parent.mkdir()
    path.write_bytes(b"- id: caf\xe9\n")
    err = load_error(tmp_path)
    assert err.file == str(path)
    assert "UTF-8" in err.problem


GOOD_CLAIM = """\
- id: pack_claim
  about:
    - ['refund']
  unit: days
  right: [30 days]
  rule: Refunds are due within the period the law sets for this kind of sale.
  source: https://www.legislation.gov.uk/ukpga/2015/15/section/22
"""


def test_a_pack_may_add_legal_claims(tmp_path: Path) -> None:
    write(tmp_path, "claims.yaml", GOOD_CLAIM)
    assert "pack_claim" in load_content([tmp_path]).claims


@pytest.mark.parametrize(
    ("fault", "field"),
    [
        (GOOD_CLAIM.replace("['refund']", "['(refund']"), "about"),
        (GOOD_CLAIM.replace("[30 days]", "[30 dayz]"), "right"),
        (GOOD_CLAIM.replace("unit: days", "unit: fortnights"), "unit"),
    ],
)
def test_a_broken_claim_is_named(tmp_path: Path, fault: str, field: str) -> None:
    path = write(tmp_path, "claims.yaml", fault)
    err = load_error(tmp_path)
    assert (err.file, err.entry, err.field) == (str(path), "pack_claim", field)


def test_a_counterpart_must_exist_and_lie_outside_the_extent(tmp_path: Path) -> None:
    policy = GOOD_POLICY + "  extent: [scotland]\n  counterparts: {england: [no_such_entry]}\n"
    path = write(tmp_path, "catalogue/policies.yaml", policy)
    err = load_error(tmp_path)
    assert (err.file, err.entry, err.field) == (str(path), "pack_policy", "counterparts.england")
    inside = GOOD_POLICY + "  extent: [gb]\n  counterparts: {scotland: [complaints_procedure]}\n"
    path = write(tmp_path, "catalogue/policies.yaml", inside)
    err = load_error(tmp_path)
    assert (err.entry, err.field) == ("pack_policy", "counterparts")


@pytest.mark.parametrize("field", ["when_named", "unless_named"])
def test_a_tip_may_only_name_known_entries_or_kinds(tmp_path: Path, field: str) -> None:
    topic = f"""
- id: pack_topic
  title: A pack topic
  synopsis: What a pack topic is about, in two lines at least.
  key_concepts: [one]
  common_mistakes:
    - text: "Saying the law without naming it. Name the Act and its year."
      gaps: [law]
      {field}: [no_such_act]
  marking_points: [one]
"""
    path = write(tmp_path, "topics.yaml", topic)
    err = load_error(tmp_path)
    assert (err.file, err.entry, err.field) == (str(path), "pack_topic", f"common_mistakes.0.{field}")
    assert "no_such_act" in err.problem
