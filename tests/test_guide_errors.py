"""The checks of the guide's sections: references by id, weights, consent, dates; exact messages."""

import shutil
from pathlib import Path

import pytest

from mobility_portal.load.projects import load_checklist, load_project

GUIDE = Path(__file__).resolve().parent / "roots/guide"
GAMMA = (GUIDE / "projects/gamma/project.yml").read_text(encoding="utf-8")


def errors_of(tmp_path, old: str, new: str) -> list[str]:
    assert old in GAMMA, old
    folder = tmp_path / "projects/gamma"
    shutil.copytree(GUIDE / "projects/gamma", folder)
    (folder / "project.yml").write_text(GAMMA.replace(old, new), encoding="utf-8")
    loaded, errors = load_project(folder, tmp_path, load_checklist(GUIDE))
    assert loaded is None
    return [str(error) for error in sorted(errors)]


def test_the_unchanged_project_is_valid(tmp_path):
    folder = tmp_path / "projects/gamma"
    shutil.copytree(GUIDE / "projects/gamma", folder)
    assert load_project(folder, tmp_path, load_checklist(GUIDE))[1] == []


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "weight: 40", "weight: 30",
            "projects/gamma/project.yml:48: call.criteria\n"
            "    expected weights adding up to 100, found 90",
        ),
        (
            "closes: 2026-10-31", "closes: 2026-09-30",
            "projects/gamma/project.yml:47: call.closes\n"
            "    expected a date on or after opens (2026-10-01), found 2026-09-30",
        ),
        (
            "name: Rui Costa, consent: true", "name: Rui Costa",
            "projects/gamma/project.yml:67: host_companies[id=padaria-sol].tutor.consent\n"
            "    expected consent: true before the tutor's name 'Rui Costa' is published, found no consent",
        ),
        (
            "{step: sign-contract,", "{step: sign-contracts,",
            "projects/gamma/project.yml:90: timeline[2].step\n"
            "    expected a step of the checklist content/timeline.yml, or a title and a phase for a step of "
            "the project's own, found 'sign-contracts'\n"
            "    hint: did you mean 'sign-contract'?",
        ),
        (
            "units: [bread]}]", "units: [breads]}]",
            "projects/gamma/project.yml:57: pedagogical_contract.units[1].units[1]\n"
            "    expected the id of a unit of learning_outcomes (one of: 'bread'), found 'breads'\n"
            "    hint: did you mean 'bread'?",
        ),
        (
            "host_company: padaria-sol", "host_company: padaria-sul",
            "projects/gamma/project.yml:57: pedagogical_contract.units[1].host_company\n"
            "    expected the id of a host company (one of: 'padaria-sol', 'padaria-lua'), found 'padaria-sul'\n"
            "    hint: did you mean 'padaria-sol'?",
        ),
        (
            "{profile: cap-first-year,", "{profile: cap-first,",
            "projects/gamma/project.yml:57: pedagogical_contract.units[1].profile\n"
            "    expected the id of a learner profile (one of: 'cap-first-year'), found 'cap-first'\n"
            "    hint: did you mean 'cap-first-year'?",
        ),
        (
            "period: may}", "period: june}",
            "projects/gamma/project.yml:60: accompanying_persons[id=teacher].period\n"
            "    expected the id of a mobility period (one of: 'may'), found 'june'",
        ),
        (
            "    units: [bread]\n    profiles: [cap-first-year]", "    units: [pain]\n    profiles: [cap-first-year]",
            "projects/gamma/project.yml:68: host_companies[id=padaria-sol].units[1]\n"
            "    expected the id of a unit of learning_outcomes (one of: 'bread'), found 'pain'",
        ),
        (
            "form: files/application-form.pdf}", "form: files/form.pdf}",
            "projects/gamma/project.yml:51: call.application.form\n"
            "    expected a file at projects/gamma/files/form.pdf, found none\n"
            "    hint: did you mean 'files/application-form.pdf'?",
        ),
        (
            "  learners:\n    key_message:", "  learner:\n    key_message:",
            "projects/gamma/project.yml:32: audiences.learner\n"
            "    unknown key 'learner': expected 'learners', 'sending_companies', 'host_partner', "
            "'host_companies' or 'funders_and_public'\n"
            "    hint: did you mean 'learners'?",
        ),
    ],
    ids=["weights", "call-dates", "tutor-consent", "timeline-step", "contract-unit", "contract-company",
         "contract-profile", "accompanying-period", "company-unit", "application-form", "audience-key"],
)
def test_a_broken_section_gives_an_exact_error(tmp_path, old, new, expected):
    assert errors_of(tmp_path, old, new) == [expected]


def test_a_step_of_the_projects_own_needs_a_title_and_a_phase(tmp_path):
    errors = errors_of(
        tmp_path,
        "{step: visit-porto, title: {en: Preparatory visit to Porto, fr: Visite préparatoire à Porto}, phase: before,",
        "{step: visit-porto,",
    )
    assert errors == [
        "projects/gamma/project.yml:92: timeline[4].step\n"
        "    expected a step of the checklist content/timeline.yml, or a title and a phase for a step of "
        "the project's own, found 'visit-porto'\n"
        "    hint: add title: and phase: to make it a step of this project"
    ]
