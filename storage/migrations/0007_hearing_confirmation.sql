-- A hearing finding held for /review because another outlet (or an admin) gives the same case a different
-- date close to it: the hearing it disagrees with, so /review can show both. NULL for every other finding.
ALTER TABLE findings ADD COLUMN conflict_hearing_id {{bigint}};
-- Reports of one case and date are gathered on every hearing finding (confirmation by a second outlet),
-- and a hearing's own findings when /review shows a conflict.
CREATE INDEX findings_case_date ON findings(case_id, local_date);
CREATE INDEX findings_hearing ON findings(hearing_id);
