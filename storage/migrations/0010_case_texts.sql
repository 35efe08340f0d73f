-- A case's texts for every reader: the court and its address in three languages, and hand-set Russian
-- forms of the name where the automatic declension is wrong. Plus this install's own random id.
ALTER TABLE cases ADD COLUMN name_gen TEXT;          -- Russian genitive ("Виктора Балашова"); NULL: automatic
ALTER TABLE cases ADD COLUMN name_ins TEXT;          -- Russian instrumental ("Виктором Балашовым"); NULL: automatic
ALTER TABLE cases ADD COLUMN court_en TEXT;
ALTER TABLE cases ADD COLUMN court_kk TEXT;
ALTER TABLE cases ADD COLUMN address TEXT;           -- the court's address
ALTER TABLE cases ADD COLUMN address_en TEXT;
ALTER TABLE cases ADD COLUMN address_kk TEXT;

-- Values this install keeps once: 'install_id' (random, made on first use) makes calendar UIDs unique.
CREATE TABLE install (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
