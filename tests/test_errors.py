"""Errors for the person editing YAML: exact text, file, line, key path, expected, found, hint."""


from mobility_portal.errors import ProjectErrors, format_errors
from mobility_portal.load.projects import load_project, load_projects
from test_model import VALID


def errors_of(project_folder, text: str) -> list[str]:
    root, folder = project_folder(text)
    loaded, errors = load_project(folder, root)
    assert loaded is None
    return [str(error) for error in sorted(errors)]


def test_yaml_syntax_error_names_the_line(project_folder):
    text = VALID.replace("action: KA121-VET", "action: [KA121-VET")
    assert errors_of(project_folder, text) == [
        "projects/demo/project.yml:6\n"
        "    YAML syntax: expected ',' or ']', found ':'\n"
        "    hint: check the indentation and the quotes on this line and the one before"
    ]


def test_an_invisible_control_character_names_its_line(project_folder):
    # Pasted from a word processor: YAML forbids it, and both parsers stop on it.
    text = VALID.replace("action: KA121-VET", "action: KA121\x07-VET")
    assert errors_of(project_folder, text) == [
        "projects/demo/project.yml:5\n"
        "    YAML syntax: the invisible character U+0007 is not allowed\n"
        "    hint: delete it: it is often pasted by accident from another program"
    ]


def test_unknown_key_suggests_the_close_one(project_folder):
    text = VALID.replace("sector:", "sectr:")
    assert errors_of(project_folder, text) == [
        "projects/demo/project.yml:1\n    missing required key 'sector'\n    hint: add 'sector:' here",
        "projects/demo/project.yml:10: sectr\n    unknown key 'sectr'\n    hint: did you mean 'sector'?",
    ]


def test_wrong_type_says_expected_and_found(project_folder):
    text = VALID.replace("start: 2027-05-03", "start: next spring")
    assert errors_of(project_folder, text) == [
        "projects/demo/project.yml:14: mobility_periods[id=second].start\n"
        "    expected a date written YYYY-MM-DD, found 'next spring'\n"
        "    hint: write dates as YYYY-MM-DD, e.g. 2027-05-03 for 3 May 2027"
    ]


def test_wrong_choice_suggests_the_close_one(project_folder):
    text = VALID.replace("role: host", "role: hots")
    assert errors_of(project_folder, text) == [
        "projects/demo/project.yml:13: mobility_periods[id=first].host\n"
        "    expected the id of a host or intermediary partner (one of: none defined yet), found 'ies-valencia'",
        "projects/demo/project.yml:17: partners[id=ies-valencia].role\n"
        "    expected 'sending', 'host', 'intermediary', 'sending_company' or 'certifier', found 'hots'\n"
        "    hint: did you mean 'host'?",
    ]


def test_unknown_language_code(project_folder):
    text = VALID.replace("languages: [fr, en]", "languages: [fr, english]")
    assert errors_of(project_folder, text) == [
        "projects/demo/project.yml:11: languages[2]\n"
        "    expected a language code (ISO 639-1, like 'fr'), found 'english'\n"
        "    hint: did you mean 'en'?"
    ]


def test_a_country_name_where_a_code_belongs(project_folder):
    text = VALID.replace("country: ES", "country: Spain")
    assert errors_of(project_folder, text) == [
        "projects/demo/project.yml:19: partners[id=ies-valencia].country\n"
        "    expected a country code (ISO 3166-1, like 'ES'), found 'Spain'\n"
        "    hint: did you mean 'ES'?"
    ]


def test_text_in_a_language_the_project_does_not_offer(project_folder):
    text = VALID.replace("sector: {fr: Cuisine, en: Cookery}", "sector: {fr: Cuisine, es: Cocina}")
    assert errors_of(project_folder, text) == [
        "projects/demo/project.yml:10: sector.es\n"
        "    text in language 'es', which the project does not offer (languages: fr, en)\n"
        "    hint: add 'es' to languages, or remove this text"
    ]


def test_end_before_start(project_folder):
    text = VALID.replace("end: 2027-05-28", "end: 2027-04-28")
    assert errors_of(project_folder, text) == [
        "projects/demo/project.yml:14: mobility_periods[id=second].end\n"
        "    expected a date on or after start (2027-05-03), found 2027-04-28"
    ]


def test_duplicate_id_names_the_first_one(project_folder):
    text = VALID.replace("id: lycee-lyon", "id: ies-valencia")
    assert errors_of(project_folder, text) == [
        "projects/demo/project.yml:21: partners[2].id\n"
        "    duplicate id 'ies-valencia': item 1 of partners (line 16) already has it\n"
        "    hint: give each item its own id"
    ]


def test_reference_to_an_id_that_does_not_exist(project_folder):
    text = VALID.replace("host: ies-valencia", "host: ies-valensia")
    assert errors_of(project_folder, text) == [
        "projects/demo/project.yml:13: mobility_periods[id=first].host\n"
        "    expected the id of a host or intermediary partner (one of: 'ies-valencia'), found 'ies-valensia'\n"
        "    hint: did you mean 'ies-valencia'?"
    ]


def test_duplicate_yaml_key(project_folder):
    text = VALID.replace("action: KA121-VET", "action: KA121-VET\naction: KA122-VET")
    assert errors_of(project_folder, text) == [
        "projects/demo/project.yml:6: action\n"
        "    duplicate key 'action': already given on line 5\n"
        "    hint: keep one of them"
    ]


def test_missing_logo_file(project_folder):
    text = VALID.replace("    city: Valencia\n", "    city: Valencia\n    logo: images/ies.png\n")
    assert errors_of(project_folder, text) == [
        "projects/demo/project.yml:21: partners[id=ies-valencia].logo\n"
        "    expected a file at projects/demo/images/ies.png, found none\n"
        "    hint: put the file in the project folder: images/ for pictures, files/ for documents"
    ]


def test_every_error_of_every_project_comes_at_once(tmp_path):
    for slug, broken in [
        ("one", VALID.replace("sector:", "sectr:").replace("role: host", "role: hots")),
        ("two", VALID.replace("end: 2027-05-28", "end: 2027-04-28")),
    ]:
        (tmp_path / "projects" / slug).mkdir(parents=True)
        (tmp_path / "projects" / slug / "project.yml").write_text(broken.lstrip(), encoding="utf-8")
    try:
        load_projects(tmp_path / "projects", tmp_path)
    except ProjectErrors as raised:
        errors = raised.errors
    else:
        raise AssertionError("broken projects loaded")
    assert [(error.file, error.line) for error in errors] == [
        ("projects/one/project.yml", 1),
        ("projects/one/project.yml", 10),
        ("projects/one/project.yml", 13),
        ("projects/one/project.yml", 17),
        ("projects/two/project.yml", 14),
    ]
    assert format_errors(errors).startswith("5 errors in 2 files:\n\n")


def test_folder_name_must_make_a_web_address(tmp_path):
    (tmp_path / "projects" / "Lyon Valencia").mkdir(parents=True)
    try:
        load_projects(tmp_path / "projects", tmp_path)
    except ProjectErrors as raised:
        assert [error.message for error in raised.errors] == [
            "expected a folder name of lower-case letters, digits and hyphens (it becomes the web address), "
            "found 'Lyon Valencia'"
        ]
    else:
        raise AssertionError("a folder with a space was accepted")


def test_a_misspelt_file_name_suggests_the_file_that_is_there(project_folder):
    text = VALID.replace("    city: Valencia\n", "    city: Valencia\n    logo: images/ies.svg\n")
    root, folder = project_folder(text)
    (folder / "images").mkdir()
    (folder / "images/ies.png").write_bytes(b"\x89PNG")
    _loaded, errors = load_project(folder, root)
    assert [error.hint for error in errors] == ["did you mean 'images/ies.png'?"]
