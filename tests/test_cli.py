"""The coordinator's command line, run for real: `python -m mobility_portal` in a copy of a root."""

import os
import re
import subprocess
import sys
import textwrap

import pytest
from pypdf import PdfReader

from conftest import BUILD_EPOCH, REPO, SESSION_PDF_CACHE, copy_root, edit, run_mkdocs

COMMANDS = ("new", "check", "build", "serve", "private", "print", "translations", "translate", "schema")


def cli(root, *args):
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1",
           "MOBILITY_PORTAL_PDF_CACHE": str(SESSION_PDF_CACHE), "PYTHONPATH": str(REPO / "hooks")}
    result = subprocess.run([sys.executable, "-m", "mobility_portal", *args], cwd=root, env=env,
                            capture_output=True, text=True, timeout=600)
    return result.returncode, result.stdout + result.stderr


def tree(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_a_help_text(command):
    code, output = cli(REPO, command, "--help")
    assert code == 0, output
    assert f"usage: mobility-portal {command}" in output
    code, overview = cli(REPO, "--help")
    lines = overview.splitlines()
    index = next(i for i, line in enumerate(lines) if line.split()[:1] == [command])
    said = " ".join(lines[index].split()[1:]) or lines[index + 1].strip()  # long names push it to the next line
    assert len(said) > 20  # a sentence saying what it does


def test_the_parallel_build_gives_byte_for_byte_the_site_of_mkdocs_build(tmp_path):
    root = copy_root("basic", tmp_path)
    sequential = run_mkdocs(root, "build", "-d", str(tmp_path / "sequential"))
    assert sequential.returncode == 0, sequential.output
    code, output = cli(root, "build", "--jobs", "2")
    assert code == 0, output
    assert "en, fr | de, in 2 processes" in output
    expected, built = tree(tmp_path / "sequential"), tree(root / "site")
    assert sorted(built) == sorted(expected)
    different = [name for name in expected if built[name] != expected[name]]
    assert different == []  # search index, sitemap and 404 page included
    assert not (root / ".cache" / "build").exists()


def test_a_failed_build_keeps_the_previous_site_and_says_why(tmp_path):
    root = copy_root("basic", tmp_path)
    assert cli(root, "build", "--jobs", "2", "--no-pdf")[0] == 0
    before = tree(root / "site")
    edit(root / "projects/alpha/project.yml", "start: 2027-03-08", "start: 2027-02-30")
    code, output = cli(root, "build", "--jobs", "2")
    assert code == 1
    assert "projects/alpha/project.yml:" in output and "Traceback" not in output
    assert tree(root / "site") == before


def test_a_template_error_in_a_worker_process_is_reported_like_a_yaml_error(tmp_path):
    # --jobs 2: the pages are rendered in two worker processes, whatever the cores; the error
    # raised in one of them reaches the command line whole, with the template's file and line.
    root = copy_root("basic", tmp_path, copy_theme=True)
    edit(root / "theme/pages/project.md.j2", "{% block body %}", "{% block body %}{{ no_such_value }}")
    code, output = cli(root, "build", "--jobs", "2", "--no-pdf")
    assert code == 1
    assert "theme/pages/project.md.j2:" in output and "template error: 'no_such_value' is undefined" in output
    assert re.search(r"while rendering projects/(alpha|beta)/index.md", output)
    # Both projects render the template and fail on the same line: the coordinator reads it once.
    assert output.count("template error: 'no_such_value' is undefined") == 1
    assert "Traceback" not in output and not (root / "site").exists()


def test_the_strict_build_fails_on_a_missing_translation(tmp_path):
    root = copy_root("basic", tmp_path)  # alpha misses one English text on purpose
    code, output = cli(root, "build", "--strict", "--no-pdf")
    assert code == 1
    assert "missing in 'en'" in output and "strict mode" in output
    assert not (root / "site").exists()


def test_check_passes_a_good_portal_without_writing_anything(tmp_path):
    root = copy_root("guide", tmp_path)
    code, output = cli(root, "check")
    assert code == 0, output
    assert "Checked 1 project and 0 participants: 0 errors, 0 personal data found, 0 warnings." in output
    assert not (root / "site").exists() and not (root / ".cache").exists()


def test_check_reports_every_error_with_file_line_and_hint_and_exits_1(tmp_path):
    root = copy_root("guide", tmp_path)
    edit(root / "projects/gamma/project.yml", "learner_profiles:", "learner_profile:")
    code, output = cli(root, "check")
    assert code == 1
    assert "projects/gamma/project.yml:" in output and "hint: did you mean 'learner_profiles'?" in output
    assert "Traceback" not in output


def test_a_page_written_where_a_generated_page_goes_is_refused_with_a_hint(tmp_path):
    root = copy_root("basic", tmp_path)
    (root / "content/en/index.md").write_text("# My home\n", encoding="utf-8")
    (root / "content/fr/projects/alpha").mkdir(parents=True)
    (root / "content/fr/projects/alpha/timeline.md").write_text("# Calendrier\n", encoding="utf-8")
    (root / "content/fr/projects/alpha/notes.md").write_text("# Notes\n", encoding="utf-8")  # no generated page there
    code, output = cli(root, "check")
    assert code == 1 and "Traceback" not in output
    assert "2 errors in 2 files:" in output
    assert ("content/en/index.md:1\n    this page is generated from the projects and cannot be written by hand\n"
            "    hint: put the portal home's intro in content/en/_home.md") in output
    assert ("content/fr/projects/alpha/timeline.md:1\n    this page is generated from the projects and cannot be written by hand\n"
            "    hint: move the page outside the projects/ folder") in output


PARTICIPANTS = """
participants:
  - name: Zoé O'Boulangère
    date_of_birth: 2010-04-05
    email: zoe.b@example.net
    profile: cap-first-year
    host_company: padaria-sol
    tutor: Rui Sol
    results: {bread: validated}
  - id: tiago
    name: Tiago Marques
    language: fr
    profile: cap-first-year
"""


@pytest.fixture
def with_participants(tmp_path):
    root = copy_root("guide", tmp_path)
    private = root / "projects/gamma/private"
    private.mkdir()
    (private / "participants.yml").write_text(textwrap.dedent(PARTICIPANTS), encoding="utf-8")
    return root


def test_check_finds_a_learner_named_in_a_public_text(with_participants):
    edit(with_participants / "projects/gamma/project.yml", "body: {en: Congratulations!,", "body: {en: \"Well done Tiago Marques!\",")
    code, output = cli(with_participants, "check")
    assert code == 1
    assert "Personal data in en/projects/gamma/news.md: a participant's name (gamma)" in output


def test_check_finds_a_participant_who_refers_to_nothing(with_participants):
    edit(with_participants / "projects/gamma/private/participants.yml", "host_company: padaria-sol", "host_company: padaria-luna")
    code, output = cli(with_participants, "check")
    assert code == 1
    assert "projects/gamma/private/participants.yml:7: participants[1].host_company" in output


def test_private_documents_are_filled_in_and_stay_out_of_the_site(with_participants):
    root = with_participants
    code, output = cli(root, "private", "gamma")
    assert code == 0, output
    documents = root / "projects/gamma/private/documents"
    names = sorted(path.relative_to(documents).as_posix() for path in documents.rglob("*.pdf"))
    assert names == [f"{who}/{name}.pdf" for who in ("tiago", "zoe-o-boulangere") for name in
                     ("certificate-of-attendance", "europass-summary", "pedagogical-contract", "statement-of-results")]
    certificate = " ".join(page.extract_text() for page in PdfReader(documents / "zoe-o-boulangere/certificate-of-attendance.pdf").pages)
    assert "Zoé O'Boulangère" in certificate and "Padaria do Sol" in certificate
    contract = " ".join(page.extract_text() for page in PdfReader(documents / "tiago/pedagogical-contract.pdf").pages)
    assert "Tiago Marques" in contract and "Contrat pédagogique" in contract  # in his language
    europass = " ".join(page.extract_text() for page in PdfReader(documents / "zoe-o-boulangere/europass-summary.pdf").pages)
    assert "Rui Sol" in europass

    build = run_mkdocs(root, "build")  # the guard finds neither learner in site/
    assert build.returncode == 0, build.output
    assert "checked for the personal data of 2 participants: none found" in build.output

    # A learner taken off the list takes their documents along.
    edit(root / "projects/gamma/private/participants.yml", "  - id: tiago\n    name: Tiago Marques\n    language: fr\n    profile: cap-first-year\n", "")
    assert cli(root, "private", "gamma")[0] == 0
    assert sorted(path.name for path in documents.iterdir()) == ["zoe-o-boulangere"]


def test_new_scaffolds_a_project_that_check_accepts(tmp_path):
    root = copy_root("guide", tmp_path)
    code, output = cli(root, "new", "porto-2028", "--languages", "fr,en")
    assert code == 0, output
    assert (root / "projects/porto-2028/project.yml").is_file()
    code, output = cli(root, "check")
    assert code == 0, output
    code, output = cli(root, "new", "porto-2028")
    assert code == 1 and "already" in output


def test_a_build_that_would_publish_a_learner_fails_and_keeps_the_previous_site(with_participants):
    root = with_participants
    assert cli(root, "build", "--no-pdf")[0] == 0
    before = tree(root / "site")
    edit(root / "projects/gamma/project.yml", "body: {en: Congratulations!,", "body: {en: \"Well done Tiago Marques!\",")
    code, output = cli(root, "build", "--no-pdf")
    assert code == 1
    assert "Personal data in site/projects/gamma/news/index.html: a participant's name (gamma)" in output
    assert tree(root / "site") == before
    assert "Tiago" not in (root / "site/projects/gamma/news/index.html").read_text(encoding="utf-8")


def test_every_command_the_guide_and_readme_name_exists():
    import re

    texts = [path.read_text(encoding="utf-8") for path in [REPO / "README.md", *sorted((REPO / "content").glob("*/guide/*.md"))]]
    named = {name for text in texts for name in re.findall(r"mobility-portal (?:--root \S+ )?([a-z]+)\b", text)}
    assert named and named <= set(COMMANDS), named - set(COMMANDS)


@pytest.mark.parametrize("workers", [1, 2])
def test_after_a_project_with_errors_the_others_are_checked_but_not_rendered(tmp_path, workers):
    # Every error is reported at once, but the pages of a build that stops would be thrown away.
    import dataclasses

    from mobility_portal.build.generation import Generation
    from mobility_portal.build.portal_config import settings_of
    from mobility_portal.errors import ProjectErrors

    root = copy_root("basic", tmp_path)
    edit(root / "projects/alpha/project.yml", "start: 2027-03-08", "start: 2027-02-30")
    edit(root / "projects/beta/project.yml", "start: 2026-05-04", "start: 2026-05-40")
    settings = dataclasses.replace(settings_of(root / "mkdocs.yml", pdf=False), workers=workers)
    with pytest.raises(ProjectErrors) as raised:
        Generation(settings).run()
    assert {error.file for error in raised.value.errors} == {"projects/alpha/project.yml", "projects/beta/project.yml"}

    edit(root / "projects/beta/project.yml", "start: 2026-05-40", "start: 2026-05-04")
    generation = Generation(settings)
    with pytest.raises(ProjectErrors) as raised:
        generation.run()
    assert [error.file for error in raised.value.errors] == ["projects/alpha/project.yml"]
    assert generation.failed.is_set()
    beta = generation._project_part(root / "projects/beta")  # as a worker would, after alpha
    assert beta.loaded is not None and beta.errors == [] and beta.files == {}
    generation.failed.clear()
    assert "de/projects/beta/index.md" in generation._project_part(root / "projects/beta").files
