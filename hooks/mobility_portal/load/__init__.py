"""Reading and checking a project: its YAML with lines for errors, every id and reference, the
files it names (images and documents from users), its survey exports. All errors at once."""
