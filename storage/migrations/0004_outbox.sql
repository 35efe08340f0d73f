-- One row per (announcement, chat): what must be sent, claimed by senders, kept once sent.
CREATE TABLE outbox (
    id {{pk}},
    announcement_id {{bigint}} NOT NULL REFERENCES announcements(id) ON DELETE CASCADE,
    chat_id {{bigint}} NOT NULL,       -- a chat, a case's mirror channel or an admin; no FK: admins need no chats row
    state TEXT NOT NULL DEFAULT 'pending',  -- 'pending' | 'sending' (claimed) | 'sent' | 'failed' | 'cancelled'
    priority INTEGER NOT NULL,         -- 0 admin previews and interactive, 5 reminders, 9 broadcasts: lower first
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at {{bigint}} NOT NULL,       -- not before this instant (retries, 429 waits)
    claimed_by TEXT,                   -- INSTANCE_ID/worker that holds the claim
    lease_until {{bigint}},            -- a claim not finished by then goes back to pending (a crashed sender)
    tg_message_id {{bigint}},          -- kept so a correction can edit what was sent
    last_error TEXT,
    sent_at {{bigint}},
    UNIQUE (announcement_id, chat_id)
);
CREATE INDEX outbox_due ON outbox(state, priority, next_at);
CREATE INDEX outbox_chat ON outbox(chat_id);
