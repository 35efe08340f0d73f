"""The running process: composition root, the leased scheduler and its ticks, this install's id."""
