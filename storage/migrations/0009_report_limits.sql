-- "Wrong date?" reports: who may report once, and how often, without keeping who reported.
-- A mark is a keyed hash (HMAC-SHA256, key derived from BOT_TOKEN, never stored here) of (chat, hearing):
-- it says "this chat has reported this hearing" to whoever holds the key, and names no one to whoever holds
-- only the database. Marks are deleted once their hearing has passed.
CREATE TABLE report_marks (
    mark TEXT PRIMARY KEY,
    hearing_id {{bigint}} NOT NULL REFERENCES hearings(id) ON DELETE CASCADE,
    expires_at {{bigint}} NOT NULL     -- the hearing's start (or the end of its day): deleted after
);
CREATE INDEX report_marks_expiry ON report_marks(expires_at);

-- Report counts per hour: per chat (a keyed hash of chat and hour, as above) and per hearing.
CREATE TABLE report_counts (
    key TEXT PRIMARY KEY,
    n INTEGER NOT NULL,
    expires_at {{bigint}} NOT NULL
);
CREATE INDEX report_counts_expiry ON report_counts(expires_at);
