-- Where an admin is in a dialog (/newcase, /editcase, /post, a review edit): aiogram's FSM, kept in our tables
-- so a restart mid-dialog loses nothing and any instance can take the next answer.
CREATE TABLE dialogs (
    key TEXT PRIMARY KEY,              -- bot, chat, user, thread and destiny of aiogram's StorageKey
    chat_id {{bigint}} NOT NULL,       -- so /forget finds it
    state TEXT,                        -- e.g. AdminNewCase:step; NULL once the dialog ends
    data_json TEXT NOT NULL DEFAULT '{}',   -- the answers so far
    updated_at {{bigint}} NOT NULL
);
CREATE INDEX dialogs_chat ON dialogs(chat_id);
