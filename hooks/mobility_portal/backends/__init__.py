"""Site generators that turn the staged docs tree into a site. The engine stages a complete tree;
a backend builds it. MkDocs + Material + mkdocs-static-i18n is the default (backends/mkdocs/)."""
