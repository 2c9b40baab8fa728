"""The assessor: one answer in, an Assessment out. Pure and synchronous; never imports telegram.

Matching (``matcher``), structure (``structure``), hints (``hints``), marking (``marking``) and
advice (``advice``) are separate steps; the rules are written down in docs/assessment.md.
"""

from __future__ import annotations

from bot.assessment import advice, marking, structure
from bot.assessment.hints import find_hints
from bot.assessment.marking import DISTINCTION_MARK, PASS_MARK, Evidence
from bot.assessment.matcher import Matcher
from bot.assessment.place import learner_nation
from bot.assessment.types import Assessment
from content import nations
from content.loader import Content
from content.models import Prompt

# Re-exported: the progress report draws its grade lines from the same marks.
__all__ = ["DISTINCTION_MARK", "PASS_MARK", "Assessor"]


class Assessor:
    """Built once at start-up from the content; `assess` is then cheap and side-effect free."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.matcher = Matcher(content)

    def assess(
        self, text: str, *, prompt: Prompt | None = None, sector: str = "general",
        nation: str = nations.UNKNOWN,
    ) -> Assessment:
        """`nation` is where the learner works (content.nations): the law of that nation is the
        yardstick; `unknown` judges as for England but never calls a devolved law wrong."""
        nation = learner_nation(nations.normalise(nation), text)
        found = self.matcher.find(text, sector, nation)
        ev = Evidence(
            text=text,
            found=found,
            star=structure.star_parts(text),
            measurable=structure.is_measurable(text),
            reasoning=structure.has_reasoning(text),
            escalates=structure.escalates(text),
            hints=find_hints(text, found, self.content, sector, nation),
            sector=sector,
            nation=nation,
        )
        points = marking.points_for(self.content, prompt, sector)
        results = marking.mark(self.content, points, ev)
        total = marking.score(results, ev)
        return Assessment(
            prompt_id=prompt.id if prompt else None,
            entities=found,
            star=ev.star,
            measurable_result=ev.measurable,
            reasoning=ev.reasoning,
            hints=ev.hints,
            marking_points=results,
            score=total,
            grade=marking.grade(total, results, ev),
            word_count=len(text.split()),
            tip=advice.tip(self.content, prompt, points, results, ev),
            sector=sector,
            nation=nation,
            strengths=advice.strengths(ev, frozenset(
                f.entry_id for f in found
                if f.entry_id in self.content.catalogue
                and not self.content.catalogue[f.entry_id].applies_in(nation)
            )),
        )
