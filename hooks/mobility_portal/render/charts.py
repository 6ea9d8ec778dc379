"""Accessible SVG charts of survey aggregates: one 100 % stacked bar per scale question.

The chart has a title and a description that say in words what it shows; the page puts a data
table with the same numbers beside it, so nobody depends on seeing colours.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from ..load.surveys import SCALE, SurveyResult

# A diverging palette that stays distinct for colour-blind readers (ColorBrewer RdBu).
COLOURS = {1: "#b2182b", 2: "#ef8a62", 3: "#bdbdbd", 4: "#67a9cf", 5: "#2166ac"}
WIDTH, LABEL, MEAN, ROW, BAR = 640, 44, 56, 30, 20


def scale_chart(result: SurveyResult, chart_id: str, title: str, question_label, scale_labels: list[str],
                mean_label: str, number=lambda value: f"{value:.2f}") -> str:
    """The SVG of a survey's scale questions; `question_label(i)` names row i (Q1, Q2...)."""
    rows = [question for question in result.questions if question.question.kind == "scale" and question.answers]
    bar_width = WIDTH - LABEL - MEAN
    height = ROW * len(rows) + 34
    description = "; ".join(
        f"{question_label(i)}: {mean_label} {number(row.mean)} / 5, "
        + ", ".join(f"{scale_labels[point - 1]} {count}" for point, count in zip(SCALE, row.counts))
        for i, row in enumerate(rows, start=1)
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="mp-chart" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for i, row in enumerate(rows):
        y = i * ROW + 4
        parts.append(f'<text x="0" y="{y + BAR - 5}" font-size="13" fill="currentColor">{escape(question_label(i + 1))}</text>')
        x = float(LABEL)
        for point, count in zip(SCALE, row.counts):
            if not count:
                continue
            width = bar_width * count / row.answers
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR}" fill="{COLOURS[point]}">'
                         f'<title>{escape(scale_labels[point - 1])}: {count}</title></rect>')
            if width > 18:
                colour = "#fff" if point in (1, 5) else "#111"
                parts.append(f'<text x="{x + width / 2:.1f}" y="{y + BAR - 6}" font-size="11" text-anchor="middle" '
                             f'fill="{colour}">{count}</text>')
            x += width
        parts.append(f'<text x="{WIDTH}" y="{y + BAR - 5}" font-size="13" text-anchor="end" fill="currentColor">{number(row.mean)}</text>')
    legend_y = len(rows) * ROW + 20
    x = float(LABEL)
    for point in SCALE:
        label = scale_labels[point - 1]
        parts.append(f'<rect x="{x:.1f}" y="{legend_y - 10}" width="10" height="10" fill="{COLOURS[point]}"/>'
                     f'<text x="{x + 14:.1f}" y="{legend_y}" font-size="11" fill="currentColor">{escape(label)}</text>')
        x += 14 + 6.5 * len(label) + 12
    parts.append("</svg>")
    return "".join(parts)

