"""A PNG chart of attempt scores over time, drawn with Pillow in memory (no files, no telegram).

One line of scores, oldest on the left, with the pass and distinction marks drawn as dashed
guides, so a learner sees at a glance which answers cleared which bar.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 900, 500
# Plot area inside the image: room on the left for the score labels, below for the answers axis.
LEFT, RIGHT, TOP, BOTTOM = 70, 160, 50, 80

BACKGROUND = (255, 255, 255)
AXIS = (60, 60, 60)
GRID = (225, 225, 225)
LINE = (33, 102, 172)
PASS_COLOUR = (230, 140, 0)
DISTINCTION_COLOUR = (40, 150, 60)

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


def font(size: int) -> Font:
    # Pillow's bundled default font scales when FreeType is available; otherwise a small bitmap.
    return ImageFont.load_default(size=size)


def _dashed(
    draw: ImageDraw.ImageDraw, y: float, x0: float, x1: float, colour: tuple[int, int, int]
) -> None:
    x = x0
    while x < x1:
        draw.line([(x, y), (min(x + 10, x1), y)], fill=colour, width=2)
        x += 18


def _short(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def score_chart(
    scores: Sequence[int],
    *,
    pass_mark: int,
    distinction_mark: int,
    dates: Sequence[date] | None = None,
) -> bytes:
    """The chart as PNG bytes. `scores` run oldest first (0 to 100); `dates`, if given, label
    the first and last answer."""
    if not scores:
        raise ValueError("a score chart needs at least one score")
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    small, normal = font(14), font(17)
    x0, x1, y0, y1 = LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM

    def y_of(score: float) -> float:
        return y1 - (y1 - y0) * max(0.0, min(100.0, score)) / 100

    def x_of(index: int) -> float:
        if len(scores) == 1:
            return (x0 + x1) / 2
        return x0 + (x1 - x0) * index / (len(scores) - 1)

    draw.text(((x0 + x1) / 2, 14), "Your scores over time", fill=AXIS, font=normal, anchor="mt")
    for tick in range(0, 101, 25):
        y = y_of(tick)
        draw.line([(x0, y), (x1, y)], fill=GRID, width=1)
        draw.text((x0 - 10, y), str(tick), fill=AXIS, font=small, anchor="rm")
    draw.text((x0 - 10, y0 - 22), "Score", fill=AXIS, font=small, anchor="rm")

    for mark, label, colour in (
        (pass_mark, f"Pass {pass_mark}", PASS_COLOUR),
        (distinction_mark, f"Distinction {distinction_mark}", DISTINCTION_COLOUR),
    ):
        y = y_of(mark)
        _dashed(draw, y, x0, x1, colour)
        draw.text((x1 + 10, y), label, fill=colour, font=small, anchor="lm")

    draw.line([(x0, y0), (x0, y1), (x1, y1)], fill=AXIS, width=2)
    points = [(x_of(i), y_of(s)) for i, s in enumerate(scores)]
    if len(points) > 1:
        draw.line(points, fill=LINE, width=3, joint="curve")
    for x, y in points:
        draw.ellipse([(x - 5, y - 5), (x + 5, y + 5)], fill=LINE)

    # Number the answers along the bottom: every one when few, about ten ticks when many.
    step = max(1, round(len(scores) / 10))
    for i in range(0, len(scores), step):
        draw.text((x_of(i), y1 + 8), str(i + 1), fill=AXIS, font=small, anchor="mt")
    if dates:
        draw.text((x0, y1 + 30), _short(dates[0]), fill=AXIS, font=small, anchor="lt")
        if len(dates) > 1:
            draw.text((x1, y1 + 30), _short(dates[-1]), fill=AXIS, font=small, anchor="rt")
    draw.text(
        ((x0 + x1) / 2, HEIGHT - 22), "Answers, oldest to newest", fill=AXIS, font=normal, anchor="mm"
    )

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
