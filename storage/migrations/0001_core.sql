-- Core: cases, their aliases, chats and subscriptions.
CREATE TABLE cases (
    id {{pk}},
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_en TEXT,
    name_kk TEXT,
    gender TEXT,                       -- 'm' | 'f' | NULL: drives surname declension
    timezone TEXT NOT NULL,            -- IANA zone of the court
    status TEXT NOT NULL,
    court TEXT,
    description TEXT,
    description_en TEXT,
    description_kk TEXT,
    links_json TEXT NOT NULL DEFAULT '[]',
    public {{bool}} NOT NULL DEFAULT {{true}},
    mirror_chat_id {{bigint}},         -- a channel or group where every announcement is also posted
    mirror_chat TEXT,                  -- as configured ('@channel'), resolved to mirror_chat_id when known
    origin TEXT NOT NULL,              -- 'config' | 'admin' | 'import'
    created_at {{bigint}} NOT NULL,
    updated_at {{bigint}} NOT NULL
);

CREATE TABLE case_aliases (
    case_id {{bigint}} NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    PRIMARY KEY (case_id, alias)
);

-- All that is stored about a person or a group: the chat id, its type, language and settings.
CREATE TABLE chats (
    id {{bigint}} PRIMARY KEY,         -- the Telegram chat id
    type TEXT NOT NULL,                -- private | group | supergroup | channel
    language TEXT NOT NULL,            -- ru | en | kk
    active {{bool}} NOT NULL DEFAULT {{true}},   -- false once Telegram says blocked / removed
    reminder_offsets TEXT,             -- comma-separated minutes; NULL = the configured default; '' = none
    news_mentions {{bool}} NOT NULL DEFAULT {{true}},
    created_at {{bigint}} NOT NULL,
    deactivated_at {{bigint}}
);

CREATE TABLE subscriptions (
    chat_id {{bigint}} NOT NULL REFERENCES chats(id) ON DELETE CASCADE ON UPDATE CASCADE,
    case_id {{bigint}} NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    level TEXT NOT NULL,               -- 'all' | 'hearings'
    created_at {{bigint}} NOT NULL,
    PRIMARY KEY (chat_id, case_id)
);
CREATE INDEX subscriptions_case ON subscriptions(case_id, level);
