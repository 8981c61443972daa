-- The anchor of the tally benchmark: spec/tiers.md "Counting against quotas" for one year by
-- city as one SQL aggregate, run by the sqlite3 shell. bench/bench_tally.sh replaces :start
-- (Y−1-12-31), :end (Y-12-31) and :year. Validity years as in jiangxi-2020; a recognition
-- without valid_to ends validity years later minus one day (SQLite's date() also moves
-- 29 February to 1 March, as Ladder does); listing is open-ended.
WITH validity(tier, years) AS (
  VALUES ('above_scale', 1), ('high_tech', 3), ('specialized', 3), ('little_giant', 3),
         ('single_champion', 3), ('gazelle', 1), ('unicorn', 1), ('listing', NULL)),
state AS (
  SELECT r.credit_code, r.tier,
    MAX(r.valid_from <= ':start' AND COALESCE(r.valid_to,
        date(r.valid_from, '+' || v.years || ' years', '-1 day'), '9999-12-31') >= ':start') AS held_start,
    MAX(r.valid_from <= ':end' AND COALESCE(r.valid_to,
        date(r.valid_from, '+' || v.years || ' years', '-1 day'), '9999-12-31') >= ':end') AS held_end,
    MAX(substr(r.approved_on, 1, 4) = ':year') AS approved
  FROM recognitions r JOIN validity v ON v.tier = r.tier
  GROUP BY r.credit_code, r.tier)
SELECT substr(f.region_code, 1, 4) AS city, s.tier, SUM(s.held_start),
  SUM(s.approved AND NOT s.held_start), SUM(s.held_start AND NOT s.held_end), SUM(s.held_end)
FROM state s JOIN firms f ON f.credit_code = s.credit_code
WHERE length(f.region_code) >= 4
GROUP BY city, s.tier;
