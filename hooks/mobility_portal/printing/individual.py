"""Each participant's own documents: `mobility-portal private SLUG`.

From projects/<slug>/private/participants.yml into projects/<slug>/private/documents/<participant>/:
the pedagogical contract, the certificate of attendance and the statement of results, filled in
with the learner's data, and a Europass Mobility summary. The same templates as the public forms
print them, so a change of a form shows in both.

They never reach site/: private/ is git-ignored, the site build never reads it, and their PDF
cache stays inside it (not in .cache/, which holds the public PDFs), pruned at every run.
"""

from __future__ import annotations

from pathlib import Path

from ..build.generation import Generation, Settings
from ..errors import ProjectError, ProjectErrors, did_you_mean
from ..model.project import Project
from ..privacy.participants import PARTICIPANTS, check_participants, read_participants
from .documents import CERTIFICATE, CONTRACT, PrintedDocument
from .pdf import PdfJob, render_pdfs

OUTPUT = Path("private") / "documents"
CACHE = Path("private") / ".cache"

STATEMENT = PrintedDocument("statement-of-results", "statement.html.j2", "annex_statement_of_results", "index.md", "document",
                            one_page=("the titles of learning_outcomes",))
EUROPASS = PrintedDocument("europass-summary", "europass.html.j2", "europass_summary", "index.md", "document")


def individual_documents(project: Project) -> list[PrintedDocument]:
    return [*([CONTRACT] if project.pedagogical_contract else []), CERTIFICATE, STATEMENT, EUROPASS]


def make_individual_documents(settings: Settings, slug: str) -> list[Path]:
    """Write every participant's documents; return the files written. Raises ProjectErrors with
    every problem of the project or of its participants file, before writing anything."""
    generation = Generation(settings).load()  # loads and checks every project, like a build
    by_slug = {loaded.slug: loaded for loaded in generation.projects}
    if slug not in by_slug:
        raise ProjectErrors([ProjectError(f"projects/{slug}", 1, "", f"no project folder projects/{slug}",
                                          did_you_mean(slug, by_slug) or f"projects: {', '.join(by_slug) or 'none yet'}")])
    loaded = by_slug[slug]
    folder = Path(loaded.folder)
    participants, source, errors = read_participants(folder, settings.root)
    if participants is None and not errors:
        raise ProjectErrors([ProjectError(f"projects/{slug}/{PARTICIPANTS.as_posix()}", 1, "",
                                          "expected the list of participants, found no file",
                                          "create it (see the guide's Privacy page): participants: [{name: ..., date_of_birth: ...}]")])
    if participants is not None and source is not None:
        errors += check_participants(loaded.project, participants, source)
    if errors:
        raise ProjectErrors(errors)
    assert participants is not None and generation.printer is not None  # a file was read; settings.pdf is set

    jobs = []
    for person in participants.participants:
        page_lang, context = generation.context(loaded, person.language or loaded.project.main_language)
        for document in individual_documents(loaded.project):
            html = generation.printer.html(page_lang, slug, document, context, person)
            jobs.append(PdfJob(f"{person.key}/{document.name}.pdf", html,
                               generation.printer.one_page(document, slug, page_lang, f"{person.key}/{document.name}.pdf")))
    pdfs, _ = render_pdfs(jobs, folder / CACHE, settings.workers, prune=True)

    output = folder / OUTPUT
    written = []
    for target, content in pdfs.items():
        path = output / target
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_bytes() != content:
            path.write_bytes(content)
        written.append(path)
    # A participant taken off the list takes their documents along: keep no personal data longer than needed.
    for stale in sorted(set(output.rglob("*.pdf")) - set(written)):
        stale.unlink()
        if not any(stale.parent.iterdir()):
            stale.parent.rmdir()
    return written
