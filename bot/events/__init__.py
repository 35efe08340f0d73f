"""Decide and record: findings and admin input become hearings, announcements and outbox rows; reminders and notices."""
