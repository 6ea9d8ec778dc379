"""The iCalendar file of a project's timeline: its mobility periods and dated steps.

The calendar is written here, not with the icalendar package: it has one shape (all-day events
with six properties), and icalendar's serializer took 9 ms per calendar, as long as rendering
all of a project's pages in a language; a portal of 100 projects in 4 languages writes 400 of
them. tests/test_timeline_calendar.py checks these bytes against icalendar's own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..model.project import Project
from .timeline import TimelineRow


def calendar(
    project: Project, slug: str, rows: list[TimelineRow], lang: str, today: dt.date, host: str,
    period_summary: Callable[[str], str] = str,
) -> bytes:
    """An RFC 5545 calendar of the mobility periods and the dated steps, in `lang`.

    Every event is all-day (DTEND is the day after, as RFC 5545 wants); UIDs and DTSTAMP come
    from the data and the build date, so the same input gives the same file.
    """
    main = project.main_language
    stamp = today.strftime("%Y%m%dT000000Z")
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Mobility Portal//Erasmus+ mobility timeline//EN",
        f"X-WR-CALNAME:{_text(project.title.read(lang, main).text)}",
    ]

    def event(uid: str, summary: str, start: dt.date, end: dt.date | None, description: str = "") -> None:
        # icalendar's order of properties, so that the file is the one it would write
        lines.extend([
            "BEGIN:VEVENT",
            f"SUMMARY:{_text(summary)}",
            f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{(end or start) + dt.timedelta(days=1):%Y%m%d}",
            f"DTSTAMP:{stamp}",
            f"UID:{_text(f'{slug}-{uid}@{host}')}",
        ])
        if description:
            lines.append(f"DESCRIPTION:{_text(description)}")
        lines.append("END:VEVENT")

    for period in project.mobility_periods:
        label = period.label.read(lang, main).text if period.label else project.title.read(lang, main).text
        event(f"period-{period.id}", period_summary(label), period.start, period.end)
    for row in rows:
        if row.date:
            owner = row.owner.read(lang, main).text if row.owner else ""
            event(f"step-{row.step}", row.title.read(lang, main).text, row.date, row.end, owner)
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines).encode()


def _text(value: str) -> str:
    """An RFC 5545 TEXT value (3.3.11): backslash, semicolon, comma and line breaks escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


FOLD_AT = 75  # octets: a content line is continued on the next, after CRLF and a space (RFC 5545 3.1)


def _fold(line: str) -> str:
    """`line` cut before it reaches 75 octets, never inside a UTF-8 character nor right after
    a backslash or a caret (clients mishandle an escape split over two lines), as icalendar folds."""
    if len(line.encode()) < FOLD_AT:
        return line
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        char_size = len(char.encode())
        if current and size + char_size >= FOLD_AT:
            carried = current.pop() if len(current) > 1 and current[-1] in "\\^" else ""
            parts.append("".join(current))
            current = [carried] if carried else []
            size = len(carried)
        current.append(char)
        size += char_size
    parts.append("".join(current))
    return "\r\n ".join(parts)
