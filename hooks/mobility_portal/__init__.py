"""Mobility Portal's engine: project.yml -> validated model -> pages and documents -> a staged
docs tree that a backend turns into a site.

The packages follow the stages of a build:
  model/      what a project is: the typed parts of project.yml and of the shared content files
  load/       reading and checking: YAML, ids and references, the files a project names, surveys
  render/     the pages of the site: templates, contexts, addresses, navigation, home, timeline
  printing/   the printed documents: which ones, their HTML, the PDFs, each learner's own
  privacy/    the learners' personal data: the private file, and the guard over a built site
  build/      one build: the generation, the staging folder, worker processes, the lock, the swap
  backends/   the site generators that turn the staged tree into a site (MkDocs, the default)
  languages/  language and country codes, and the labels of our pages
  translate/  translation coverage and the PO files of translators
  authoring/  help for writing project.yml: `mobility-portal new` and the JSON Schema
Plain Python: only backends/mkdocs/ imports MkDocs, Material or mkdocs-static-i18n.
"""
