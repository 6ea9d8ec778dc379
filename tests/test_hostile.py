"""YAML text is data: a corpus of hostile inputs and the exact outcome of each."""

import json
import os
import re
import time

import pytest
from pypdf import PdfReader

from conftest import copy_root, run_mkdocs
from mobility_portal.load.projects import load_project
from test_model import VALID

# text put into a project's texts -> what must never appear in any page (and what must)
INJECTIONS = {
    "<script>alert('x')</script>": ("<script>alert", "&lt;script&gt;alert"),
    '<img src=x onerror="alert(1)">': ("<img src=x", "&lt;img src=x onerror="),
    "[click me](javascript:alert(1))": ('href="javascript:', "&#91;click me&#93;(javascript:alert(1))"),
    "![x](data:text/html;base64,PHNjcmlwdD4=)": ('src="data:text/html', "&#91;x&#93;(data:text/html"),
    '" onmouseover="alert(1)': ('" onmouseover="alert(1)', "&#34; onmouseover=&#34;alert(1)"),
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = copy_root("guide", tmp_path_factory.mktemp("hostile"))
    project = root / "projects/gamma/project.yml"
    text = project.read_text(encoding="utf-8")
    payloads = list(INJECTIONS)
    quoted = [json.dumps(payload) for payload in payloads]  # a JSON string is a YAML string
    text = text.replace("title: {en: Bakers in Porto, fr: Boulangers à Porto}",
                        f"title: {{en: {json.dumps('Bakers ' + payloads[0])}, fr: Boulangers à Porto}}")
    text = text.replace('summary: {en: "Six bakery learners in Porto (Πόρτο, Порту).",', f"summary: {{en: {quoted[1]},")
    text = text.replace("objectives: [{en: Bake in Portugal, fr: Cuire au Portugal}]",
                        f"objectives: [{{en: {quoted[2]}, fr: Cuire}}, {{en: {quoted[3]}, fr: Cuire}}, "
                        f"{{en: {quoted[4]}, fr: Cuire}}]")
    project.write_text(text, encoding="utf-8")
    result = run_mkdocs(root, "build")
    assert result.returncode == 0, result.output
    return result


def test_html_and_markdown_in_texts_are_shown_as_text_never_run(hostile_site):
    pages = list(hostile_site.site.rglob("*.html"))
    for path in pages:
        html = path.read_text(encoding="utf-8")
        for _payload, (forbidden, _) in INJECTIONS.items():
            assert forbidden not in html, f"{path}: {forbidden}"
    overview = hostile_site.page("projects/gamma")
    for _payload, (_, shown) in INJECTIONS.items():
        assert shown in overview, shown


def test_html_in_texts_is_printed_as_text_in_the_pdfs(hostile_site):
    reader = PdfReader(hostile_site.site / "projects/gamma/downloads/info-pack-funders-and-public.pdf")
    assert "/JavaScript" not in str(reader.trailer["/Root"].keys())
    cover = reader.pages[0].extract_text()
    assert "Bakers <script>alert('x')</script>" in re.sub(r"\s+", " ", cover)


@pytest.mark.parametrize(
    "old, new, path, message",
    [
        ("    city: Valencia\n", "    city: Valencia\n    website: javascript:alert(1)\n",
         "partners[id=ies-valencia].website", "expected a web address starting with https:// or http://, found 'javascript:alert(1)'"),
        ("    city: Valencia\n", "    city: Valencia\n    website: data:text/html,hi\n",
         "partners[id=ies-valencia].website", "expected a web address starting with https:// or http://, found 'data:text/html,hi'"),
        ("    city: Valencia\n", "    city: Valencia\n    logo: ../../../etc/passwd\n",
         "partners[id=ies-valencia].logo", "expected a path inside the project folder (like images/logo.svg), found '../../../etc/passwd'"),
        ("    city: Valencia\n", "    city: Valencia\n    logo: /etc/passwd\n",
         "partners[id=ies-valencia].logo", "expected a path inside the project folder (like images/logo.svg), found '/etc/passwd'"),
        ("{role: mentor, name: Claire Martin, email: claire@lycee.example.fr,", "{role: mentor, name: Claire Martin, email: 'javascript:alert(1)',",
         "partners[id=lycee-lyon].contacts[1].email", "expected an e-mail address like name@school.eu, found 'javascript:alert(1)'"),
    ],
    ids=["javascript-url", "data-url", "dot-dot-path", "absolute-path", "javascript-email"],
)
def test_links_and_file_references_are_refused(project_folder, old, new, path, message):
    root, folder = project_folder(VALID.replace(old, new, 1))
    _loaded, errors = load_project(folder, root)
    assert [(error.path, error.message) for error in errors] == [(path, message)]


def test_a_symlink_out_of_the_project_folder_is_refused(project_folder, tmp_path):
    secret = tmp_path / "secret.svg"
    secret.write_text("<svg/>")
    root, folder = project_folder(VALID.replace("    city: Valencia\n", "    city: Valencia\n    logo: images/logo.svg\n", 1))
    (folder / "images").mkdir()
    os.symlink(secret, folder / "images/logo.svg")
    _loaded, errors = load_project(folder, root)
    assert [(error.path, error.message) for error in errors] == [
        ("partners[id=ies-valencia].logo", "expected a file inside the project folder, found 'images/logo.svg'")
    ]


def test_python_tags_are_not_run(project_folder, tmp_path):
    marker = tmp_path / "hacked"
    root, folder = project_folder(VALID + f'\nnote: !!python/object/apply:os.system ["touch {marker}"]\n')
    loaded, errors = load_project(folder, root)
    assert loaded is None and not marker.exists()
    assert errors[0].message.startswith("YAML syntax: could not determine a constructor for the tag")


def test_an_alias_bomb_is_refused_quickly(project_folder):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    root, folder = project_folder(bomb)
    started = time.monotonic()
    _loaded, errors = load_project(folder, root)
    assert time.monotonic() - started < 5
    assert [error.message for error in errors] == ["expected at most 200,000 values, found more (aliases repeat too much)"]


def test_a_file_that_is_not_utf8_or_too_large_is_refused(project_folder):
    root, folder = project_folder("title: x\n")
    (folder / "project.yml").write_bytes(b"title: caf\xe9\n")
    assert [e.message for e in load_project(folder, root)[1]] == ["expected text encoded as UTF-8, found other bytes"]
    (folder / "project.yml").write_bytes(b"# " + b"x" * 2_100_000 + b"\n")
    assert [e.message for e in load_project(folder, root)[1]] == ["expected a file under 2000 KB, found 2100 KB"]


def test_text_in_the_print_css_stays_a_string():
    from markupsafe import Markup, escape

    from mobility_portal.render.formats import css_string

    # Titles reach the running header as escaped Markup: unescaped, then quoted for CSS.
    title = Markup(escape('Bakers "x"; } body { display: none } </style>\\'))
    assert css_string(title) == r'"Bakers \"x\"; } body { display: none } \3C /style>\\"'
