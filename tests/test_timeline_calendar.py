"""The timeline's calendar file is written by our own code (timeline.py says why): it must be,
byte for byte, what the icalendar package writes for the same events, and read back the same."""

import datetime as dt

import icalendar
import pytest

from conftest import REPO
from mobility_portal.load.projects import load_checklist, load_projects
from mobility_portal.model.text import parse_text
from mobility_portal.render.calendar import calendar
from mobility_portal.render.timeline import timeline_rows

TODAY = dt.date(2026, 11, 29)
HOST = "mobility-portal"


def with_icalendar(project, slug, rows, lang, today, host, period_summary=str) -> bytes:
    """The calendar as icalendar writes it: the reference our writer is held to."""
    main = project.main_language
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Mobility Portal//Erasmus+ mobility timeline//EN")
    cal.add("version", "2.0")
    # As TEXT, escapes included (test_the_calendar_name_is_escaped_like_any_text says why we part
    # from icalendar's raw X- properties here).
    cal.add("x-wr-calname", icalendar.vText(project.title.read(lang, main).text))

    def event(uid, summary, start, end, description=""):
        item = icalendar.Event()
        item.add("uid", f"{slug}-{uid}@{host}")
        item.add("dtstamp", dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC))
        item.add("summary", summary)
        item.add("dtstart", start)
        item.add("dtend", (end or start) + dt.timedelta(days=1))
        if description:
            item.add("description", description)
        cal.add_component(item)

    for period in project.mobility_periods:
        label = period.label.read(lang, main).text if period.label else project.title.read(lang, main).text
        event(f"period-{period.id}", period_summary(label), period.start, period.end)
    for row in rows:
        if row.date:
            event(f"step-{row.step}", row.title.read(lang, main).text, row.date, row.end,
                  row.owner.read(lang, main).text if row.owner else "")
    return cal.to_ical()


@pytest.fixture(scope="module")
def examples():
    checklist = load_checklist(REPO)
    return [(loaded, timeline_rows(loaded.project, checklist, TODAY))
            for loaded in load_projects(REPO / "projects", REPO, checklist)]


def test_the_calendar_of_every_example_project_in_every_language_is_icalendars(examples):
    compared = 0
    for loaded, rows in examples:
        for lang in loaded.project.languages:
            summary = f"Mobilität ({lang}): {{}}".format
            ours = calendar(loaded.project, loaded.slug, rows, lang, TODAY, HOST, summary)
            assert ours == with_icalendar(loaded.project, loaded.slug, rows, lang, TODAY, HOST, summary), (loaded.slug, lang)
            assert ours.count(b"BEGIN:VEVENT") == len(loaded.project.mobility_periods) + sum(1 for row in rows if row.date)
            compared += 1
    assert compared >= 4


def test_text_that_must_be_escaped_or_folded_is_written_as_icalendar_writes_it(examples):
    loaded, rows = examples[0]
    hostile = (
        "Réunion; parents, tuteurs \\ entreprises\nsecond line\r\nthird " + "é" * 60
        + " " + "a" * 72 + "\\;" + "x" * 80 + "^n" + "€" * 40
    )
    long_title = "Réunion " + "é" * 60 + " " + "a" * 72 + "€" * 40  # nothing to escape: see below
    project = loaded.project.model_copy(update={"title": parse_text(long_title)})
    ours = calendar(project, loaded.slug, rows, project.main_language, TODAY, HOST, lambda label: label + ", " + hostile)
    assert ours == with_icalendar(project, loaded.slug, rows, project.main_language, TODAY, HOST,
                                  lambda label: label + ", " + hostile)
    read_back = icalendar.Calendar.from_ical(ours)
    assert str(read_back["X-WR-CALNAME"]) == long_title
    assert str(read_back.walk("VEVENT")[0]["SUMMARY"]).endswith(hostile.replace("\r\n", "\n"))
    assert all(len(line) <= 75 for line in ours.split(b"\r\n"))


def test_the_calendar_name_is_escaped_like_any_text(examples):
    # Here we part from icalendar: it writes and reads X- properties as they are, and refuses a
    # line break in them (an assertion error), which a YAML block title ends with. Calendar
    # applications read X-WR-CALNAME as TEXT, escapes included.
    loaded, rows = examples[0]
    title = "Cookery; pastry, bakery \\ more\nin Valencia\n"
    project = loaded.project.model_copy(update={"title": parse_text(title)})
    written = calendar(project, loaded.slug, rows, project.main_language, TODAY, HOST)
    assert b"X-WR-CALNAME:Cookery\\; pastry\\, bakery \\\\ more\\nin Valencia\\n\r\n" in written
    assert len(icalendar.Calendar.from_ical(written).walk("VEVENT")) == len(project.mobility_periods) + sum(1 for row in rows if row.date)
