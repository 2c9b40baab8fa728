"""The kit for writing a new held-out marking set blind (docs/assessment-labelling.md).

    python benchmarks/holdout_kit.py sheets --seed 1616 --out /tmp/h16
    python benchmarks/holdout_kit.py check /tmp/h16/part_A.yaml --prefix hpa --sheet /tmp/h16/sheet1.md

`sheets` shuffles every shipped prompt with the seed into six sheets of eleven (each prompt with its
question, levels, sectors and its marking points' text, never their checks or needs) and writes the
writers' brief beside them (BRIEF.md; the lead gives each writer's lean with the sheet). `check` reads one
writer's file for form only: ids in writing order, real prompts and points, allowed sectors and
levels, the grade the labels give, three answers to each prompt on the sheet, and no text that
repeats an answer of any set already in tests/data/marking. It never runs the marking engine, so a
writer may run it.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.assessment.marking_set import DATA_DIR, load_set  # noqa: E402  (reads YAML; no engine)
from content.loader import Content, load_content  # noqa: E402
from content.models import Check  # noqa: E402
from tests.bot.assessment.test_marking_data import check_item  # noqa: E402

SHEETS = 6
PER_SHEET = 11
BRIEF = """# Brief: write and label one part of a held-out marking set

You are one of six writers working apart. You write **33 answers** (3 to each of the 11 prompts on
your sheet) the way real UK customer-service apprentices answer an assessor in a professional
discussion, and you label each one **by rule**. The set measures a marking engine on answers it has
never seen, so the answers must be realistic and the labels honest.

## Read (only these)

- docs/assessment-labelling.md: THE labelling rule. Read all of it before writing.
- This brief and your sheet (prompts, levels, sectors and each marking point's text).
- content/data/sectors.yaml and content/data/catalogue/*.yaml (names and years of laws, policies,
  regulators and standards), and the syllabus seed notes where the project has them
  (`../shared/seeds/` beside the project's root; if that folder is not there, go without).

## Never read or run

Anything else of the project: not bot/, not content/data/concepts.yaml, claims.yaml, topics.yaml or
content/data/prompts/, not tests/ (the other marking sets), not docs/assessment.md, not
benchmarks/. Never run the coach, its CLI or the engine. The only program you run is the form
checker below. Do not look at the other writers' files.

## The file

One YAML list; first line `# <set> part X: written and labelled blind by rule on <date> by writer X
(sheet N)`. Ids are `<prefix>-001`, `<prefix>-002`, ... in the order written. Each item has: id,
prompt, sector, nation (england | scotland | wales | northern_ireland), level (one of the prompt's),
style (own_words | keywords | partial | phone | spoken | weak | distinction), text (a folded block),
points ({every marking point id: true/false}), full_star (all four STAR parts; equal to the prompt's
STAR point where it has one), example (a real example of something the learner did), to_correct
(any of wrong_year, outdated, policy_as_law), grade (not_yet | pass | distinction, derived from the
labels by the rule's grade section) and note (why each label is what it is, the borderline ones
above all).

## What to write

- Per prompt: 3 answers, one of them meant to meet every point; the other two anywhere from a
  one-liner to a near miss.
- Over your 33: every nation at least 4 times, levels 2 to 5 where the prompts allow, every style at
  least twice, and at least 7 of each grade.
- Write as real learners do: different lengths, plain words, UK places, real-sounding details. Do
  not copy the points' wording; say the idea the way a learner would. No two answers the same shape.
- Law and regulators must be right for the nation. A deliberate error is fine if labelled.
- Label each point by its text and the rule only, decided when you write it.

## Your lean

Your lean is in the message that gave you this brief: the lead gives each writer one, so the six
parts differ in style. Keep the spread above as well.

## Check the form

`python benchmarks/holdout_kit.py check <your file> --prefix <prefix> --sheet <your sheet>`, until
it prints `OK: 33 answers`.
"""


def sheets(content: Content, seed: int) -> list[list[str]]:
    """Every shipped prompt id, shuffled with the seed, in SHEETS sheets of PER_SHEET."""
    ids = sorted(content.prompts)
    random.Random(seed).shuffle(ids)
    return [ids[n * PER_SHEET : (n + 1) * PER_SHEET] for n in range(SHEETS)]


def sheet_text(content: Content, number: int, prompt_ids: list[str]) -> str:
    out = [f"# Sheet {number}: {len(prompt_ids)} prompts", ""]
    for pid in prompt_ids:
        p = content.prompts[pid]
        sectors = p.sectors or "any sector in sectors.yaml"
        out += [f"## prompt: {p.id}", "", f"- topic: {p.topic}", f"- question asked: {p.text.strip()}",
                f"- levels allowed: {p.levels}", f"- sectors allowed: {sectors}",
                "- marking points (label each one by its text):"]
        star = None
        for m in p.marking_points:
            out.append(f"  - `{m.id}`: {m.text}")
            if m.check is Check.STAR_COMPLETE:
                star = m.id
        out.append(f"- STAR note: `{star}` is the STAR point; its label must equal `full_star`." if star
                   else "- STAR note: no STAR point here; still label `full_star` (all four parts said).")
        out.append("")
    return "\n".join(out)


def check(content: Content, path: Path, prefix: str, sheet_prompts: list[str]) -> list[str]:
    """Everything wrong with one writer's file, as sentences (empty when it is sound)."""
    items = load_set("new", path)
    problems = [p for i in items for p in check_item(i, content)]
    ids = [i.id for i in items]
    if ids != [f"{prefix}-{n:03d}" for n in range(1, len(ids) + 1)]:
        problems.append(f"ids must be {prefix}-001, {prefix}-002, ... in writing order")
    per = Counter(i.prompt for i in items)
    problems += [f"prompt {p}: {per[p]} answers, want 3" for p in sheet_prompts if per[p] != 3]
    extra = sorted(set(per) - set(sheet_prompts))
    if extra:
        problems.append(f"prompts not on the sheet: {extra}")
    sets = [f for f in sorted(DATA_DIR.glob("*.yaml"))
            if f.resolve() != path.resolve() and not f.stem.startswith("second_labels")]
    seen = {" ".join(i.text.split()) for f in sets for i in load_set(f.stem, f)}
    dups = [i.id for i in items if " ".join(i.text.split()) in seen]
    if dups:
        problems.append(f"text repeats an answer of another set: {dups}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("sheets", help="write six sheets and the brief")
    make.add_argument("--seed", type=int, required=True)
    make.add_argument("--out", type=Path, required=True)
    form = sub.add_parser("check", help="check one writer's file for form")
    form.add_argument("path", type=Path)
    form.add_argument("--prefix", required=True, help="the writer's id prefix, such as hpa")
    form.add_argument("--sheet", type=Path, required=True, help="the writer's sheet")
    args = parser.parse_args(argv)
    content = load_content()
    if args.command == "sheets":
        args.out.mkdir(parents=True, exist_ok=True)
        for n, ids in enumerate(sheets(content, args.seed), start=1):
            (args.out / f"sheet{n}.md").write_text(sheet_text(content, n, ids), encoding="utf-8")
        (args.out / "BRIEF.md").write_text(BRIEF, encoding="utf-8")
        print(f"wrote {SHEETS} sheets and BRIEF.md to {args.out}")
        return 0
    prompts = [line.split(": ", 1)[1].strip() for line in args.sheet.read_text(encoding="utf-8").splitlines()
               if line.startswith("## prompt: ")]
    problems = check(content, args.path, args.prefix, prompts)
    print("\n".join(problems) if problems else f"OK: {len(load_set('new', args.path))} answers")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
