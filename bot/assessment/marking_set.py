"""The hand-labelled marking set: load it and score an engine on it (tests/bot/assessment checks it).

The set (``tests/data/marking/tuning.yaml`` and ``dev2.yaml``) is the measuring stick for the
marking points (issue 13 item 5). Each answer carries a label per marking point of its prompt,
written by the rule in docs/assessment-labelling.md, and a grade derived from those labels by the
documented grade bands (`label_grade`). `score` runs the engine over the answers and compares:
per-point accuracy, Cohen's kappa, grade agreement, distinction recall and per-check confusion.

`benchmarks/marking_eval.py` prints the figures; the tests check the data and hold the engine to
the issue's thresholds. ``dev2.yaml`` was the first holdout and ``dev3.yaml`` the second: each was
scored once (figures in docs), then opened for development, so both are development sets now.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.assessment.engine import Assessor
from content.models import Prompt

DATA_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "marking"
# Each set is tests/data/marking/<name>.yaml. tuning2 and dev3 are the second, independent
# collection (docs/assessment.md, "The second marking set"). dev3 was its holdout ("holdout2"):
# scored once at c660b3f, then opened for development, so it is a development set now, like dev2.
# dev4 was holdout3: written blind, scored once at 34405b0, then opened for development.
# dev5 was holdout4: written blind while the fourth round worked, scored once at 8eb2248, then
# opened for development at 7f3f07b.
# dev6 was holdout5: written blind by six writers while the fifth round worked, scored once at
# 9b9416e, then opened for development. dev7 was holdout6: written blind by five writers while the
# sixth round worked, committed before any scoring, scored once at 208dde1, then opened for
# development. dev8 was holdout7: written blind by three writers while the seventh round worked,
# committed before any scoring, scored once at 3ae9c0c, then opened for development. dev9 was
# holdout8: written blind by six writers (two per prompt for the 33 prompts holdout7 left out),
# committed before any scoring, scored once at 1fec80b, then opened for development.
# dev10 was holdout9: written blind by six writers (one sheet of 11 prompts each, all 66 prompts),
# committed before any scoring, scored once at 32507ce, then opened for development. dev11 was
# holdout10: written blind by six writers (a fresh shuffle of all 66 prompts), committed before any
# scoring, scored once at 3c66faa, then opened for development. dev12 and dev13 were holdout11 and
# holdout12: each written blind by six writers (all 66 prompts, shuffled afresh), committed before
# any scoring, both scored once at 3c052d3 (the end of the eleventh round), then opened. dev14 was
# holdout13: written blind by six writers after that scoring, committed before any scoring, scored
# once at c772a0e (the end of the twelfth round), then opened. dev15 and dev16 were holdout14 and
# holdout15: each written blind by six writers (all 66 prompts, shuffled afresh), committed before
# any scoring, both scored once at ede1b3b (the end of the thirteenth round), then opened. dev17 was
# holdout16: written blind by six writers with benchmarks/holdout_kit.py, committed before any
# scoring, scored once at 189997b (the end of the fourteenth round), then opened. dev18 was holdout17:
# written blind by six writers with the kit, committed before any scoring, scored once at 9df1cde
# (the marking of the end of the fourteenth round), then opened. dev19 was holdout18: written blind
# by six writers with the kit, committed before any scoring, scored once at ea12d09 (the end of the
# fifteenth round), then opened. dev20 was holdout19: written blind by six writers with the kit,
# committed before any scoring, scored once at f5a6ba7 (the end of the sixteenth round), then opened.
# dev21 and dev22 were holdout20 and holdout21: written blind by six writers each with the kit,
# committed before any scoring, both scored once at 7143ca6 (the end of the seventeenth round), then
# opened. dev23 was holdout22: written blind by six writers with the kit, committed before any
# scoring, scored once at 78403fa (the end of the eighteenth round), then opened. dev24 was
# holdout23: written blind the same way, committed before any scoring, scored once at 728f6b3 (the
# end of the nineteenth round), then opened.
SETS = (
    "tuning", "dev2", "tuning2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11",
    "dev12", "dev13", "dev14", "dev15", "dev16", "dev17", "dev18", "dev19", "dev20",
    "dev21", "dev22", "dev23", "dev24",
)
NATIONS = ("england", "scotland", "wales", "northern_ireland")
STYLES = ("own_words", "keywords", "partial", "phone", "spoken", "weak", "distinction")
CORRECTIONS = ("wrong_year", "outdated", "policy_as_law")
GRADES = ("not_yet", "pass", "distinction")
# Every HOLDOUT_EVERY-th answer, in the order written, was held out (m004, m008, ...): dev2.yaml now.
HOLDOUT_EVERY = 4


@dataclass(frozen=True)
class Labelled:
    """One answer and its human labels."""

    id: str
    prompt: str
    sector: str
    nation: str
    level: int
    style: str
    text: str
    points: dict[str, bool]
    full_star: bool
    example: bool
    to_correct: tuple[str, ...]
    grade: str
    note: str = ""

    @property
    def number(self) -> int:
        """The writing-order number at the end of the id (m012 -> 12, t2-012 -> 12)."""
        digits = len(self.id) - len(self.id.rstrip("0123456789"))
        return int(self.id[-digits:]) if digits else 0


def set_path(name: str) -> Path:
    if name not in SETS:
        raise ValueError(f"unknown set {name!r}: choose from {', '.join(SETS)}")
    return DATA_DIR / f"{name}.yaml"


def load_set(name: str, path: Path | None = None) -> list[Labelled]:
    raw: list[dict[str, Any]] = yaml.safe_load((path or set_path(name)).read_text(encoding="utf-8")) or []
    return [
        Labelled(
            id=str(row["id"]),
            prompt=str(row["prompt"]),
            sector=str(row["sector"]),
            nation=str(row["nation"]),
            level=int(row["level"]),
            style=str(row["style"]),
            text=str(row["text"]),
            points={str(k): bool(v) for k, v in (row.get("points") or {}).items()},
            full_star=bool(row["full_star"]),
            example=bool(row["example"]),
            to_correct=tuple(row.get("to_correct") or ()),
            grade=str(row["grade"]),
            note=str(row.get("note") or ""),
        )
        for row in raw
    ]


def label_grade(points: dict[str, bool], full_star: bool, example: bool, to_correct: tuple[str, ...]) -> str:
    """The grade bands of docs/assessment.md read from human labels (docs/assessment-labelling.md).

    Distinction: every point met, all four STAR parts, nothing to correct. Pass: a real example
    and at least half the points met. Not yet: everything else.
    """
    met = sum(points.values())
    if points and met == len(points) and full_star and not to_correct:
        return "distinction"
    if example and 2 * met >= len(points):
        return "pass"
    return "not_yet"


# --- scoring ---------------------------------------------------------------------------------


@dataclass
class Confusion:
    """Labels (human) against the engine, for met / not met."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, label: bool, got: bool) -> None:
        if label and got:
            self.tp += 1
        elif got:
            self.fp += 1
        elif label:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def total(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def accuracy(self) -> float:
        return (self.tp + self.tn) / self.total if self.total else 1.0

    @property
    def kappa(self) -> float:
        """Cohen's kappa between the labels and the engine."""
        n = self.total
        if not n:
            return 1.0
        observed = (self.tp + self.tn) / n
        label_yes, got_yes = (self.tp + self.fn) / n, (self.tp + self.fp) / n
        chance = label_yes * got_yes + (1 - label_yes) * (1 - got_yes)
        if chance >= 1.0:
            return 1.0 if observed >= 1.0 else 0.0
        return (observed - chance) / (1 - chance)


@dataclass
class Score:
    """What `score` found, with every disagreement kept for reading."""

    answers: int = 0
    prompts: int = 0
    points: Confusion = field(default_factory=Confusion)
    by_check: dict[str, Confusion] = field(default_factory=lambda: defaultdict(Confusion))
    by_style: dict[str, Confusion] = field(default_factory=lambda: defaultdict(Confusion))
    by_nation: dict[str, Confusion] = field(default_factory=lambda: defaultdict(Confusion))
    grades: Counter[tuple[str, str]] = field(default_factory=Counter)
    point_errors: list[str] = field(default_factory=list)
    grade_errors: list[str] = field(default_factory=list)

    @property
    def grade_agreement(self) -> float:
        total = sum(self.grades.values())
        same = sum(n for (label, got), n in self.grades.items() if label == got)
        return same / total if total else 1.0

    @property
    def distinctions(self) -> int:
        return sum(n for (label, _), n in self.grades.items() if label == "distinction")

    @property
    def distinction_recall(self) -> float:
        hit = self.grades[("distinction", "distinction")]
        return hit / self.distinctions if self.distinctions else 1.0

    @property
    def distinction_precision(self) -> float:
        given = sum(n for (_, got), n in self.grades.items() if got == "distinction")
        return self.grades[("distinction", "distinction")] / given if given else 1.0

    def table(self) -> list[str]:
        p = self.points
        lines = [
            f"answers {self.answers} on {self.prompts} prompts; marking points {p.total}",
            "",
            "| measure | value |",
            "| --- | --- |",
            f"| per-point accuracy | {p.accuracy:.3f} |",
            f"| Cohen's kappa | {p.kappa:.3f} |",
            f"| grade agreement | {self.grade_agreement:.3f} |",
            f"| distinction recall | {self.distinction_recall:.3f} "
            f"({self.grades[('distinction', 'distinction')]}/{self.distinctions}) |",
            f"| distinction precision | {self.distinction_precision:.3f} |",
            "",
            "| check | points | TP | FP | FN | TN | accuracy | kappa |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for name, c in sorted(self.by_check.items()):
            lines.append(
                f"| {name} | {c.total} | {c.tp} | {c.fp} | {c.fn} | {c.tn} "
                f"| {c.accuracy:.3f} | {c.kappa:.3f} |"
            )
        lines += ["", "| style | points | accuracy | FP | FN |", "| --- | --- | --- | --- | --- |"]
        for name, c in sorted(self.by_style.items()):
            lines.append(f"| {name} | {c.total} | {c.accuracy:.3f} | {c.fp} | {c.fn} |")
        lines += ["", "| nation | points | accuracy | FP | FN |", "| --- | --- | --- | --- | --- |"]
        for name, c in sorted(self.by_nation.items()):
            lines.append(f"| {name} | {c.total} | {c.accuracy:.3f} | {c.fp} | {c.fn} |")
        lines += ["", "grades (rows: label, columns: engine)", "", "| label | " + " | ".join(GRADES) + " |"]
        lines.append("| --- | " + " | ".join("---" for _ in GRADES) + " |")
        for label in GRADES:
            counts = " | ".join(str(self.grades[(label, got)]) for got in GRADES)
            lines.append(f"| {label} | {counts} |")
        return lines


def _excerpt(text: str, width: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 3] + "..."


def score(assessor: Assessor, items: list[Labelled]) -> Score:
    """Run the engine on every answer and compare its marking points and grade with the labels."""
    prompts: dict[str, Prompt] = assessor.content.prompts
    result = Score(answers=len(items), prompts=len({i.prompt for i in items}))
    for item in items:
        prompt = prompts[item.prompt]
        got = assessor.assess(item.text, prompt=prompt, sector=item.sector, nation=item.nation).to_dict()
        met = {str(p["id"]): bool(p["met"]) for p in got["marking_points"]}
        for point in prompt.marking_points:
            label, engine = item.points[point.id], met.get(point.id, False)
            result.points.add(label, engine)
            result.by_check[point.check.value].add(label, engine)
            result.by_style[item.style].add(label, engine)
            result.by_nation[item.nation].add(label, engine)
            if label != engine:
                verdict = "missed" if label else "wrongly met"
                result.point_errors.append(
                    f"{item.id} {item.prompt}.{point.id} ({point.check.value}) {verdict} "
                    f"[{item.style}, {item.nation}]: {_excerpt(item.text)}"
                )
        grade = str(got["grade"])
        result.grades[(item.grade, grade)] += 1
        if grade != item.grade:
            result.grade_errors.append(
                f"{item.id} {item.prompt}: label {item.grade}, engine {grade} (score {got['score']}) "
                f"[{item.style}]"
            )
    return result
