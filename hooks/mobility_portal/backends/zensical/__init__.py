"""The Zensical backend: the staged tree built one language at a time by Zensical, the successor
the authors of Material for MkDocs write, which reads mkdocs.yml and the Material templates but
runs no MkDocs plugin or hook.

Zensical lives in a virtual environment of its own (.venv-zensical/, pinned in
requirements.txt, made by `./run zensical`), never in the portal's .venv: this package runs its
command line and never imports it. backend.py writes one configuration per language and runs
the builds; fixes.py mends, on our side of the seam, what the per-language builds lack (files of
the default language, raw-HTML links, the language switcher, one sitemap). What does not work
yet is listed in the README (Backends).
"""
