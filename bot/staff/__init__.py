"""Content review pages for COA staff and translators, served under /staff."""
