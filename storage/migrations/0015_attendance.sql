-- Showing up at a hearing: what admins set about a hearing and a case, and who means to come (not who).

-- A hearing's courtroom and whether the public may sit in (NULL: not known).
CREATE TABLE hearing_kits (
    hearing_id {{bigint}} PRIMARY KEY REFERENCES hearings(id) ON DELETE CASCADE,
    courtroom TEXT,
    open_to_public {{bool}},
    updated_at {{bigint}} NOT NULL
);

-- A case's advice for every hearing: how long before the start to arrive, and what to bring besides an ID.
CREATE TABLE case_kits (
    case_id {{bigint}} PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    arrive_minutes INTEGER,
    bring TEXT,
    bring_en TEXT,
    bring_kk TEXT,
    updated_at {{bigint}} NOT NULL
);

-- "I'm going": one keyed hash (HMAC under DATA_KEY's lookup key) of chat and hearing per chat that means to
-- come, and the hearing. Nothing else about the chat; deleted the day after the hearing (court time).
CREATE TABLE going_marks (
    mark TEXT PRIMARY KEY,
    hearing_id {{bigint}} NOT NULL REFERENCES hearings(id) ON DELETE CASCADE
);
CREATE INDEX going_marks_hearing ON going_marks(hearing_id);
