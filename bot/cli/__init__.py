"""`casewatch` command line."""
