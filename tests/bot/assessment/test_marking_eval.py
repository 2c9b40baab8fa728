"""The marking engine against the tuning part of the hand-labelled marking set (issue 13 item 5).

Prints per-point accuracy, Cohen's kappa, grade agreement and distinction recall (see them with
-s or -rs), then holds the engine to the issue's thresholds: 0.92, 0.80 and 0.85. The engine of
issue 13e was below them when the set landed (baseline in docs/assessment.md, "How marking is
measured"), so the threshold check is switched on by ENGINE_MEETS_THRESHOLDS: whoever makes the
engine meet them sets it to True in the same commit. If a threshold fails, fix the engine, not
the labels (rule: docs/assessment-labelling.md). Never tune on a held-out set.
The other development sets (dev2, tuning2) are held to all three thresholds, and dev3 to floors of
its own (below).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.assessment import Assessor
from bot.assessment.marking_set import Score, load_set, score

# Flip to True in the commit that makes the engine meet the thresholds below.
ENGINE_MEETS_THRESHOLDS = True

MIN_POINT_ACCURACY = 0.92
MIN_KAPPA = 0.80
MIN_GRADE_AGREEMENT = 0.85

# Next to the tests, not beside an installed package.
DATA = Path(__file__).resolve().parents[2] / "data" / "marking"


@pytest.fixture(scope="module")
def figures(assessor: Assessor) -> Score:
    result = score(assessor, load_set("tuning", DATA / "tuning.yaml"))
    print("\n" + "\n".join(result.table()))
    return result


def _summary(result: Score) -> str:
    return (
        f"accuracy {result.points.accuracy:.3f}, kappa {result.points.kappa:.3f}, "
        f"grade agreement {result.grade_agreement:.3f}, distinction recall {result.distinction_recall:.3f}"
    )


def test_marking_meets_the_issue_thresholds_on_the_tuning_set(figures: Score) -> None:
    met = (
        figures.points.accuracy >= MIN_POINT_ACCURACY
        and figures.points.kappa >= MIN_KAPPA
        and figures.grade_agreement >= MIN_GRADE_AGREEMENT
    )
    if not ENGINE_MEETS_THRESHOLDS:
        hint = " (now met: set ENGINE_MEETS_THRESHOLDS = True)" if met else ""
        pytest.skip(
            "marking engine below the issue-13 thresholds: see docs/assessment.md "
            f"('How marking is measured'); tuning set: {_summary(figures)}{hint}"
        )
    assert figures.points.accuracy >= MIN_POINT_ACCURACY, _summary(figures)
    assert figures.points.kappa >= MIN_KAPPA, _summary(figures)
    assert figures.grade_agreement >= MIN_GRADE_AGREEMENT, _summary(figures)


def test_the_figures_are_computed_over_the_whole_tuning_set(figures: Score) -> None:
    items = load_set("tuning", DATA / "tuning.yaml")
    assert figures.answers == len(items)
    assert figures.points.total == sum(len(i.points) for i in items)
    assert sum(figures.grades.values()) == len(items)


# --- the other development sets (issue 13, second round) -------------------------------------
# dev2.yaml (the first holdout, opened for development after its one scoring) and tuning2.yaml
# (a second collection, written after the first engine work) are development data too. They are
# held to all three thresholds: per-point accuracy and kappa from the start, grade agreement since
# the STAR, reasons and results work raised it above 0.85 (it was 0.837 and 0.833 when this landed).
# dev4.yaml (was holdout3) has a floor below, set from its figures as development data.
OTHER_DEVELOPMENT_SETS = ("dev2", "tuning2")


# --- dev3: the second holdout (holdout2), scored once at c660b3f and opened for development --------
# Held to its figures at the end of the fourth round of marking work (4 Dec 2026: 0.951 accuracy,
# kappa 0.899, grade agreement 0.886), rounded down to allow one point or one grade. These are
# development figures, not a held-out estimate (docs/assessment.md). Raise them as the engine
# improves, never lower them. (First landed at 0.915 / 0.83 / 0.80, then 0.94 / 0.88 / 0.865.)
DEV3_MIN_POINT_ACCURACY = 0.955
DEV3_MIN_KAPPA = 0.915
DEV3_MIN_GRADE_AGREEMENT = 0.93
# (Raised after the eleventh round to 0.955 / 0.915 / 0.93 from 0.965, 0.928, 0.943.)


# --- dev4: the third holdout (holdout3), scored once at 34405b0 and opened for development --------
# First held to its one held-out scoring (0.862, kappa 0.694, grade 0.684); now to its figures at the
# end of the fourth round, which tuned on it (0.936, kappa 0.851, grade 0.887), rounded down to
# allow a point or a grade. Raise them as the engine improves, never lower them.
DEV4_FLOORS = (0.97, 0.93, 0.955)
# (Raised after the eleventh round to 0.965 / 0.925 / 0.95 from 0.973, 0.936, 0.962.)
# (Raised after the fifth round: 0.946, kappa 0.873, grade 0.902; it was 0.93 / 0.84 / 0.88. Raised
# after the seventh round from 0.951, 0.885, 0.925; it was 0.94 / 0.86 / 0.89.)


# --- dev5: the fourth holdout (holdout4), scored once at 8eb2248 and opened for development --------
# Scored once at 0.828, kappa 0.623, grade 0.703; tuned on in the fifth round (0.916, kappa 0.810,
# grade 0.855), rounded down to allow a point or a grade. Raise as the engine improves, never lower.
DEV5_FLOORS = (0.945, 0.885, 0.915)
# (Raised after the eleventh round to 0.945 / 0.885 / 0.915 from 0.953, 0.893, 0.927.)
# (Raised after the tenth round to 0.945 / 0.88 / 0.905 from 0.951, 0.890, 0.915.)
# (Raised after work on dev6 to 0.915 / 0.81 / 0.86 from its figures then: 0.920, 0.820, 0.867;
# after the sixth round to 0.92 / 0.82 / 0.875 from 0.924, 0.830, 0.885; after the seventh round to
# 0.93 / 0.845 / 0.885 from 0.936, 0.856, 0.897.)


# --- dev6: the fifth holdout (holdout5), scored once at 9b9416e and opened for development --------
# Scored once at 0.879, kappa 0.722, grade 0.796; after the work that followed on it (0.888, kappa
# 0.741, grade 0.802), rounded down to allow a couple of points or grades. Raise, never lower.
DEV6_FLOORS = (0.95, 0.895, 0.93)
# (Raised after the eleventh round to 0.95 / 0.895 / 0.93 from 0.958, 0.906, 0.939.)
# (Raised after the tenth round to 0.945 / 0.88 / 0.92 from 0.951, 0.889, 0.926.)
# (Raised after the ninth round to 0.94 / 0.865 / 0.91 from 0.945, 0.874, 0.921.)
# (Raised after the sixth round, which tuned on it, to 0.905 / 0.79 / 0.835 from 0.914, 0.803,
# 0.849; it was 0.88 / 0.73 / 0.79. Raised after the seventh round to 0.915 / 0.805 / 0.855 from
# 0.921, 0.819, 0.868, and at its end to 0.93 / 0.84 / 0.885 from 0.936, 0.853, 0.897.)


# --- dev7: the sixth holdout (holdout6), scored once at 208dde1 and opened for development --------
# Scored once at 0.869, kappa 0.688, grade 0.740 (90 of 121 distinctions), rounded down to allow a
# couple of points or grades. Raise as the engine improves, never lower.
DEV7_FLOORS = (0.945, 0.875, 0.895)
# (Raised after the twelfth round to 0.945 / 0.875 / 0.895 from 0.950, 0.883, 0.903.)
# (Raised after the eleventh round to 0.94 / 0.86 / 0.885 from 0.945, 0.871, 0.897.)
# (Raised after the tenth round to 0.925 / 0.835 / 0.875 from 0.934, 0.844, 0.881.)
# (Raised after the ninth round to 0.92 / 0.82 / 0.86 from 0.929, 0.831, 0.868.)
# (It was 0.865 / 0.68 / 0.73; raised during the seventh round, which tuned on it, to 0.895 / 0.755
# / 0.81 from 0.902, 0.770, 0.821, and at its end to 0.91 / 0.79 / 0.84 from 0.916, 0.801, 0.850.)


# --- dev8: the seventh holdout (holdout7), scored once at 3ae9c0c and opened for development -------
# Scored once at 0.893, kappa 0.735, grade 0.737 (29 of 38 distinctions), rounded down to allow a
# couple of points or grades. Raise as the engine improves, never lower.
DEV8_FLOORS = (0.94, 0.855, 0.865)
# (Grade lowered once, in the thirteenth round, from 0.875: a SMART target said as "my objective for
# Q3 was to bring ... down to five working days by the end of September" is now met, as labelled,
# which turned h7c-006 from a Pass into a Distinction because its result point was already wrongly
# met ("closed within a day" said of the new process). Points went from 18 errors to 17; one grade
# that had been right for the wrong reason is now wrong for the right one.)
# (Raised after the eleventh round to 0.94 / 0.855 / 0.875 from 0.948, 0.872, 0.889.)
# (It was 0.885 / 0.72 / 0.72; raised after the ninth round to 0.92 / 0.80 / 0.85 from 0.928, 0.821,
# 0.869.)


# --- dev9: the eighth holdout (holdout8), scored once at 1fec80b and opened for development -------
# Scored once at 0.909, kappa 0.764, grade 0.848 (65 of 74 distinctions), rounded down to allow a
# couple of points or grades. Raise as the engine improves, never lower.
DEV9_FLOORS = (0.95, 0.875, 0.935)
# (Raised after the eleventh round to 0.95 / 0.875 / 0.935 from 0.958, 0.890, 0.944.)
# (It was 0.90 / 0.75 / 0.835; raised after the ninth round, which tuned on it, to 0.94 / 0.84 / 0.895
# from 0.947, 0.860, 0.909.)


# --- dev10: the ninth holdout (holdout9), scored once at 32507ce and opened for development -------
# Scored once at 0.893, kappa 0.770, grade 0.823 (58 of 66 distinctions), rounded down to allow a
# couple of points or grades. Raise as the engine improves, never lower.
DEV10_FLOORS = (0.96, 0.92, 0.94)
# (Raised after the thirteenth round to 0.96 / 0.92 / 0.94 from 0.968, 0.931, 0.949.)
# (Raised after the eleventh round to 0.95 / 0.90 / 0.925 from 0.959, 0.913, 0.934.)
# (It was 0.885 / 0.755 / 0.81; raised after the tenth round, which tuned on it, to 0.935 / 0.86 /
# 0.91 from 0.941, 0.873, 0.919.)


# --- dev11: the tenth holdout (holdout10), scored once at 3c66faa and opened for development ------
# Scored once at 0.919, kappa 0.819, grade 0.828 (56 of 66 distinctions), rounded down to allow a
# couple of points or grades. Raise as the engine improves, never lower.
DEV11_FLOORS = (0.975, 0.945, 0.955)
# (Raised after the thirteenth round to 0.965 / 0.925 / 0.935 from 0.970, 0.933, 0.944.)
# (Raised after the twelfth round to 0.96 / 0.915 / 0.925 from 0.968, 0.927, 0.934.)
# (Raised after the eleventh round to 0.955 / 0.90 / 0.91 from 0.962, 0.913, 0.919.)
# (It was 0.91 / 0.80 / 0.815; raised after the work that followed its scoring to 0.94 / 0.87 /
# 0.875 from 0.948, 0.882, 0.889.)


# --- dev12 and dev13: holdout11 and holdout12, both scored once at 3c052d3, then opened --------
# Scored once at 0.927, kappa 0.840, grade 0.879 (58 of 66 distinctions) and 0.914, kappa 0.817,
# grade 0.808 (45 of 65); then the work after the scoring (0.934 / 0.857 / 0.894, 60 of 66, and
# 0.926 / 0.840 / 0.854, 55 of 65), rounded down to allow a couple of points or grades. Raise,
# never lower.
DEV12_FLOORS = (0.955, 0.905, 0.94)
DEV13_FLOORS = (0.96, 0.91, 0.91)
# (dev12 raised after the sixteenth round from 0.95 / 0.895 / 0.925; the round ended at 0.960 /
# 0.913 / 0.944.)
# (Raised after the fourteenth round from 0.945 / 0.88 / 0.91 and 0.945 / 0.885 / 0.885; the round
# ended at 0.957 / 0.905 / 0.934 and 0.958 / 0.909 / 0.909.)
# (Raised after the thirteenth round from 0.94 / 0.87 / 0.905 and 0.94 / 0.875 / 0.885; the round
# ended at 0.949 / 0.889 / 0.919 and 0.952 / 0.896 / 0.894.)
# (Raised after the twelfth round from 0.925 / 0.845 / 0.885 and 0.92 / 0.83 / 0.845; the round
# ended at 0.947 / 0.883 / 0.914 and 0.947 / 0.885 / 0.894.)


# --- dev14: holdout13, scored once at c772a0e (the end of the twelfth round), then opened ---------
# Scored once at 0.885, kappa 0.752, grade 0.828 (50 of 65 distinctions), rounded down to allow a
# couple of points or grades. Raise as the engine improves, never lower.
DEV14_FLOORS = (0.94, 0.87, 0.925)
# (Raised after the sixteenth round from 0.93 / 0.855 / 0.905; the round ended at 0.943 / 0.877 /
# 0.929.)
# (Raised after the fourteenth round to 0.93 / 0.855 / 0.905 from 0.91 / 0.815 / 0.875; the round ended
# at 0.938 / 0.866 / 0.914.)
# (Raised after the thirteenth round, which tuned on it, to 0.91 / 0.815 / 0.875 from 0.918, 0.823,
# 0.884.)


# --- dev15 and dev16: holdout14 and holdout15, scored once at ede1b3b (the end of the thirteenth
# round), then opened. Scored once at 0.934, kappa 0.858, grade 0.889 (60 of 66 distinctions) and
# 0.922, kappa 0.836, grade 0.854 (50 of 66), rounded down to allow a couple of points or grades.
# Raise as the engine improves, never lower.
DEV15_FLOORS = (0.955, 0.9, 0.93)
DEV16_FLOORS = (0.95, 0.895, 0.93)
# (dev16 raised after the sixteenth round from 0.94 / 0.875 / 0.93; the round ended at 0.954 /
# 0.903 / 0.934.)
# (Raised after the fourteenth round, which tuned on them, from 0.93 / 0.855 / 0.885 and 0.93 /
# 0.855 / 0.89; the round ended at 0.954 / 0.901 / 0.934 and 0.949 / 0.892 / 0.939.)
# (Raised after the work that followed their scoring to these from 0.93 / 0.85 / 0.88 and 0.915 /
# 0.83 / 0.845; that work ended at 0.938 / 0.866 / 0.894 and 0.936 / 0.864 / 0.899.)



# --- dev17: holdout16, scored once at 189997b (the end of the fourteenth round), then opened -------
# Scored once at 0.916, kappa 0.822, grade 0.869 (56 of 66 distinctions), rounded down to allow a
# couple of points or grades. Raise as the engine improves, never lower.
DEV17_FLOORS = (0.935, 0.865, 0.915)
# (Raised after the sixteenth round from 0.93 / 0.85 / 0.9; the round ended at 0.939 / 0.871 /
# 0.919.)
# (Raised after the work that followed its scoring to these from 0.91 / 0.81 / 0.86; that work ended
# at 0.922 / 0.835 / 0.894.)

# --- dev18: holdout17, scored once at 9df1cde (the marking of the end of the fourteenth round), then
# opened. Scored once at 0.924, kappa 0.843, grade 0.854 (58 of 66 distinctions), rounded down to
# allow a couple of points or grades. Raise as the engine improves, never lower.
DEV18_FLOORS = (0.95, 0.9, 0.915)
# (Raised after the sixteenth round from 0.94 / 0.88 / 0.9; the round ended at 0.955 / 0.907 /
# 0.919, 64 of 66 distinctions.)
# (Raised after the fifteenth round, which tuned on it, from 0.92 / 0.835 / 0.845; the round ended at
# 0.945 / 0.886 / 0.904 (63 of 66 distinctions). In the same round dev4, dev11, dev13, dev15 and
# dev17 were raised to the figures the round ended at, rounded down: see each set's figures in
# docs/assessment.md, "The fifteenth round".)

# --- dev19: holdout18, scored once at ea12d09 (the end of the fifteenth round), then opened --------
# Scored once at 0.944, kappa 0.882, grade 0.904 (59 of 66 distinctions), rounded down to allow a
# couple of points or grades. Raise as the engine improves, never lower.
DEV19_FLOORS = (0.955, 0.91, 0.92)
# (Raised after the sixteenth round, which tuned on it, from 0.94 / 0.875 / 0.895; the round ended at
# 0.960 / 0.916 / 0.924, 61 of 66 distinctions.)

# --- dev20: holdout19, scored once at f5a6ba7 (the end of the sixteenth round), then opened --------
# Scored once at 0.948, kappa 0.890, grade 0.924 (59 of 66 distinctions), rounded down to allow a
# couple of points or grades. Raise as the engine improves, never lower.
DEV20_FLOORS = (0.945, 0.88, 0.915)

# --- dev21 and dev22: holdout20 and holdout21, scored once at 7143ca6 (the end of the seventeenth
# round), then opened. dev21 scored 0.919, kappa 0.832, grade 0.808 (56 of 66 distinctions): below
# the goal's 0.92 per point and 0.85 grade; dev22 scored 0.924, kappa 0.839, grade 0.864 (60 of 66).
# Rounded down to allow a couple of points or grades. Raise as the engine improves, never lower.
DEV21_FLOORS = (0.93, 0.865, 0.855)
DEV22_FLOORS = (0.925, 0.85, 0.865)
# (Raised after the eighteenth round, from 0.915 / 0.825 / 0.80 and 0.92 / 0.83 / 0.855; the round
# ended at dev21 0.924 / 0.843 / 0.828, dev22 0.926 / 0.842 / 0.869. Raised again after the
# nineteenth, from 0.92 / 0.835 / 0.82 and 0.92 / 0.835 / 0.86; it ended at dev21 0.938 / 0.871 /
# 0.864, dev22 0.934 / 0.860 / 0.879.)

# --- dev23: holdout22, scored once at 78403fa (the end of the eighteenth round), then opened --------
# Scored once at 0.928, kappa 0.845, grade 0.859 (56 of 66 distinctions); the round's start engine
# gave the same marks. Rounded down to allow a couple of points or grades. Raise, never lower.
DEV23_FLOORS = (0.93, 0.855, 0.875)
# (Raised after the nineteenth round, from 0.92 / 0.835 / 0.85; the round ended at dev23 0.937 /
# 0.863 / 0.884.)

# --- dev24: holdout23, scored once at 728f6b3 (the end of the nineteenth round), then opened --------
# Scored once at 0.943, kappa 0.881, grade 0.909 (58 of 67 distinctions); the round's start engine
# 67492ee gave 0.939, 0.873, 0.899. Rounded down to allow a couple of points or grades. Raise, never
# lower.
DEV24_FLOORS = (0.935, 0.87, 0.895)

# Each development set but tuning, with its floors: (point accuracy, kappa, grade agreement).
FLOORS = {name: (MIN_POINT_ACCURACY, MIN_KAPPA, MIN_GRADE_AGREEMENT) for name in OTHER_DEVELOPMENT_SETS} | {
    "dev3": (DEV3_MIN_POINT_ACCURACY, DEV3_MIN_KAPPA, DEV3_MIN_GRADE_AGREEMENT),
    "dev4": DEV4_FLOORS,
    "dev5": DEV5_FLOORS,
    "dev6": DEV6_FLOORS,
    "dev7": DEV7_FLOORS,
    "dev8": DEV8_FLOORS,
    "dev9": DEV9_FLOORS,
    "dev10": DEV10_FLOORS,
    "dev11": DEV11_FLOORS,
    "dev12": DEV12_FLOORS,
    "dev13": DEV13_FLOORS,
    "dev14": DEV14_FLOORS,
    "dev15": DEV15_FLOORS,
    "dev16": DEV16_FLOORS,
    "dev17": DEV17_FLOORS,
    "dev18": DEV18_FLOORS,
    "dev19": DEV19_FLOORS,
    "dev20": DEV20_FLOORS,
    "dev21": DEV21_FLOORS,
    "dev22": DEV22_FLOORS,
    "dev23": DEV23_FLOORS,
    "dev24": DEV24_FLOORS,
}


@pytest.mark.parametrize("name", FLOORS)
def test_the_other_development_sets_hold_their_floors(assessor: Assessor, name: str) -> None:
    accuracy, kappa, grade = FLOORS[name]
    items = load_set(name, DATA / f"{name}.yaml")
    result = score(assessor, items)
    print(f"\n{name}: {_summary(result)}")
    assert result.answers == len(items) and result.points.total == sum(len(i.points) for i in items)
    assert result.points.accuracy >= accuracy, f"{name}: {_summary(result)}"
    assert result.points.kappa >= kappa, f"{name}: {_summary(result)}"
    # dev2 and tuning2: grade held since the STAR, reasons and results work (0.924, 0.875).
    assert result.grade_agreement >= grade, f"{name}: {_summary(result)}"
