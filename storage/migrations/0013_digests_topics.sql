-- Daily digests: a chat may take its news (statements, mentions, updates) as one message a day, at an hour of
-- its own time zone. Its outbox rows for those kinds wait in the new outbox state 'held', with `next_at` the
-- moment of the digest they belong to; the digest tick turns the due ones into one digest announcement and
-- marks them sent, in one transaction. Hearings, moves, cancellations and reminders are never held.
CREATE TABLE digest_settings (
    chat_hash TEXT PRIMARY KEY REFERENCES chats(chat_hash) ON DELETE CASCADE ON UPDATE CASCADE,
    hour INTEGER NOT NULL,             -- 0..23, in `timezone`
    timezone TEXT NOT NULL,            -- IANA zone the chat chose
    last_day TEXT,                     -- YYYY-MM-DD (in `timezone`) of the last digest composed: one a day
    updated_at {{bigint}} NOT NULL
);

-- Forum topics: in a group with topics, the topic (message thread) a followed case's messages go to.
-- A topic's number within its group; NULL: the group's general chat.
ALTER TABLE subscriptions ADD COLUMN thread_id {{bigint}};
