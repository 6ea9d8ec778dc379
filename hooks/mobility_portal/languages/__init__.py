"""Languages: the codes a project may use and their names (Babel's CLDR data), and the labels of
our own pages (theme/locales/)."""
