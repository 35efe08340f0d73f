-- What was found in items, the hearings it describes, and the announcements made of them.
CREATE TABLE findings (
    id {{pk}},
    item_id {{bigint}} REFERENCES items(id) ON DELETE SET NULL,   -- NULL for admin input
    case_id {{bigint}} NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,                -- 'hearing' | 'statement' | 'mention'
    local_date TEXT,                   -- YYYY-MM-DD in the court's zone (hearings)
    local_time TEXT,                   -- HH:MM or NULL
    when_ TEXT,                        -- 'upcoming' | 'past' relative to the item's publication
    postponed {{bool}} NOT NULL DEFAULT {{false}},
    confidence {{double}} NOT NULL,
    evidence TEXT,                     -- the sentence it came from
    state TEXT NOT NULL,               -- 'auto' | 'pending' (waits for /review) | 'approved' | 'rejected' | 'superseded'
    hearing_id {{bigint}},             -- the hearing it created or merged into
    reviewed_by {{bigint}},            -- admin user id
    reviewed_at {{bigint}},
    created_at {{bigint}} NOT NULL
);
CREATE INDEX findings_state ON findings(state, created_at);
CREATE INDEX findings_item ON findings(item_id);

CREATE TABLE hearings (
    id {{pk}},
    case_id {{bigint}} NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    local_date TEXT NOT NULL,          -- the court-local date is the truth; the UTC instant is computed when needed
    local_time TEXT,                   -- HH:MM, NULL while unknown
    tz TEXT NOT NULL,                  -- IANA zone of the court
    court TEXT,
    status TEXT NOT NULL,              -- 'scheduled' | 'postponed' (moved to this date) | 'cancelled' | 'held'
    revision INTEGER NOT NULL DEFAULT 1,   -- +1 on every change; reminders and messages name the revision
    created_at {{bigint}} NOT NULL,
    updated_at {{bigint}} NOT NULL
);
CREATE INDEX hearings_case_date ON hearings(case_id, local_date);

CREATE TABLE hearing_changes (
    hearing_id {{bigint}} NOT NULL REFERENCES hearings(id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    old_date TEXT, new_date TEXT,
    old_time TEXT, new_time TEXT,
    old_status TEXT, new_status TEXT,
    cause TEXT NOT NULL,               -- 'finding' | 'admin' | 'postponement' | 'time_learned' | 'cancel'
    ref TEXT,                          -- finding id, admin id or item URL
    at {{bigint}} NOT NULL,
    PRIMARY KEY (hearing_id, revision)
);

CREATE TABLE hearing_sources (
    hearing_id {{bigint}} NOT NULL REFERENCES hearings(id) ON DELETE CASCADE,
    url TEXT NOT NULL,                 -- every source that reported it (five sources, one hearing)
    PRIMARY KEY (hearing_id, url)
);

CREATE TABLE announcements (
    id {{pk}},
    kind TEXT NOT NULL,                -- hearing_new | hearing_changed | hearing_cancelled | reminder | statement |
                                       -- update | status | mention | correction | admin_notice
    case_id {{bigint}} REFERENCES cases(id) ON DELETE CASCADE,
    hearing_id {{bigint}} REFERENCES hearings(id) ON DELETE CASCADE,
    min_level TEXT NOT NULL,           -- 'hearings': both levels receive it; 'all': only "everything"
    payload_json TEXT NOT NULL,        -- what render needs: title, excerpt, link, dates, revision, offset
    dedupe_key TEXT NOT NULL UNIQUE,   -- h:<hearing>:r<rev> | r:<hearing>:r<rev>:<offset> | s:<case>:<hash> | ...
    created_by {{bigint}},             -- admin user id for admin input; NULL when found automatically
    created_at {{bigint}} NOT NULL
);
CREATE INDEX announcements_case ON announcements(case_id, created_at);
