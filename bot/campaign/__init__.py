"""What a campaign does: staff roles, invites, drafts, the audit log, admin input, exports."""
