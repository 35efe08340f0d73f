-- Case editors, their one-time invites, previews awaiting Confirm, and the audit log.
CREATE TABLE editors (
    case_id {{bigint}} NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    user_id {{bigint}} NOT NULL,       -- the editor's Telegram user id (a family member or lawyer)
    granted_by {{bigint}} NOT NULL,    -- the admin who made the invite
    created_at {{bigint}} NOT NULL,
    PRIMARY KEY (case_id, user_id)
);
CREATE INDEX editors_user ON editors(user_id);

CREATE TABLE invites (
    token_hash TEXT PRIMARY KEY,       -- sha256 of the token: the link itself is never stored
    case_id {{bigint}} NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    created_by {{bigint}} NOT NULL,
    expires_at {{bigint}} NOT NULL,    -- 24 h after creation
    used_at {{bigint}},                -- usable once
    used_by {{bigint}}
);

CREATE TABLE drafts (
    token TEXT PRIMARY KEY,            -- random; the Confirm button names it
    admin_id {{bigint}} NOT NULL,      -- only the one who made the preview may confirm it
    kind TEXT NOT NULL,                -- hearing | move | cancel | post | status | source | newcase | editcase | review
    payload_json TEXT NOT NULL,        -- what Confirm will do, exactly as previewed
    payload_hash TEXT NOT NULL,        -- of the payload and the state it was made against: a change makes it stale
    expires_at {{bigint}} NOT NULL,    -- 15 minutes after the preview
    used_at {{bigint}}                 -- Confirm consumes it once
);

CREATE TABLE audit_log (
    id {{pk}},
    at {{bigint}} NOT NULL,
    actor_id {{bigint}} NOT NULL,      -- admin or editor user id (never an ordinary user's)
    role TEXT NOT NULL,                -- 'admin' | 'editor'
    action TEXT NOT NULL,              -- e.g. hearing.add, source.pause, editor.invite, review.approve
    case_id {{bigint}},
    target TEXT,                       -- hearing id, source id, finding id, user id
    details_json TEXT NOT NULL DEFAULT '{}'   -- parameters of the action; no message contents of ordinary users
);
CREATE INDEX audit_log_at ON audit_log(at);
