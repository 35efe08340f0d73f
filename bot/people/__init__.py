"""What a follower does: follow, preferences, upcoming hearings, case cards, "wrong date?" reports."""
