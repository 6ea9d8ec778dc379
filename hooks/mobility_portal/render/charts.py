"""Accessible SVG charts of survey aggregates: one 100 % stacked bar per scale question.

Each bar sits under its question's own words, wrapped to the chart's width, with the mean at its
end; the chart is narrow (480 units) so that it reads at the width of a phone without shrinking
its text to nothing, and at its natural size on a laptop. The scale's words are a legend in the
page (results.md.j2), not in the drawing, so that they wrap instead of being cut. The chart has a
title and a description that say in words what it shows; the page puts a data table with the same
numbers beside it, so nobody depends on seeing colours.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

from ..load.surveys import SCALE, SurveyResult
from ..model.questionnaires import Question

# A diverging palette that stays distinct for colour-blind readers (ColorBrewer RdBu).
COLOURS = {1: "#b2182b", 2: "#ef8a62", 3: "#bdbdbd", 4: "#67a9cf", 5: "#2166ac"}
WIDTH, MEAN = 480, 48  # the drawing's width and the room at the end of each bar for the mean
FONT, LINE, BAR, GAP = 16, 19, 20, 14  # question text size and line height, bar height, space after a bar
# Characters of question text per line: a sans-serif letter is about 0.55 of the font size wide;
# counted a little wider, so that a line of wide letters still ends inside the drawing.
CHARACTERS = int(WIDTH / (FONT * 0.58))


def question_lines(text: str) -> list[str]:
    """A question's text in lines that fit the chart's width (a longer word stays whole)."""
    return textwrap.wrap(text, CHARACTERS, break_long_words=False, break_on_hyphens=False) or [""]


def scale_chart(result: SurveyResult, chart_id: str, title: str,
                question_text: Callable[[Question], tuple[str, str | None]], scale_labels: list[str],
                mean_label: str, number: Callable[[float], str] = lambda value: f"{value:.2f}") -> str:
    """The SVG of a survey's scale questions. `question_text(question)` gives a question's words
    in the page's language and the language they are in when it is another (else None)."""
    rows = [row for row in result.questions if row.question.kind == "scale" and row.answers and row.mean is not None]
    means = [row.mean or 0.0 for row in rows]  # every row has one: answered
    texts = [question_text(row.question) for row in rows]
    description = "; ".join(
        f"{words} — {mean_label} {number(mean)} / 5, "
        + ", ".join(f"{scale_labels[point - 1]} {count}" for point, count in zip(SCALE, row.counts))
        for (words, _), row, mean in zip(texts, rows, means)
    )
    bar_width = WIDTH - MEAN
    body: list[str] = []
    y = 0
    for (words, lang), row, mean in zip(texts, rows, means):
        language = f" lang={quoteattr(lang)}" if lang else ""
        for line in question_lines(words):
            y += LINE
            body.append(f'<text x="0" y="{y - 4}" font-size="{FONT}" fill="currentColor"{language}>{escape(line)}</text>')
        top = y + 2
        x = 0.0
        for point, count in zip(SCALE, row.counts):
            if not count:
                continue
            width = bar_width * count / row.answers
            body.append(f'<rect x="{x:.1f}" y="{top}" width="{width:.1f}" height="{BAR}" fill="{COLOURS[point]}">'
                        f'<title>{escape(scale_labels[point - 1])}: {count}</title></rect>')
            if width > 16:
                colour = "#fff" if point in (1, 5) else "#111"
                body.append(f'<text x="{x + width / 2:.1f}" y="{top + BAR - 6}" font-size="12" text-anchor="middle" '
                            f'fill="{colour}">{count}</text>')
            x += width
        body.append(f'<text x="{WIDTH}" y="{top + BAR - 5}" font-size="{FONT}" font-weight="700" text-anchor="end" '
                    f'fill="currentColor">{number(mean)}</text>')
        y = top + BAR + GAP
    height = max(y - GAP + 2, 1)
    return "".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" class="mp-chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        *body,
        "</svg>",
    ])
