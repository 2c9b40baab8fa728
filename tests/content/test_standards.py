"""The apprenticeship standards and the evidence map: what ships, and errors that name the spot."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from content.check import check_content
from content.loader import Content, ContentError, load_content
from tests.content.packs import write

PACK_STANDARD = """\
- id: st9999
  code: ST9999
  title: Pack practitioner
  level: 2
  source: https://www.instituteforapprenticeships.org/apprenticeship-standards/example
  areas:
    - {id: law_area, title: Meeting the law, note: "Names the law that applied and why."}
    - {id: story_area, title: Telling it well, note: "Gives a complete story with a result."}
  openers:
    - id: op_pack
      topic: rules_and_law
      text: Tell me about your role and the rules that shape your work.
      levels: [2]
      marking_points:
        - {id: law, check: names_legislation, text: "Names a law that shapes your work."}
        - {id: result, check: measurable_result, text: "States a measurable result."}
      probes:
        - {point: law, text: "Which law is that, and what year is it from?"}
      model_answer: ["One.", "Two.", "Three."]
  evidence:
    - {prompt: op_pack, points: {law: [law_area], result: [story_area]}}
"""


def test_st0072_ships_its_eighteen_areas_each_evidenced(content: Content) -> None:
    std = content.standards["st0072"]
    assert std.code == "ST0072" and std.level == 2
    assert "instituteforapprenticeships.org" in str(std.source)
    assert len(std.areas) == 18
    titles = {a.title for a in std.areas}
    assert {"Knowing your customers", "Meeting regulations and legislation", "Team working"} <= titles
    covered = {a for link in std.evidence for areas in link.points.values() for a in areas}
    assert covered == {a.id for a in std.areas}
    # The mock opens with open invitations, each judged and mapped like a prompt.
    assert std.openers and all(content.mock_prompt(o.id) is o for o in std.openers)
    assert not set(o.id for o in std.openers) & set(content.prompts)


def test_st0071_is_named_but_its_unconfirmed_areas_are_left_out(content: Content) -> None:
    std = content.standards["st0071"]
    assert std.level == 3 and std.areas == [] and std.unconfirmed


def test_content_check_counts_the_standards() -> None:
    out = io.StringIO()
    assert check_content([], as_json=True, out=out) == 0
    report = json.loads(out.getvalue())
    assert report["standards"]["st0072"] == {
        "code": "ST0072", "level": 2, "areas": 18, "openers": 4,
        "mapped_prompts": len(load_content().standards["st0072"].evidence), "confirmed": True,
    }
    assert report["standards"]["st0071"]["confirmed"] is False
    text = io.StringIO()
    check_content([], as_json=False, out=text)
    assert "ST0071 (Level 3): areas not confirmed, no mock" in text.getvalue()


def test_a_valid_pack_standard_loads(tmp_path: Path) -> None:
    write(tmp_path, "standards/pack.yaml", PACK_STANDARD)
    content = load_content([tmp_path])
    assert content.standards["st9999"].area("law_area") is not None


@pytest.mark.parametrize(
    ("broken", "field", "words"),
    [
        (("prompt: op_pack, points", "prompt: nope_prompt, points"),
         "evidence.nope_prompt", "unknown prompt"),
        (("{law: [law_area], result", "{lawx: [law_area], result"),
         "evidence.op_pack.points.lawx", "no marking point"),
        (("result: [story_area]}", "result: [law_area]}"), "areas.story_area", "no marking point evidences"),
        (("levels: [2]", "levels: [3]"), "evidence.op_pack", "not offered at level 2"),
        (("result: [story_area]}", "result: [ghost]}"), "evidence", "unknown areas"),
    ],
)
def test_a_broken_map_names_file_entry_and_field(
    tmp_path: Path, broken: tuple[str, str], field: str, words: str
) -> None:
    path = write(tmp_path, "standards/pack.yaml", PACK_STANDARD.replace(*broken))
    with pytest.raises(ContentError) as err:
        load_content([tmp_path])
    assert err.value.file == str(path)
    assert err.value.entry == "st9999"
    assert err.value.field == field
    assert words in err.value.problem


def test_a_standard_without_areas_must_say_why(tmp_path: Path) -> None:
    write(tmp_path, "standards/pack.yaml", """\
        - id: st9998
          code: ST9998
          title: Pack specialist
          level: 3
          source: https://www.instituteforapprenticeships.org/apprenticeship-standards/example
        """)
    with pytest.raises(ContentError) as err:
        load_content([tmp_path])
    assert err.value.field == "unconfirmed"
