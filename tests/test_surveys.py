"""Survey exports in the shapes of Microsoft Forms, Google Forms, LimeSurvey and EUSurvey become
aggregates; free answers, names and e-mails are never kept."""

import textwrap
from pathlib import Path

import pytest
from PIL import Image

from mobility_portal.load.projects import load_project, load_questionnaires
from test_model import VALID

REPO = Path(__file__).resolve().parents[1]
QUESTIONNAIRES = load_questionnaires(REPO)

# The same three answers to three questions of the learners' questionnaire, in four export shapes.
SHAPES = {
    "microsoft-forms": (
        '"ID","Start time","Completion time","Email","Name","The preparation before departure was useful.",'
        '"Overall, I am satisfied with my stay.","Would you recommend this mobility to a friend?","What did you like most?"\n'
        '1,1/5/26 9:00:00,1/5/26 9:04:10,anonymous,,Strongly agree,Agree,Yes,"The kitchen, SECRET-FREE-ANSWER-1"\n'
        '2,1/5/26 9:10:00,1/5/26 9:13:00,anonymous,,Agree,Strongly agree,Yes,SECRET-FREE-ANSWER-2\n'
        '3,1/5/26 9:20:00,1/5/26 9:22:40,anonymous,,Neither agree nor disagree,Agree,Not sure,\n',
        "The preparation before departure was useful.", "Overall, I am satisfied with my stay.",
        "Would you recommend this mobility to a friend?", "What did you like most?", {},
    ),
    "google-forms": (
        "Timestamp,Q1 preparation,Q2 overall,Q3 recommend,Q4 liked\n"
        "2026/01/05 9:04:10 AM CET,5,4,Yes,SECRET-FREE-ANSWER-1\n"
        "2026/01/05 9:13:00 AM CET,4,5,Yes,SECRET-FREE-ANSWER-2\n"
        "2026/01/05 9:22:40 AM CET,3,4,Not sure,\n",
        "Q1 preparation", "Q2 overall", "Q3 recommend", "Q4 liked", {},
    ),
    "limesurvey": (
        '"id";"submitdate";"lastpage";"startlanguage";"seed";"Q01";"Q02";"Q03";"Q04"\n'
        '"1";"2026-01-05 09:04:10";"2";"fr";"123";"A5";"A4";"Oui";"SECRET-FREE-ANSWER-1"\n'
        '"2";"2026-01-05 09:13:00";"2";"fr";"456";"A4";"A5";"Oui";"SECRET-FREE-ANSWER-2"\n'
        '"3";"2026-01-05 09:22:40";"2";"fr";"789";"A3";"A4";"Je ne sais pas";""\n',
        "Q01", "Q02", "Q03", "Q04", {"A3": 3, "A4": 4, "A5": 5},
    ),
    "eusurvey": (
        "Mobility satisfaction survey\n"
        "Contribution ID\tUser name\tCreation date\tLanguages\tPreparation\tOverall\tRecommend\tLiked\n"
        "a1b2\tn/a\t05/01/2026 09:04\tEN\t5 - Strongly agree\t4 - Agree\tYes\tSECRET-FREE-ANSWER-1\n"
        "c3d4\tn/a\t05/01/2026 09:13\tEN\t4 - Agree\t5 - Strongly agree\tYes\tSECRET-FREE-ANSWER-2\n"
        "e5f6\tn/a\t05/01/2026 09:22\tEN\t3 - Neither agree nor disagree\t4 - Agree\tNot sure\t\n",
        "Preparation", "Overall", "Recommend", "Liked", {},
    ),
}


def project_with_survey(project_folder, csv_text: str, columns: dict, values: dict, encoding="utf-8"):
    mapping = "".join(f"      {key!r}: {value}\n" for key, value in columns.items())
    extra = "    values: {" + ", ".join(f"{k}: {v}" for k, v in values.items()) + "}\n" if values else ""
    text = VALID + textwrap.dedent("""
    surveys:
      - file: surveys/learners.csv
        respondents: learners
        columns:
    """) + mapping + extra
    root, folder = project_folder(text)
    (folder / "surveys").mkdir()
    (folder / "surveys/learners.csv").write_bytes(csv_text.encode(encoding))
    return load_project(folder, root, None, QUESTIONNAIRES)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_each_export_shape_gives_the_same_aggregates(project_folder, shape):
    csv_text, preparation, overall, recommend, liked, values = SHAPES[shape]
    loaded, errors = project_with_survey(
        project_folder, csv_text,
        {preparation: "preparation-useful", overall: "overall-satisfaction", recommend: "would-recommend", liked: "liked-most"},
        values,
    )
    assert errors == []
    [result] = loaded.surveys
    assert result.respondents == 3
    by_id = {row.question.id: row for row in result.questions}
    assert by_id["preparation-useful"].counts == (0, 0, 1, 1, 1)
    assert by_id["preparation-useful"].mean == 4.0
    assert by_id["overall-satisfaction"].counts == (0, 0, 0, 2, 1)
    assert by_id["overall-satisfaction"].mean == 4.33
    assert by_id["would-recommend"].counts == (2, 0, 1)  # yes, no, not sure
    assert "liked-most" not in by_id  # free answers are never aggregated
    assert "SECRET" not in repr(loaded)


def test_a_utf16_export_with_a_bom_is_read(project_folder):
    csv_text, *columns, values = SHAPES["microsoft-forms"]
    loaded, errors = project_with_survey(
        project_folder, csv_text, {columns[0]: "preparation-useful"}, values, encoding="utf-16"
    )
    assert errors == [] and loaded.surveys[0].questions[0].counts == (0, 0, 1, 1, 1)


def test_an_unknown_answer_a_missing_column_and_an_unknown_question_are_errors(project_folder):
    csv_text = "Timestamp,Q1,Q2\n2026-01-05,5,Meh\n2026-01-05,4,4\n"
    loaded, errors = project_with_survey(
        project_folder, csv_text, {"Q1": "preparation-usefull", "Q2": "overall-satisfaction", "Q9": "language-progress"}, {}
    )
    assert loaded is None
    assert [(error.path, error.message, error.hint) for error in errors] == [
        ("surveys[1].columns.Q1", "expected a question id of the learners questionnaire, found 'preparation-usefull'",
         "did you mean 'preparation-useful'?"),
        ("surveys[1].columns.Q9", "expected a column 'Q9' in surveys/learners.csv, found none", ""),
    ]


def test_an_answer_off_the_scale_is_an_error_with_a_hint(project_folder):
    csv_text = "Timestamp,Q1\n2026-01-05,5\n2026-01-05,Meh\n2026-01-05,Bof\n"
    _loaded, errors = project_with_survey(project_folder, csv_text, {"Q1": "overall-satisfaction"}, {})
    assert [(error.path, error.message, error.hint) for error in errors] == [
        ("surveys[1].columns.Q1", "expected answers of a scale question in column 'Q1', found 'Meh' and 1 more",
         "map such answers under values:, e.g. values: {A5: 5}"),
    ]


def errors_with(project_folder, yaml_tail: str) -> list[tuple[str, str]]:
    root, folder = project_folder(VALID + textwrap.dedent(yaml_tail))
    loaded, errors = load_project(folder, root, None, QUESTIONNAIRES)
    assert loaded is None
    return [(error.path, error.message) for error in errors]


def test_a_quote_without_consent_is_refused(project_folder):
    assert errors_with(project_folder, """
    dissemination:
      testimonials:
        - {text: Great stay!, by: a learner}
    """) == [("dissemination.testimonials[1].consent", "expected consent: true before a quote is published, found no consent")]


def test_a_photo_with_faces_without_consent_is_refused(project_folder):
    root, folder = project_folder(VALID + textwrap.dedent("""
    dissemination:
      gallery:
        - {file: images/team.jpg, alt: The team in the kitchen, faces: true}
    """))
    (folder / "images").mkdir()
    Image.new("RGB", (8, 8)).save(folder / "images/team.jpg")
    _loaded, errors = load_project(folder, root, None, QUESTIONNAIRES)
    assert [(error.path, error.message) for error in errors] == [
        ("dissemination.gallery[1].consent", "expected consent: true for a photo with faces, found no consent")
    ]


def test_results_refer_to_profiles_units_and_partners_by_id(project_folder):
    assert errors_with(project_folder, """
    results:
      units: [{unit: cooking, assessed: 3, validated: 4}]
      transmissions: [{to: lycee-lyn, status: sent}]
    """) == [
        ("results.units[1].validated", "expected at most the number assessed (3), found 4"),
        ("results.units[1].unit", "expected the id of a unit of learning_outcomes (one of: none defined yet), found 'cooking'"),
        ("results.transmissions[1].to", "expected the id of a partner (one of: 'ies-valencia', 'lycee-lyon', 'ihk'), found 'lycee-lyn'"),
    ]


def test_a_cell_too_long_for_the_csv_reader_is_an_error_not_a_traceback(project_folder):
    csv_text = 'Timestamp,Q1\n2026-01-05,"' + "x" * 131_073 + '"\n'
    loaded, errors = project_with_survey(project_folder, csv_text, {"Q1": "preparation-useful"}, {})
    assert loaded is None
    assert [(error.path, error.message, error.hint) for error in errors] == [
        ("surveys[1].file", "expected a CSV export of answers, found a file the CSV reader stops on "
                            "(field larger than field limit (131072))",
         "export the answers again as CSV, without long free-text columns"),
    ]
