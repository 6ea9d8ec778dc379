"""The MkDocs backend: the adapter behind hooks/portal.py (adapter.py), and `mobility-portal build`
with the languages in parallel processes (parallel.py)."""
