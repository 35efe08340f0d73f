"""Privacy: what is stored and for how long (the statement), and the retention that enforces it."""
