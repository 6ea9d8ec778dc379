"""The printed documents: which ones a project has, their self-contained HTML, the PDFs
(WeasyPrint, cached), and each learner's own documents from the private file."""
