"""The MkDocs backend: the interface's build and serve (backend.py), the adapter behind
hooks/portal.py (adapter.py), and the languages built in parallel processes (parallel.py)."""
