-- A hearing finding held for /review because another outlet (or an admin) gives the same case a different
-- date close to it: the hearing it disagrees with, so /review can show both. NULL for every other finding.
ALTER TABLE findings ADD COLUMN conflict_hearing_id {{bigint}};
