"""The typed model: loading a valid project, translatable text, status from the dates."""

import datetime as dt

import pytest

from mobility_portal.load.projects import load_project
from mobility_portal.model.project import PartnerRole, Status
from mobility_portal.model.text import parse_text

VALID = """
title: {fr: Cuisiniers à Valence, en: Cooks in Valencia}
summary: {fr: Un stage., en: A placement.}
objectives:
  - {fr: Apprendre, en: Learn}
action: KA121-VET
project_code: 2026-1-FR01-KA121-VET-000000001
granting_agency:
  name: Agence Erasmus+ France / Education Formation
  country: FR
sector: {fr: Cuisine, en: Cookery}
languages: [fr, en]
mobility_periods:
  - {id: first, start: 2027-03-08, end: 2027-04-02, host: ies-valencia}
  - {id: second, start: 2027-05-03, end: 2027-05-28, country: PT, city: Porto}
partners:
  - id: ies-valencia
    role: host
    name: IES Valencia
    country: ES
    city: Valencia
  - id: lycee-lyon
    role: sending
    name: Lycée de Lyon
    country: FR
    city: Lyon
    contacts:
      - {role: mentor, name: Claire Martin, email: claire@lycee.example.fr, phone: +33 4 72 00 00 00}
      - {role: emergency, phone: +33 6 00 00 00 00, hours: {fr: 24 h/24, en: 24/7}}
  - {id: ihk, role: certifier, name: Chambre, country: FR, city: Lyon}
"""


def load(project_folder, text=VALID):
    root, folder = project_folder(text)
    loaded, errors = load_project(folder, root)
    assert errors == []
    return loaded.project


def test_a_valid_project_loads_with_identity_and_partners(project_folder):
    project = load(project_folder)
    assert project.title.read("en", "fr").text == "Cooks in Valencia"
    assert project.programme == "Erasmus+"
    assert project.main_language == "fr"
    assert project.start == dt.date(2027, 3, 8)
    assert project.end == dt.date(2027, 5, 28)
    # partners are grouped in role order; countries start with the sending side
    assert list(project.partners_by_role()) == [PartnerRole.SENDING, PartnerRole.HOST, PartnerRole.CERTIFIER]
    assert project.countries == ["FR", "ES"]
    assert project.partners[1].contacts[1].hours.read("en", "fr").text == "24/7"


@pytest.mark.parametrize(
    "today, status",
    [
        (dt.date(2027, 3, 7), Status.UPCOMING),
        (dt.date(2027, 3, 8), Status.ONGOING),
        (dt.date(2027, 4, 20), Status.ONGOING),  # between the two periods: the project runs on
        (dt.date(2027, 5, 28), Status.ONGOING),
        (dt.date(2027, 5, 29), Status.COMPLETED),
    ],
)
def test_status_comes_from_the_dates_and_the_build_date(project_folder, today, status):
    assert load(project_folder).status(today) == status


def test_a_text_falls_back_to_the_main_language_and_says_so():
    text = parse_text({"fr": "Bonjour", "en": "Hello"})
    assert text.read("en", "fr").text == "Hello"
    assert not text.read("en", "fr").fallback
    reading = text.read("de", "fr")
    assert (reading.text, reading.lang, reading.fallback) == ("Bonjour", "fr", True)


def test_a_plain_string_is_the_same_in_every_language():
    reading = parse_text("IES Valencia").read("de", "fr")
    assert (reading.text, reading.lang, reading.fallback) == ("IES Valencia", None, False)
    assert parse_text("IES Valencia").has("fi")


def test_model_sections_of_the_design_table_exist_as_typed_parts():
    from mobility_portal.model.project import Project

    sections = {
        "certification", "learning_outcomes", "learner_profiles", "audiences", "call",
        "pedagogical_contract", "accompanying_persons", "host_companies", "practical",
        "preparation", "funders", "stay_programme", "during", "results", "timeline", "news",
    }
    assert sections <= set(Project.model_fields)
    assert all(not Project.model_fields[name].is_required() for name in sections)
