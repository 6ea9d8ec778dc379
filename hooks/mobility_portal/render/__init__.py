"""The pages of the site, as Markdown for the backend: the templates and their helpers, the context
of a project's pages, the addresses, the navigation, the home, the timeline and its calendar."""
