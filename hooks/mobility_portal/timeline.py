"""The timeline: the guide's default checklist (content/timeline.yml) merged with what a project
says of each step (date, owner, status), plus the iCalendar file of the dated steps.

The calendar is written here, not with the icalendar package: it has one shape (all-day events
with six properties), and icalendar's serializer took 9 ms per calendar, as long as rendering
all of a project's pages in a language; a portal of 100 projects in 4 languages writes 400 of
them. tests/test_timeline_calendar.py checks these bytes against icalendar's own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from .model import Audience, Id, Part, Phase, Project, StepStatus, Text

PHASE_ORDER = {Phase.BEFORE: 0, Phase.DURING: 1, Phase.AFTER: 2}
OPEN = (StepStatus.TODO, StepStatus.DOING)


class ChecklistStep(Part):
    id: Id
    phase: Phase
    audiences: list[Audience] = []
    title: Text


class Checklist(Part):
    steps: list[ChecklistStep] = []

    @property
    def step_ids(self) -> list[str]:
        return [step.id for step in self.steps]


@dataclass(frozen=True)
class TimelineRow:
    step: str
    phase: Phase
    title: Text
    audiences: tuple[Audience, ...]
    date: dt.date | None
    end: dt.date | None
    owner: Text | None
    status: StepStatus
    note: Text | None
    overdue: bool


def timeline_rows(project: Project, checklist: Checklist, today: dt.date) -> list[TimelineRow]:
    """Every step, the checklist's and the project's own, by phase, then by date; undated last."""
    entries = {entry.step: entry for entry in project.timeline}
    rows: list[tuple[int, TimelineRow]] = []
    for index, step in enumerate(checklist.steps):
        entry = entries.get(step.id)
        audiences = entry.audiences if entry and entry.audiences is not None else step.audiences
        rows.append((index, _row(step.id, step.phase, step.title, audiences, entry, today)))
    own = [entry for entry in project.timeline if entry.step not in checklist.step_ids]
    for index, entry in enumerate(own, start=len(checklist.steps)):
        rows.append((index, _row(entry.step, entry.phase or Phase.BEFORE, entry.title, entry.audiences or [], entry, today)))
    rows.sort(key=lambda pair: (PHASE_ORDER[pair[1].phase], pair[1].date is None, pair[1].date or dt.date.min, pair[0]))
    return [row for _, row in rows]


def _row(step, phase, title, audiences, entry, today) -> TimelineRow:
    status = entry.status if entry else StepStatus.TODO
    date = entry.date if entry else None
    end = entry.end if entry else None
    last_day = end or date
    return TimelineRow(
        step=step, phase=phase, title=title, audiences=tuple(audiences), date=date, end=end,
        owner=entry.owner if entry else None, status=status, note=entry.note if entry else None,
        overdue=bool(last_day and last_day < today and status in OPEN),
    )


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
