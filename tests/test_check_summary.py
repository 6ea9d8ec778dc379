"""The last line of `mobility-portal check`: how many projects were checked, those with errors
included and named, never 'Checked 0 projects' for a portal whose projects have errors."""

import shutil
import textwrap

from conftest import copy_root, edit
from test_cli import PARTICIPANTS, cli


def summary_of(output: str) -> str:
    """The summary line (printed on stdout; the errors go to stderr)."""
    [line] = [line for line in output.splitlines() if line.startswith("Checked ")]
    return line


def test_a_project_with_errors_is_counted_and_named(tmp_path):
    root = copy_root("basic", tmp_path)
    shutil.copytree(root / "projects/alpha", root / "projects/delta")
    edit(root / "projects/beta/project.yml", "start: 2026-05-04", "start: 04/05/2026")
    edit(root / "projects/delta/project.yml", "learners: 12", "learners: twelve")
    code, output = cli(root, "check")
    assert code == 1
    assert "expected a date written YYYY-MM-DD, found '04/05/2026'" in output
    assert summary_of(output) == (
        "Checked 3 projects (2 with errors: beta, delta) and 0 participants: "
        "2 errors, 0 personal data found, 0 warnings."
    )


def test_a_single_failing_project_is_checked_too(tmp_path):
    root = copy_root("guide", tmp_path)
    edit(root / "projects/gamma/project.yml", "closes: 2026-10-31", "closes: 31/10/2026")
    code, output = cli(root, "check")
    assert code == 1
    assert summary_of(output) == (
        "Checked 1 project (1 with errors: gamma) and 0 participants: 1 error, 0 personal data found, 0 warnings."
    )


def test_a_project_whose_participants_file_has_errors_is_named(tmp_path):
    root = copy_root("guide", tmp_path)
    (root / "projects/gamma/private").mkdir()
    (root / "projects/gamma/private/participants.yml").write_text(
        textwrap.dedent(PARTICIPANTS).replace("host_company: padaria-sol", "host_company: padaria-luna"), encoding="utf-8")
    code, output = cli(root, "check")
    assert code == 1
    assert summary_of(output) == (
        "Checked 1 project (1 with errors: gamma) and 2 participants: 1 error, 0 personal data found, 0 warnings."
    )


def test_a_shared_file_with_errors_says_the_projects_wait_for_it(tmp_path):
    root = copy_root("guide", tmp_path)
    timeline = root / "content/timeline.yml"
    timeline.write_text(timeline.read_text(encoding="utf-8").replace("\n  ", "\n\t", 1), encoding="utf-8")
    code, output = cli(root, "check")
    assert code == 1
    assert "YAML syntax: expected spaces to indent, found a tab" in output
    assert summary_of(output) == (
        "Checked 0 of 1 project (they are checked against content/timeline.yml, which has errors) "
        "and 0 participants: 1 error, 0 personal data found, 0 warnings."
    )
