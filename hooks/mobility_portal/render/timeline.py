"""The timeline: the guide's default checklist (content/timeline.yml) merged with what a project
says of each step (date, owner, status), in the order a reader follows it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ..model.checklist import Checklist, features
from ..model.project import Audience, Phase, Project, StepStatus
from ..model.text import Text

PHASE_ORDER = {Phase.BEFORE: 0, Phase.DURING: 1, Phase.AFTER: 2}


OPEN = (StepStatus.TODO, StepStatus.DOING)


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
    internal_note: str | None  # the coordinator's: status report and preview only
    overdue: bool

    @property
    def pending(self) -> bool:
        return self.status in OPEN


def timeline_rows(project: Project, checklist: Checklist, today: dt.date,
                  documents: Callable[[str], str] | None = None) -> list[TimelineRow]:
    """Every step that applies to the project, the checklist's and the project's own, by phase,
    then by date; undated last. `documents(lang)`: the documents the calls require, as a list in
    that language, for the steps whose title names them."""
    entries = {entry.step: entry for entry in project.timeline}
    has = features(project)
    absent = {audience for audience, feature in ((Audience.SENDING_COMPANIES, "sending_companies"),
                                                  (Audience.HOST_PARTNER, "host_partner")) if feature not in has}
    rows: list[tuple[int, TimelineRow]] = []
    for index, step in enumerate(checklist.steps):
        if not set(step.needs) <= has:
            continue
        entry = entries.get(step.id)
        audiences = entry.audiences if entry and entry.audiences is not None else step.audiences
        audiences = [audience for audience in audiences if audience not in absent]
        title = next((text for feature, text in step.without.items() if feature not in has), step.title)
        if documents is not None and "{documents}" in str(title.plain or dict(title.by_language)):
            title = _with_documents(title, documents)
        rows.append((index, _row(step.id, step.phase, title, audiences, entry, today)))
    own = [entry for entry in project.timeline if entry.step not in checklist.step_ids]
    for index, entry in enumerate(own, start=len(checklist.steps)):
        rows.append((index, _row(entry.step, entry.phase or Phase.BEFORE, entry.title, entry.audiences or [], entry, today)))
    rows.sort(key=lambda pair: (PHASE_ORDER[pair[1].phase], pair[1].date is None, pair[1].date or dt.date.min, pair[0]))
    return [row for _, row in rows]


def _with_documents(title: Text, documents: Callable[[str], str]) -> Text:
    """The title with its {documents} filled in each of its languages."""
    if title.plain is not None:
        return Text(plain=title.plain.replace("{documents}", documents("en")))
    return Text(by_language=tuple((lang, text.replace("{documents}", documents(lang))) for lang, text in title.by_language))


def _row(step, phase, title, audiences, entry, today) -> TimelineRow:
    status = entry.status if entry else StepStatus.TODO
    date = entry.date if entry else None
    end = entry.end if entry else None
    last_day = end or date
    return TimelineRow(
        step=step, phase=phase, title=title, audiences=tuple(audiences), date=date, end=end,
        owner=entry.owner if entry else None, status=status, note=entry.note if entry else None,
        internal_note=entry.internal_note if entry else None,
        overdue=bool(last_day and last_day < today and status in OPEN),
    )


def rows_for_readers(rows: list[TimelineRow], completed: bool, today: dt.date) -> list[TimelineRow]:
    """The steps a public page shows. Once a project is completed, a step never dated, not
    applicable or left open past its date is no news to anyone: what was done stays, and what
    is still to come (the dissemination after the stay), and a step not applicable with the
    note that says why ("no mediation was needed")."""
    if not completed:
        return rows
    return [row for row in rows if (row.status == StepStatus.NOT_APPLICABLE and row.note is not None)
            or (row.date is not None and row.status != StepStatus.NOT_APPLICABLE and (not row.pending or (row.end or row.date) >= today))]
