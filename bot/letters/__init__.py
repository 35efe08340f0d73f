"""Writing to the detainee: the letters card of a case, and the birthday reminder a week before."""
