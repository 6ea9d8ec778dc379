"""Mobility Portal's engine: project.yml -> validated model -> Markdown pages -> staged docs.

Plain Python; only mkdocs_adapter.py knows MkDocs.
"""
