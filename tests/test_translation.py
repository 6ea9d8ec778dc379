"""The translator round trip (PO export, import into project.yml keeping its formatting), the
coverage report, and the command line that runs them."""

import difflib
import shutil
import subprocess
import sys

import polib
import pytest

from conftest import REPO

LYON = "lyon-valencia-cookery"


@pytest.fixture
def portal(tmp_path):
    """A copy of the example portal whose Lyon project now also offers German, untranslated."""
    for name in ("mkdocs.yml", "content", "projects"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, tmp_path / name)
    for name in ("hooks", "theme"):  # mkdocs.yml names them: MkDocs reads it for the site languages
        (tmp_path / name).symlink_to(REPO / name, target_is_directory=True)
    project = tmp_path / "projects" / LYON / "project.yml"
    project.write_text(project.read_text(encoding="utf-8").replace("  - es\n  - en\n", "  - es\n  - en\n  - de\n", 1), encoding="utf-8")
    return tmp_path


def cli(portal, *args):
    return subprocess.run([sys.executable, "-m", "mobility_portal", "--root", str(portal), *args],
                          capture_output=True, text=True, cwd=portal)


def test_coverage_reports_translated_fallback_and_missing_with_key_paths(portal):
    result = cli(portal, "translations")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split(f"projects/{LYON}")[1].split("projects/stuttgart")[0].splitlines()
    lines[0] = f"projects/{LYON}"
    assert lines[0] == f"projects/{LYON}"
    assert lines[1] == "  fr (offered): 413/413 translated, 0 fallback, 0 missing"
    german = next(line for line in lines if line.startswith("  de (offered)"))
    assert german.startswith("  de (offered): 9/413 translated, 0 fallback, 404 missing: title, summary, objectives[1],")
    assert "  fi (not offered): 9/413 translated, 404 fallback, 0 missing" in lines


def test_export_import_round_trip_adds_only_the_new_texts(portal, tmp_path):
    po_file = tmp_path / "de.po"
    exported = cli(portal, "translate", "export", LYON, "de", "-o", str(po_file))
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout == f"{po_file}: 404 texts, 404 to translate or check\n"
    po = polib.pofile(str(po_file))
    assert po.metadata["Language"] == "de" and po.metadata["Source-Language"] == "fr"
    title = po.find("De Lyon à Valencia — quatre semaines dans les cuisines valenciennes", msgctxt="title")
    assert title is not None and title.msgstr == ""
    for entry in po:
        entry.msgstr = "DE: " + entry.msgid
    po.save()

    project = portal / "projects" / LYON / "project.yml"
    before = project.read_text(encoding="utf-8").splitlines()
    imported = cli(portal, "translate", "import", LYON, str(po_file))
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout == f"projects/{LYON}/project.yml: 404 translations added, 0 changed, 0 unchanged, 0 fuzzy left out\n"
    after = project.read_text(encoding="utf-8").splitlines()
    diff = [line for line in difflib.ndiff(before, after) if line[:2] in ("- ", "+ ")]
    assert not [line for line in diff if line.startswith("- ")], "an existing line changed"
    keys, key_indent = 0, None
    for line in (line[2:] for line in diff):
        indent = len(line) - len(line.lstrip())
        if line.lstrip().startswith("de: "):
            keys, key_indent = keys + 1, indent
        else:  # only the lines of a German block text may follow
            assert key_indent is not None and indent > key_indent, line
    assert keys == 404
    # the German title sits after the English one, in the order of the project's languages
    start = after.index("title:")
    assert after[start + 1 : start + 5] == [
        "  fr: De Lyon à Valencia — quatre semaines dans les cuisines valenciennes",
        "  es: De Lyon a Valencia — cuatro semanas en las cocinas valencianas",
        "  en: From Lyon to Valencia — four weeks in Valencian kitchens",
        "  de: 'DE: De Lyon à Valencia — quatre semaines dans les cuisines valenciennes'",
    ]
    assert cli(portal, "translations").stdout.count("de (offered): 413/413 translated") == 1
    assert (portal / "projects" / LYON / "translations" / "de.po").is_file()


def test_a_source_changed_since_the_import_is_exported_fuzzy(portal, tmp_path):
    po_file = tmp_path / "de.po"
    cli(portal, "translate", "export", LYON, "de", "-o", str(po_file))
    po = polib.pofile(str(po_file))
    for entry in po:
        entry.msgstr = "DE: " + entry.msgid
    po.save()
    assert cli(portal, "translate", "import", LYON, str(po_file)).returncode == 0
    project = portal / "projects" / LYON / "project.yml"
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("  fr: De Lyon à Valencia — quatre semaines", "  fr: De Lyon à Valence — quatre semaines", 1), encoding="utf-8")
    again = tmp_path / "de-again.po"
    assert cli(portal, "translate", "export", LYON, "de", "-o", str(again)).returncode == 0
    entry = polib.pofile(str(again)).find("title", by="msgctxt")
    assert entry.fuzzy
    assert entry.msgid == "De Lyon à Valence — quatre semaines dans les cuisines valenciennes"
    assert entry.previous_msgid == "De Lyon à Valencia — quatre semaines dans les cuisines valenciennes"
    assert entry.msgstr == "DE: De Lyon à Valencia — quatre semaines dans les cuisines valenciennes"
    assert sum(1 for e in polib.pofile(str(again)) if e.fuzzy) == 1


def test_a_malformed_po_file_changes_nothing(portal, tmp_path):
    project = portal / "projects" / LYON / "project.yml"
    before = project.read_bytes()
    broken = tmp_path / "broken.po"
    broken.write_text('msgid "title"\nmsgstr "Titel"\nthis is not a po file\n', encoding="utf-8")
    result = cli(portal, "translate", "import", LYON, str(broken))
    assert result.returncode == 1
    assert result.stderr.startswith("1 error in 1 file:\n\nbroken.po:3\n")
    assert "expected a gettext PO file, found one that cannot be read" in result.stderr
    assert result.stderr.endswith("Nothing was changed.\n")
    assert "Traceback" not in result.stderr
    assert project.read_bytes() == before


def test_an_unknown_key_path_changes_nothing_and_suggests_the_right_one(portal, tmp_path):
    project = portal / "projects" / LYON / "project.yml"
    before = project.read_bytes()
    po = polib.POFile()
    po.metadata = {"Language": "de", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgctxt="titel", msgid="De Lyon à Valencia", msgstr="Von Lyon nach Valencia"))
    po.append(polib.POEntry(msgctxt="summary", msgid="…", msgstr="Zwölf Kochlernende …"))
    po_file = tmp_path / "de.po"
    po.save(str(po_file))
    result = cli(portal, "translate", "import", LYON, str(po_file))
    assert result.returncode == 1
    assert "de.po:" in result.stderr and "titel" in result.stderr
    assert "expected the key path of a text of project.yml, found 'titel'" in result.stderr
    assert "hint: did you mean 'title'?" in result.stderr
    assert project.read_bytes() == before


def test_a_po_file_in_a_language_the_project_does_not_offer_is_refused(portal, tmp_path):
    po = polib.POFile()
    po.metadata = {"Language": "fi", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgctxt="title", msgid="x", msgstr="y"))
    po.save(str(tmp_path / "fi.po"))
    result = cli(portal, "translate", "import", LYON, str(tmp_path / "fi.po"))
    assert result.returncode == 1
    assert "expected one of the project's languages (fr, es, en, de), found 'fi'" in result.stderr


def test_the_report_takes_the_site_languages_as_the_build_does_and_says_when_it_cannot(portal):
    # The report reads mkdocs.yml through MkDocs, as `check` and the build do: without the i18n
    # plugin there are no site languages, said in one line, not an empty or partial report.
    config = portal / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").split("  - i18n:")[0], encoding="utf-8")
    result = cli(portal, "translations")
    assert result.returncode == 1
    assert result.stderr == ("mobility-portal: mkdocs.yml: the i18n plugin (mkdocs-static-i18n) is required by "
                             "Mobility Portal\n")
    assert result.stdout == ""
