"""The assessor: one answer in, an Assessment out. Pure and synchronous; never imports telegram.

Matching (``matcher``), structure (``structure``), hints (``hints``), marking (``marking``) and
advice (``advice``) are separate steps; the rules are written down in docs/assessment.md.
"""

from __future__ import annotations

from bot.assessment import advice, marking, structure
from bot.assessment.claims import wrong_figures
from bot.assessment.concepts import ConceptIndex, words
from bot.assessment.extent import elsewhere, notes_for, other_sector, stands_for
from bot.assessment.hints import find_hints
from bot.assessment.marking import DISTINCTION_MARK, PASS_MARK, Evidence
from bot.assessment.matcher import Matcher
from bot.assessment.needs import Findings, Keywords, implied, keywords_for, spelled_form, wrong_steps
from bot.assessment.place import learner_nation
from bot.assessment.types import Assessment, Hint, why_missing
from content import nations
from content.loader import Content
from content.models import MarkingPoint, Prompt

# Re-exported: the progress report draws its grade lines from the same marks.
__all__ = ["DISTINCTION_MARK", "PASS_MARK", "Assessor"]


def steps_of(form: str) -> str:
    """A model's steps from the form that spells them, one by one: "Plan-Do-Check-Act" and "Hear
    Empathise Apologise Take ownership" read "Plan, Do, Check, Act" and "Hear, Empathise,
    Apologise, Take ownership"."""
    if "," in form:
        return ", ".join(p.strip() for p in form.split(",") if p.strip())
    words = form.replace("-", " ").split()
    steps: list[str] = []
    for w in words:
        if w[:1].isupper() or not steps:
            steps.append(w)
        else:
            steps[-1] += f" {w}"
    return ", ".join(steps)


# Laws named that the catalogue does not hold, shown in the feedback as not checked (at most).
MAX_ALSO_NAMED = 3


def _also_named(text: str, findings: Findings) -> list[str]:
    """Each law named by title and year that the catalogue does not hold, as first written."""
    names: dict[str, str] = {}
    for key, (start, end) in findings.statutes():
        names.setdefault(key, text[start:end])
    return list(names.values())[:MAX_ALSO_NAMED]


class Assessor:
    """Built once at start-up from the content; `assess` is then cheap and side-effect free."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.matcher = Matcher(content)
        self.concepts = ConceptIndex(content.concepts)
        self._keyword_cache: dict[str | None, Keywords] = {}

    def _keywords(self, prompt: Prompt | None, points: list[MarkingPoint]) -> Keywords:
        key = prompt.id if prompt else None
        if key not in self._keyword_cache:
            question = prompt.text if prompt else ""
            self._keyword_cache[key] = keywords_for(self.concepts, question, points)
        return self._keyword_cache[key]

    def _wrong_steps(self, fx: Findings) -> list[Hint]:
        """A model spelled out with the wrong steps, corrected: "HEAT stands for Hear, Empathise,
        Apologise, Take ownership (you wrote Help, Explain, Action, Thank)"."""
        out: list[Hint] = []
        done: set[str] = set()
        for f in fx.found:
            said = wrong_steps(self.content, fx, f.entry_id, (f.start, f.end))
            form = spelled_form(self.content, f.entry_id) if said else None
            if form is None or f.entry_id in done:
                continue
            done.add(f.entry_id)
            acronym = next((w for w in f.text.split() if w.isupper() and len(w) >= 3), f.text)
            out.append(Hint(
                "wrong_steps",
                f"{acronym} stands for {steps_of(form)}, not {', '.join(w.raw for w in said)}: "
                "say each step as what you did.",
            ))
        return out

    def nation_notes(self, text: str, nation: str) -> list[str]:
        """Notes for coach-written text (a model answer outline) naming law that does not apply
        in ``nation``: "The Equality Act 2010 mostly does not extend to Northern Ireland: ..."."""
        return notes_for(self.matcher.find(text, nation=nation), self.content, nation)

    def assess(
        self, text: str, *, prompt: Prompt | None = None, sector: str = "general",
        nation: str = nations.UNKNOWN,
    ) -> Assessment:
        """`nation` is where the learner works (content.nations): the law of that nation is the
        yardstick; `unknown` judges as for England but never calls a devolved law wrong."""
        nation = learner_nation(nations.normalise(nation), text)
        found = self.matcher.find(text, sector, nation)
        points = marking.points_for(self.content, prompt, sector)
        spans = structure.star_spans(text)
        spans["measurable"] = structure.measurable_span(text)
        # The change (figures before and after) is read only for a prompt that asks for it: it
        # costs a second pass over the answer's figures.
        asks_change = any(
            n.signal == "change" for p in points for n in (list(p.needs) or implied(p))
        )
        changes = structure.change_spans(text) if asks_change and spans["measurable"] is not None else []
        spans["change"] = changes[0] if changes else None
        reasons = structure.reasoning_spans(text)
        spans["reasoning"] = reasons[0] if reasons else None
        spans["escalation"] = structure.escalation_span(text)
        findings = Findings(
            text=text,
            found=found,
            signals={k: [v] for k, v in spans.items() if v is not None},
            result_from=structure.result_start(text),
            index=self.concepts,
            words=words(text),
            keywords=self._keywords(prompt, points),
            # The DDA 1995 named in Northern Ireland meets a need for the Equality Act 2010.
            stands_for=stands_for(found, self.content, nation),
            elsewhere=elsewhere(found, self.content, nation),
            nation=nation,
        )
        findings.signals["reasoning"] = reasons
        if changes:
            # Every change measured: a point may ask for one about something ("a fall in complaints").
            findings.signals["change"] = changes
        star = {p: spans[p] is not None for p in ("situation", "task", "action", "result")}
        hints = find_hints(text, found, self.content, sector, nation)
        if any(h.code == "legal_claim" for h in hints):
            findings.wrong_law = tuple(wrong_figures(text, self.content, found))
        hints += self._wrong_steps(findings)
        ev = Evidence(
            text=text,
            found=found,
            star=star,
            measurable=spans["measurable"] is not None,
            # A reason in an answer that only hands the question back, or that tells no occasion
            # (a definition, a slogan), is no reason of its own (`marking.tells_occasion`): neither
            # praised nor shown as "Explains why".
            reasoning=spans["reasoning"] is not None and marking.tells_occasion(star, findings, text),
            escalates=spans["escalation"] is not None,
            hints=hints,
            sector=sector,
            nation=nation,
            findings=findings,
        )
        results = marking.mark(self.content, points, ev)
        band, total, reason = marking.grade(marking.score(results, ev), results, ev)
        why = why_missing(results)
        return Assessment(
            prompt_id=prompt.id if prompt else None,
            entities=found,
            star=ev.star,
            measurable_result=ev.measurable,
            reasoning=ev.reasoning,
            hints=ev.hints,
            marking_points=results,
            score=total,
            grade=band,
            grade_reason=reason,
            word_count=len(text.split()),
            tip=advice.tip(self.content, prompt, points, results, ev),
            sector=sector,
            nation=nation,
            # Never praised as named correctly: a body or law of another nation, or a body of
            # another sector (the Utility Regulator named in telecoms).
            strengths=advice.strengths(ev, frozenset(
                f.entry_id for f in found
                if f.entry_id in self.content.catalogue
                and not self.content.catalogue[f.entry_id].applies_in(nation)
            ) | {e.id for e in other_sector(found, self.content, sector, nation)}, why_missing=why),
            also_named=_also_named(text, findings),
        )
