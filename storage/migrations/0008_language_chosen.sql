-- Whether a chat chose its language with /lang. Until it does, a private chat follows the language of the
-- person's Telegram app on every update; afterwards their choice holds.
ALTER TABLE chats ADD COLUMN language_chosen {{bool}} NOT NULL DEFAULT {{false}};
-- Chats from before this column keep the language they have: some of them chose it, and nothing tells which.
UPDATE chats SET language_chosen = {{true}};
