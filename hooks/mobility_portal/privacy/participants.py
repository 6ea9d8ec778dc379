"""Personal data of learners: projects/<slug>/private/participants.yml (git-ignored).

The site generation never reads it. The leak guard (leaks.py) reads it at the very end of a
build, only to make sure that no participant's name, e-mail or date of birth appears anywhere
in site/.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ProjectError, did_you_mean
from ..load.projects import validate
from ..load.yaml_source import YamlSource, read_yaml
from ..model.participants import Participant, Participants
from ..model.project import Project

PARTICIPANTS = Path("private") / "participants.yml"


def read_participants(folder: Path, root: Path) -> tuple[Participants | None, YamlSource | None, list[ProjectError]]:
    """One project's private/participants.yml: (None, None, []) when the project has none."""
    file = folder / PARTICIPANTS
    if not file.is_file():
        return None, None, []
    source = read_yaml(file, file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file))
    if source.errors:
        return None, source, source.errors
    loaded, errors = validate(source, Participants)
    return loaded, source, errors


def check_participants(project: Project, participants: Participants, source: YamlSource) -> list[ProjectError]:
    """The privacy file's references to the project: profiles, host companies, units, languages,
    dates within the project, one folder per participant."""
    errors = []
    choices = {
        "profile": ("a learner profile", [profile.id for profile in project.learner_profiles]),
        "host_company": ("a host company", [company.id for company in project.host_companies]),
        "language": ("a language of the project", list(project.languages)),
    }
    units = [unit.id for unit in project.learning_outcomes]
    keys: dict[str, int] = {}
    for index, person in enumerate(participants.participants):
        where = ("participants", index)
        for key, (what, valid) in choices.items():
            value = getattr(person, key)
            if value is not None and value not in valid:
                errors.append(source.error((*where, key), f"expected {what} (one of: {', '.join(map(repr, valid)) or 'none defined'}), "
                                                          f"found {value!r}", did_you_mean(value, valid)))
        for unit in person.results:
            if unit not in units:
                errors.append(source.error((*where, "results", unit), f"expected a unit of learning_outcomes (one of: "
                                           f"{', '.join(map(repr, units)) or 'none defined'}), found {unit!r}", did_you_mean(unit, units)))
        for key in ("start", "end"):
            day = getattr(person, key)
            if day is not None and not project.start <= day <= project.end:
                errors.append(source.error((*where, key),
                                           f"expected a date within the project ({project.start} to {project.end}), found {day}",
                                           "a stay lies within the start: and end: of project.yml"))
        if person.start and person.end and person.end < person.start:
            errors.append(source.error((*where, "end"), f"expected an end on or after the start ({person.start}), found {person.end}"))
        if person.key in keys:
            errors.append(source.error((*where, "id") if person.id else (*where, "name"),
                                       f"two participants would share the document folder {person.key!r} "
                                       f"(participant {keys[person.key] + 1} has it)", "give each participant an id: of their own"))
        keys.setdefault(person.key, index)
    return errors


def load_participants(projects_dir: Path, root: Path) -> tuple[list[tuple[str, Participant]], list[ProjectError]]:
    """Every project's participants, as (slug, participant), for the guard."""
    found, errors = [], []
    for file in sorted(projects_dir.glob(f"*/{PARTICIPANTS.as_posix()}")):
        folder = file.parent.parent
        loaded, _, problems = read_participants(folder, root)
        errors += problems
        if loaded:
            found += [(folder.name, participant) for participant in loaded.participants]
    return found, errors
