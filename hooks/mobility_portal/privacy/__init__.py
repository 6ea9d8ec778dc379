"""The learners' personal data: the private participants file, and the guard that checks every
file of a built site for it before the site is published."""
