"""Translators' tools: how much of each project is translated, and PO files to translate in."""
