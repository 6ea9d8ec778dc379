"""Personal data of learners never reaches site/: the guard at the end of every build scans the
pages, the search index, the feeds and the text of every PDF for each participant."""

import textwrap

import pytest

from conftest import run_mkdocs

PARTICIPANTS = """
participants:
  - name: Zoé O'Boulangère
    date_of_birth: 2010-04-05
    email: zoe.b@example.net
    profile: cap-first-year
    host_company: padaria-sol
    results: {bread: validated}
    consents: []
"""


@pytest.fixture
def portal(site_root):
    root = site_root("guide")
    private = root / "projects/gamma/private"
    private.mkdir()
    (private / "participants.yml").write_text(textwrap.dedent(PARTICIPANTS), encoding="utf-8")
    return root


def edit(root, old, new):
    project = root / "projects/gamma/project.yml"
    text = project.read_text(encoding="utf-8")
    assert old in text
    project.write_text(text.replace(old, new), encoding="utf-8")


def test_a_clean_site_passes_the_guard(portal):
    result = run_mkdocs(portal, "build")
    assert result.returncode == 0, result.output
    assert "site/ checked for the personal data of 1 participants: none found" in result.output


def test_a_name_in_a_news_post_fails_the_build_naming_every_file(portal):
    edit(portal, "body: {en: Congratulations!,", "body: {en: \"Congratulations Zoé O'Boulangère!\",")
    result = run_mkdocs(portal, "build")
    assert result.returncode == 1
    for file in ("feed.xml", "projects/gamma/news/index.html", "search/search_index.json"):
        assert f"Personal data in site/{file}: a participant's name (gamma)" in result.output
    assert "Traceback" not in result.output


def test_a_date_of_birth_or_an_email_in_a_pdf_fails_the_build(portal):
    edit(portal, 'summary: {en: "Six bakery learners in Porto (Πόρτο, Порту).",',
         'summary: {en: "Contact zoe.b@example.net, born 05/04/2010.",')
    result = run_mkdocs(portal, "build")
    assert result.returncode == 1
    assert "Personal data in site/projects/gamma/downloads/info-pack-funders-and-public.pdf: a participant's e-mail (gamma)" in result.output
    assert "Personal data in site/projects/gamma/downloads/info-pack-funders-and-public.pdf: a participant's date of birth (gamma)" in result.output


def test_the_site_generation_never_reads_private(portal):
    (portal / "projects/gamma/private/notes.yml").write_text("this: [is not: valid yaml", encoding="utf-8")
    first = run_mkdocs(portal, "build")
    assert first.returncode == 0, first.output
    (portal / "projects/gamma/private/participants.yml").write_text(textwrap.dedent(PARTICIPANTS).replace("Zoé", "Zoë"), encoding="utf-8")
    second = run_mkdocs(portal, "build")
    assert "staged" in second.output and "(0 written, 0 removed)" in second.output


def test_private_is_git_ignored_by_default():
    from conftest import REPO

    assert "projects/*/private/" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
