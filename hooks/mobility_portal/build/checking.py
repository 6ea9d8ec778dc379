"""`mobility-portal check`: everything a build would refuse or warn about, without building.

The generation runs in memory (no PDFs, nothing staged, site/ untouched): the schema, the ids and
references, the dates, the surveys, the templates and the hand-written pages are checked as a
build checks them, and the translation gaps are reported. Then the privacy rules: each
project's private/participants.yml must be valid and match its project, and no participant's
name, e-mail or date of birth may appear in any generated page, feed or calendar.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ProjectError, ProjectErrors
from ..privacy.leaks import scan_files
from ..privacy.participants import check_participants, read_participants
from .generation import Generation, Settings


@dataclass
class CheckReport:
    projects: int = 0
    participants: int = 0
    errors: list[ProjectError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.leaks


def check(settings: Settings) -> CheckReport:
    report = CheckReport()
    try:
        generated = Generation(settings).run()
    except ProjectErrors as failed:
        report.errors += failed.errors
        return report
    report.projects = len(generated.projects)
    report.warnings += generated.warnings
    everyone = []
    for loaded in generated.projects:
        participants, source, errors = read_participants(Path(loaded.folder), settings.root)
        if participants is not None and source is not None:
            errors += check_participants(loaded.project, participants, source)
            everyone += [(loaded.slug, person) for person in participants.participants]
        report.errors += errors
    report.participants = len(everyone)
    report.leaks = [f"{leak.file}: {leak.what}" for leak in scan_files(generated.files, everyone, settings.site_languages)]
    return report
