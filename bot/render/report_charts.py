"""Charts for the assessor's PDF report, drawn with Pillow in memory (the style of bot.render.chart).
They are handed to the PDF as images, not PNG bytes: encoding each would double the work.

`bar_chart` draws horizontal bars (one learner's recent average, or one skill's mastery) with
optional dashed pass and distinction marks; `learner_scores` reuses the learner's own /progress
chart with the title changed to name them, so assessor and learner see the same picture.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from bot.mastery.progress import CHART_POINTS, ProgressSummary
from bot.render import chart

BAR_HEIGHT, GAP = 26, 10
LABEL_WIDTH, VALUE_WIDTH = 260, 60
STATUS_COLOURS = {"red": (200, 40, 40), "amber": (230, 140, 0), "green": (40, 150, 60)}
NEUTRAL = chart.LINE
# A font with wide Unicode coverage, where the system has one: names are not all Latin.
# (Regular, bold) pairs; the first pair whose regular file exists is used.
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans"
FONT_FILES: tuple[tuple[str, str], ...] = (
    (f"{DEJAVU}.ttf", f"{DEJAVU}-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
    ("/usr/local/share/fonts/DejaVuSans.ttf", "/usr/local/share/fonts/DejaVuSans-Bold.ttf"),
    ("/Library/Fonts/Arial Unicode.ttf", "/Library/Fonts/Arial Unicode.ttf"),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
)


@functools.cache
def unicode_font() -> tuple[Path, Path] | None:
    """(regular, bold) font files with wide coverage, if the system has them."""
    for regular, bold in FONT_FILES:
        if Path(regular).is_file():
            return Path(regular), Path(bold) if Path(bold).is_file() else Path(regular)
    return None


def _font(size: int) -> chart.Font:
    # Not cached: font objects are used from export threads; loading one takes a millisecond.
    found = unicode_font()
    if found is not None:
        try:
            return ImageFont.truetype(str(found[0]), size)
        except OSError:
            pass
    return chart.font(size)


def _fit(draw: ImageDraw.ImageDraw, text: str, font: chart.Font, width: int) -> str:
    """Shorten a label with an ellipsis until it fits `width` pixels."""
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def bar_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[int | None],
    colours: Sequence[tuple[int, int, int]] | None = None,
    *,
    marks: Sequence[tuple[int, str, tuple[int, int, int]]] = (),
) -> Image.Image:
    """An image of one bar per label (0 to 100; None draws "no answers"), top to bottom."""
    rows = max(1, len(labels))
    width = chart.WIDTH
    top, bottom = 60, 50
    height = top + bottom + rows * (BAR_HEIGHT + GAP)
    image = Image.new("RGB", (width, height), chart.BACKGROUND)
    draw = ImageDraw.Draw(image)
    small, normal = _font(14), _font(17)
    x0, x1 = LABEL_WIDTH, width - VALUE_WIDTH
    draw.text((width / 2, 18), title, fill=chart.AXIS, font=normal, anchor="mt")

    def x_of(value: float) -> float:
        return x0 + (x1 - x0) * max(0.0, min(100.0, value)) / 100

    y_end = top + rows * (BAR_HEIGHT + GAP)
    for tick in range(0, 101, 25):
        draw.line([(x_of(tick), top - 5), (x_of(tick), y_end)], fill=chart.GRID, width=1)
        draw.text((x_of(tick), y_end + 6), str(tick), fill=chart.AXIS, font=small, anchor="mt")
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + i * (BAR_HEIGHT + GAP)
        mid = y + BAR_HEIGHT / 2
        draw.text((x0 - 10, mid), _fit(draw, label, small, x0 - 20), fill=chart.AXIS, font=small, anchor="rm")
        if value is None:
            draw.text((x0 + 6, mid), "no answers yet", fill=chart.AXIS, font=small, anchor="lm")
            continue
        colour = colours[i] if colours else NEUTRAL
        draw.rectangle([(x0, y), (max(x0 + 2, x_of(value)), y + BAR_HEIGHT)], fill=colour)
        draw.text((x_of(value) + 6, mid), str(value), fill=chart.AXIS, font=small, anchor="lm")
    for mark, label, colour in marks:
        x = x_of(mark)
        y = top - 5
        while y < y_end:
            draw.line([(x, y), (x, min(y + 8, y_end))], fill=colour, width=2)
            y += 14
        draw.text((x, top - 10), label, fill=colour, font=small, anchor="mb")
    draw.line([(x0, top - 5), (x0, y_end)], fill=chart.AXIS, width=2)
    return image


def learner_scores(summary: ProgressSummary, name: str) -> Image.Image | None:
    """The learner's /progress chart, titled with their name; None with no answers."""
    if not summary.scores:
        return None
    png = chart.score_chart(
        summary.scores[-CHART_POINTS:], pass_mark=summary.pass_mark,
        distinction_mark=summary.distinction_mark, dates=summary.dates[-CHART_POINTS:],
    )
    image = Image.open(io.BytesIO(png)).convert("RGB")
    draw = ImageDraw.Draw(image)
    # Cover the learner-facing title ("Your scores ...") and name the learner instead.
    x0, x1, font = chart.LEFT, chart.WIDTH - chart.RIGHT, _font(17)
    draw.rectangle([(x0 + 1, 0), (x1, chart.TOP - 12)], fill=chart.BACKGROUND)
    title = _fit(draw, f"{name}: scores over time", font, x1 - x0)
    draw.text(((x0 + x1) / 2, 14), title, fill=chart.AXIS, font=font, anchor="mt")
    return image
