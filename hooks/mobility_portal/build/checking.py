"""`mobility-portal check`: everything a build would refuse or warn about, without building.

The generation runs in memory (no PDFs, nothing staged, site/ untouched): the schema, the ids and
references, the dates, the surveys, the templates and the hand-written pages are checked as a
build checks them, and the translation gaps are reported. Then the privacy rules: each
project's private/participants.yml must be valid and match its project, and no participant's
name, e-mail or date of birth may appear in any generated page, feed or calendar.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..errors import ProjectError, ProjectErrors
from ..load.projects import project_folders
from ..privacy.leaks import scan_files
from ..privacy.participants import check_participants, read_participants
from .generation import Generation, Settings

NAMED_AT_MOST = 5  # projects with errors named in the summary line; the error list names them all


@dataclass
class CheckReport:
    projects: int = 0  # the project folders checked, those with errors included
    failed: list[str] = field(default_factory=list)  # the projects with errors, by folder name
    waiting: int = 0  # projects not checked, because a shared file they are checked against has errors
    participants: int = 0
    errors: list[ProjectError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.leaks

    def summary(self) -> str:
        """'Checked 3 projects (1 with errors: beta) and 0 participants: 2 errors, 0 personal data
        found, 0 warnings.'"""
        if self.waiting:
            shared = ", ".join(sorted({error.file for error in self.errors}))
            projects = f"0 of {_count(self.waiting, 'project')} (they are checked against {shared}, which has errors)"
        else:
            projects = _count(self.projects, "project")
            if self.failed:
                named = ", ".join(self.failed[:NAMED_AT_MOST]) + (", ..." if len(self.failed) > NAMED_AT_MOST else "")
                projects += f" ({len(self.failed)} with errors: {named})"
        return (f"Checked {projects} and {_count(self.participants, 'participant')}: {_count(len(self.errors), 'error')}, "
                f"{len(self.leaks)} personal data found, {_count(len(self.warnings), 'warning')}.")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def check(settings: Settings) -> CheckReport:
    report = CheckReport()
    folders = project_folders(settings.root / "projects")
    try:
        generation = Generation(settings)
    except ProjectErrors as failed:  # content/timeline.yml or content/questionnaires.yml
        report.errors += failed.errors
        report.waiting = len(folders)
        return report
    report.projects = len(folders)
    try:
        generated = generation.run()
    except ProjectErrors as failed:
        report.errors += failed.errors
        report.failed = _projects_of(failed.errors)
        return report
    report.warnings += generated.warnings
    everyone = []
    for loaded in generated.projects:
        participants, source, errors = read_participants(Path(loaded.folder), settings.root)
        if participants is not None and source is not None:
            errors += check_participants(loaded.project, participants, source)
            everyone += [(loaded.slug, person) for person in participants.participants]
        report.errors += errors
    report.failed = _projects_of(report.errors)
    report.participants = len(everyone)
    report.leaks = [f"{leak.file}: {leak.what}" for leak in scan_files(generated.files, everyone, settings.site_languages)]
    return report


def _projects_of(errors: list[ProjectError]) -> list[str]:
    """The project folders that errors are in (projects/<slug>/...), sorted."""
    parts = [PurePosixPath(error.file).parts for error in errors]
    return sorted({part[1] for part in parts if len(part) > 2 and part[0] == "projects"})
