-- Corrections in place: a message already sent about a hearing, to be edited because the hearing moved, was
-- corrected or was cancelled. One row per delivered message (its outbox row, which holds the chat and
-- Telegram's message id; nothing here names a chat): a newer change of the hearing overwrites the row, so only
-- the latest edit of a message is ever made. Claimed by the editor like the outbox is by the sender.
CREATE TABLE message_edits (
    id {{pk}},
    outbox_id {{bigint}} NOT NULL UNIQUE REFERENCES outbox(id) ON DELETE CASCADE,
    hearing_id {{bigint}} NOT NULL REFERENCES hearings(id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,         -- the hearing's revision the edit tells of: a newer one supersedes it
    payload_json TEXT NOT NULL,        -- what the first line says: the change, the new date and time, the zone
    state TEXT NOT NULL DEFAULT 'pending',  -- 'pending' | 'sending' (claimed) | 'done' | 'skipped' | 'failed'
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at {{bigint}} NOT NULL,       -- not before this instant (retries, 429 waits)
    claimed_by TEXT,                   -- INSTANCE_ID of the worker that holds the claim
    lease_until {{bigint}},
    reason TEXT,                       -- why it was skipped or failed ("message can't be edited", ...)
    updated_at {{bigint}} NOT NULL
);
CREATE INDEX message_edits_due ON message_edits(state, next_at);
