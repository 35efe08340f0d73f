-- The sources admins configure, the items read from them, and leases (one scheduler at a time).
CREATE TABLE sources (
    id TEXT PRIMARY KEY,               -- [a-z0-9_-]{1,48}; /addsource makes host + short hash
    kind TEXT NOT NULL,                -- rss | html | telegram | markdown
    url TEXT NOT NULL,                 -- http(s); config sources may also name file:// (a file or a folder)
    case_id {{bigint}} REFERENCES cases(id) ON DELETE SET NULL,   -- every item belongs to this case, if set
    interval_s {{bigint}},             -- NULL: POLL_INTERVAL
    options_json TEXT NOT NULL DEFAULT '{}',   -- follow_links, date_format, selectors, backfill
    origin TEXT NOT NULL,              -- 'config' (the TOML; never overwritten from it) | 'admin' (/addsource)
    state TEXT NOT NULL DEFAULT 'active',      -- 'active' | 'paused' | 'removed' (a removed config source stays removed)
    etag TEXT,                         -- validators of the last 200, sent back as If-None-Match / If-Modified-Since
    last_modified TEXT,
    last_success_at {{bigint}},
    last_error_at {{bigint}},
    last_error TEXT,                   -- one line, safe to show admins
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    next_attempt_at {{bigint}} NOT NULL,       -- the poll tick fetches the source once this has come
    alerted {{bool}} NOT NULL DEFAULT {{false}},   -- admins were told it is failing; told again when it recovers
    baselined_at {{bigint}},           -- NULL until the first successful read stored its items as already seen
    created_by {{bigint}},             -- the admin's Telegram user id (/addsource); NULL for config sources
    created_at {{bigint}} NOT NULL
);
CREATE INDEX sources_due ON sources(state, next_attempt_at);

CREATE TABLE items (
    id {{pk}},
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    stable_id TEXT NOT NULL,           -- GUID, post id, canonical URL without tracking parameters, or a content hash
    url TEXT,
    title TEXT,
    published_at {{bigint}},           -- as the source says, NULL when it does not
    fetched_at {{bigint}} NOT NULL,    -- first seen
    edited_at {{bigint}},              -- last time the content changed after it was first seen
    text TEXT NOT NULL DEFAULT '',     -- plain text; emptied by pruning after RETENTION_DAYS (the row stays for dedupe)
    content_hash TEXT NOT NULL,        -- of title and text: an edit changes it
    extracted_hash TEXT,               -- content_hash the extraction stage last read; differs: extract (again)
    baseline {{bool}} NOT NULL DEFAULT {{false}},  -- stored when its source was first read: seen, never announced
    UNIQUE (source_id, stable_id)
);
CREATE INDEX items_fetched ON items(fetched_at);

CREATE TABLE leases (
    name TEXT PRIMARY KEY,             -- e.g. 'scheduler'
    holder TEXT NOT NULL,              -- INSTANCE_ID of the holder
    expires_at {{bigint}} NOT NULL     -- free for anyone once this has passed
);
