"""What a campaign's admins and editors do, as services the admin handlers call.

Who may act (roles, invites, editors), what they change (cases, hearings, posts, sources, review), the
drafts that hold a preview until Confirm (drafts, confirm), the audit log, what they type (admin_input)
and the files they take away (exporting).
"""
