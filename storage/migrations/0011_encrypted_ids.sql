-- Telegram ids at rest: every column that named a chat or a user now holds `<x>_hash` (HMAC-SHA256 under
-- DATA_KEY, hex: what rows are found and joined by) and `<x>_enc` (the id sealed with AES-GCM: what the bot
-- sends to). The old tables are renamed `plain_*`; storage/encrypt_ids.py copies their rows over sealed (with
-- the key) in this same transaction, then drops them and the old plaintext columns.

DROP INDEX subscriptions_case;
DROP INDEX outbox_due;
DROP INDEX outbox_chat;
DROP INDEX editors_user;
DROP INDEX audit_log_at;
DROP INDEX dialogs_chat;
ALTER TABLE subscriptions RENAME TO plain_subscriptions;
ALTER TABLE chats RENAME TO plain_chats;
ALTER TABLE outbox RENAME TO plain_outbox;
ALTER TABLE editors RENAME TO plain_editors;
ALTER TABLE invites RENAME TO plain_invites;
ALTER TABLE drafts RENAME TO plain_drafts;
ALTER TABLE audit_log RENAME TO plain_audit_log;
ALTER TABLE dialogs RENAME TO plain_dialogs;

-- One row: the HMAC of a fixed label under DATA_KEY, so a wrong key is refused at start.
CREATE TABLE data_key_check (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    check_value TEXT NOT NULL
);

CREATE TABLE chats (
    chat_hash TEXT PRIMARY KEY,        -- keyed hash of the Telegram chat id
    chat_enc TEXT NOT NULL,            -- the chat id, sealed
    type TEXT NOT NULL,                -- private | group | supergroup | channel
    language TEXT NOT NULL,            -- ru | en | kk
    language_chosen {{bool}} NOT NULL DEFAULT {{false}},  -- chose it with /lang: no longer follows Telegram's
    active {{bool}} NOT NULL DEFAULT {{true}},   -- false once Telegram says blocked / removed
    reminder_offsets TEXT,             -- comma-separated minutes; NULL = the configured default; '' = none
    news_mentions {{bool}} NOT NULL DEFAULT {{true}},
    created_at {{bigint}} NOT NULL,
    deactivated_at {{bigint}}
);

CREATE TABLE subscriptions (
    chat_hash TEXT NOT NULL REFERENCES chats(chat_hash) ON DELETE CASCADE ON UPDATE CASCADE,
    case_id {{bigint}} NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    level TEXT NOT NULL,               -- 'all' | 'hearings'
    created_at {{bigint}} NOT NULL,
    PRIMARY KEY (chat_hash, case_id)
);
CREATE INDEX subscriptions_case ON subscriptions(case_id, level);

CREATE TABLE outbox (
    id {{pk}},
    announcement_id {{bigint}} NOT NULL REFERENCES announcements(id) ON DELETE CASCADE,
    chat_hash TEXT NOT NULL,           -- a chat, a case's mirror channel or an admin; no FK: admins need no chats row
    chat_enc TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',  -- 'pending' | 'sending' (claimed) | 'sent' | 'failed' | 'cancelled'
    priority INTEGER NOT NULL,         -- 0 admin previews and interactive, 5 reminders, 9 broadcasts: lower first
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at {{bigint}} NOT NULL,       -- not before this instant (retries, 429 waits)
    claimed_by TEXT,                   -- INSTANCE_ID/worker that holds the claim
    lease_until {{bigint}},            -- a claim not finished by then goes back to pending (a crashed sender)
    tg_message_id {{bigint}},          -- kept so a correction can edit what was sent
    last_error TEXT,
    sent_at {{bigint}},
    UNIQUE (announcement_id, chat_hash)
);
CREATE INDEX outbox_due ON outbox(state, priority, next_at);
CREATE INDEX outbox_chat ON outbox(chat_hash);

CREATE TABLE editors (
    case_id {{bigint}} NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    user_hash TEXT NOT NULL,           -- the editor (a family member or lawyer)
    user_enc TEXT NOT NULL,
    granted_by_hash TEXT NOT NULL,     -- the admin who made the invite
    granted_by_enc TEXT NOT NULL,
    created_at {{bigint}} NOT NULL,
    PRIMARY KEY (case_id, user_hash)
);
CREATE INDEX editors_user ON editors(user_hash);

CREATE TABLE invites (
    token_hash TEXT PRIMARY KEY,       -- sha256 of the token: the link itself is never stored
    case_id {{bigint}} NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    created_by_hash TEXT NOT NULL,
    created_by_enc TEXT NOT NULL,
    expires_at {{bigint}} NOT NULL,    -- 24 h after creation
    used_at {{bigint}},                -- usable once
    used_by_hash TEXT,
    used_by_enc TEXT
);

CREATE TABLE drafts (
    token TEXT PRIMARY KEY,            -- random; the Confirm button names it
    admin_hash TEXT NOT NULL,          -- only the one who made the preview may confirm it
    kind TEXT NOT NULL,
    payload_json TEXT NOT NULL,        -- what Confirm will do, exactly as previewed
    payload_hash TEXT NOT NULL,        -- of the payload and the state it was made against: a change makes it stale
    expires_at {{bigint}} NOT NULL,    -- 15 minutes after the preview
    used_at {{bigint}}                 -- Confirm consumes it once
);

CREATE TABLE audit_log (
    id {{pk}},
    at {{bigint}} NOT NULL,
    actor_hash TEXT NOT NULL,          -- the admin or editor who acted (never an ordinary user)
    actor_enc TEXT NOT NULL,
    role TEXT NOT NULL,                -- 'admin' | 'editor'
    action TEXT NOT NULL,              -- e.g. hearing.add, source.pause, editor.invite, review.approve
    case_id {{bigint}},
    target TEXT,                       -- hearing id, source id, finding id; never a person
    target_user_hash TEXT,             -- the editor an editor.* action was about
    target_user_enc TEXT,
    details_json TEXT NOT NULL DEFAULT '{}'   -- parameters of the action; no ids of people, no message contents
);
CREATE INDEX audit_log_at ON audit_log(at);

CREATE TABLE dialogs (
    key_hash TEXT PRIMARY KEY,         -- keyed hash of aiogram's StorageKey (bot, chat, user, thread, destiny)
    chat_hash TEXT NOT NULL,           -- so /forget finds it
    state TEXT,
    data_json TEXT NOT NULL DEFAULT '{}',
    updated_at {{bigint}} NOT NULL
);
CREATE INDEX dialogs_chat ON dialogs(chat_hash);

ALTER TABLE cases ADD COLUMN mirror_chat_enc TEXT;
-- Retention of a closed case: when it was first seen closed, and when its followers were told.
ALTER TABLE cases ADD COLUMN closed_since {{bigint}};
ALTER TABLE cases ADD COLUMN farewell_at {{bigint}};
ALTER TABLE sources ADD COLUMN created_by_hash TEXT;
ALTER TABLE sources ADD COLUMN created_by_enc TEXT;
ALTER TABLE findings ADD COLUMN reviewed_by_hash TEXT;
ALTER TABLE findings ADD COLUMN reviewed_by_enc TEXT;
ALTER TABLE announcements ADD COLUMN created_by_hash TEXT;
ALTER TABLE announcements ADD COLUMN created_by_enc TEXT;
ALTER TABLE hearing_changes ADD COLUMN by_hash TEXT;   -- the admin behind an 'admin' change (ref is then 'admin')
ALTER TABLE hearing_changes ADD COLUMN by_enc TEXT;
