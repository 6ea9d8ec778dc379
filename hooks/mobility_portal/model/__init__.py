"""What a project is: the typed parts of project.yml (pydantic), and of the files every project
shares (the checklist, the questionnaires) or keeps private (the participants)."""
