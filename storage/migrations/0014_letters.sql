-- How to write to the detainee of a case, and their birthday: public case data, nothing about a follower.
CREATE TABLE case_letters (
    case_id {{bigint}} PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    address TEXT,                      -- the facility's postal address, in Russian (or as written)
    address_en TEXT,
    address_kk TEXT,
    rules TEXT,                        -- language of letters, what the censors block, what to avoid
    rules_en TEXT,
    rules_kk TEXT,
    service_url TEXT,                  -- an electronic-letter service (https only)
    service_name TEXT,                 -- its name as shown beside the link
    birthday TEXT,                     -- MM-DD, or YYYY-MM-DD when the year is known
    updated_at {{bigint}} NOT NULL
);
