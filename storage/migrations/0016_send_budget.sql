-- Telegram's limits shared by several instances on one PostgreSQL database when there is no Redis
-- (bot/delivery/budget_pg.py). Times are seconds on the database's own clock, so the instances' clocks do not
-- matter. A chat is named by `tag`, a keyed hash of its id (the key comes from BOT_TOKEN and is not stored
-- here), never by the id. Every row is state of the last minute at most: the prune job deletes expired ones.

-- Token buckets: `bot` and `paid` (bot-wide), `p:<tag>` (a private chat), `g:<tag>` (a group: the row only
-- serialises that group's grants; its minute is in send_group_grants).
CREATE TABLE send_buckets (
    name TEXT PRIMARY KEY,
    tokens {{double}} NOT NULL,
    updated_at {{double}} NOT NULL,
    expires_at {{double}} NOT NULL     -- full again (or, for a group, its minute over): the row can go
);
CREATE INDEX send_buckets_expiry ON send_buckets(expires_at);

-- A group's grants within its rolling minute.
CREATE TABLE send_group_grants (
    id {{pk}},
    tag TEXT NOT NULL,
    at {{double}} NOT NULL,
    expires_at {{double}} NOT NULL
);
CREATE INDEX send_group_grants_tag ON send_group_grants(tag, at);
CREATE INDEX send_group_grants_expiry ON send_group_grants(expires_at);

-- Pauses after a 429's retry_after: `all` (every send) or `c:<tag>` (one chat); a grant reads them first.
CREATE TABLE send_pauses (
    name TEXT PRIMARY KEY,
    until_at {{double}} NOT NULL
);

-- Chats refused lately: two within a second mean the bot-wide limit was hit.
CREATE TABLE send_refusals (
    tag TEXT PRIMARY KEY,
    at {{double}} NOT NULL,
    expires_at {{double}} NOT NULL
);
