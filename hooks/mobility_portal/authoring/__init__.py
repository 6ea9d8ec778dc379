"""Help for writing project.yml: `mobility-portal new` (a commented template) and the JSON Schema
an editor checks the file against while it is typed."""
