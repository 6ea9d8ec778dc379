"""`mobility-portal status`: the coordinator's own report, on the build date.

What is internal stays here (and in the preview of `serve`): overdue steps, the steps still
undated, the internal notes of steps and of the project. The portal and the packs never show
them; a reader needs what to do next, not the school's backlog.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from ..languages.labels import Labels
from ..load.projects import load_checklist, load_projects
from ..model.project import LoadedProject, Status
from ..render.context import project_rows
from ..render.timeline import TimelineRow

SOON = 30  # days ahead the report lists what is coming


def status_report(root: Path, today: dt.date, slug: str | None = None) -> Iterator[str]:
    """The report's lines, project by project (only `slug` when given). Raises ProjectErrors."""
    checklist = load_checklist(root)
    labels = Labels(root / "theme" / "locales")
    for loaded in load_projects(root / "projects", root, checklist):
        if slug is None or loaded.slug == slug:
            yield from _project_lines(loaded, project_rows(loaded, checklist, today, labels), today)


def _project_lines(loaded: LoadedProject, rows: list[TimelineRow], today: dt.date) -> Iterator[str]:
    project = loaded.project
    lang = project.main_language
    status = project.status(today)
    yield f"projects/{loaded.slug}: {project.title.read(lang, lang).text}"
    yield f"  {status.value}, {project.start.isoformat()} to {project.end.isoformat()} (today {today.isoformat()})"
    for call in project.all_calls:
        state = call.state(today)
        state = "rolling" if call.rolling and state == "open" else state
        closes = f", closes {call.closes.isoformat()}" if call.closes and state == "open" else ""
        yield f"  {f'call {call.id}' if call.id else 'call'}: {state}{closes}"
    overdue = [row for row in rows if row.overdue]
    coming = [row for row in rows if row.pending and row.date and today <= row.date <= today + dt.timedelta(days=SOON)]
    undated = [row for row in rows if row.pending and row.date is None]
    for heading, group in ((f"overdue ({len(overdue)})", overdue), (f"in the next {SOON} days ({len(coming)})", coming)):
        if group:
            yield f"  {heading}:"
            yield from (_row_line(row, lang) for row in group)
    if undated and status != Status.COMPLETED:
        yield f"  not dated yet ({len(undated)}): " + ", ".join(row.step for row in undated)
    notes = [row for row in rows if row.internal_note and row not in overdue and row not in coming]
    for row in notes:
        yield f"  note on {row.step}: {row.internal_note}"
    for note in project.internal_notes:
        yield f"  note: {note}"
    yield ""


def _row_line(row: TimelineRow, lang: str) -> str:
    when = row.date.isoformat() if row.date else ""
    owner = f" ({row.owner.read(lang, lang).text})" if row.owner else ""
    line = f"    {when}  {row.step}: {row.title.read(lang, lang).text}{owner}, {row.status.value}"
    return line + (f"\n      note: {row.internal_note}" if row.internal_note else "")
