-- records
SELECT "__a0" AS "n", "__k0" AS "y", "__k1" AS "d", count(*) OVER () AS "__total" FROM (SELECT CAST(EXTRACT(YEAR FROM ("measured" AT TIME ZONE $1)) AS bigint) AS "__k0", ((CASE CAST(EXTRACT(ISODOW FROM ("measured" AT TIME ZONE $2)) AS bigint) WHEN 1 THEN CAST($3 AS text) WHEN 2 THEN CAST($4 AS text) WHEN 3 THEN CAST($5 AS text) WHEN 4 THEN CAST($6 AS text) WHEN 5 THEN CAST($7 AS text) WHEN 6 THEN CAST($8 AS text) WHEN 7 THEN CAST($9 AS text) END) || to_char(("measured" AT TIME ZONE $10), $11)) AS "__k1", count(*) AS "__a0" FROM "rec_trees" GROUP BY 1, 2) AS q ORDER BY "__k0" DESC NULLS LAST, "__k1" ASC NULLS LAST LIMIT CAST($12 AS bigint)
-- params
["Europe/Paris","Europe/Paris","lundi","mardi","mercredi","jeudi","vendredi","samedi","dimanche","Europe/Paris","\" \"DD\"/\"MM\"/\"YYYY\" à \"HH24\"h\"",10]
-- columns
[{"name":"n","type":"int"},{"name":"y","type":"int"},{"name":"d","type":"text"}]
-- count
SELECT count(*) AS "total_count" FROM (SELECT CAST(EXTRACT(YEAR FROM ("measured" AT TIME ZONE $1)) AS bigint) AS "__k0", ((CASE CAST(EXTRACT(ISODOW FROM ("measured" AT TIME ZONE $2)) AS bigint) WHEN 1 THEN CAST($3 AS text) WHEN 2 THEN CAST($4 AS text) WHEN 3 THEN CAST($5 AS text) WHEN 4 THEN CAST($6 AS text) WHEN 5 THEN CAST($7 AS text) WHEN 6 THEN CAST($8 AS text) WHEN 7 THEN CAST($9 AS text) END) || to_char(("measured" AT TIME ZONE $10), $11)) AS "__k1" FROM "rec_trees" GROUP BY 1, 2) AS q
-- params
["Europe/Paris","Europe/Paris","lundi","mardi","mercredi","jeudi","vendredi","samedi","dimanche","Europe/Paris","\" \"DD\"/\"MM\"/\"YYYY\" à \"HH24\"h\""]
-- columns
[{"name":"total_count","type":"int"}]
