-- facet city (value)
SELECT x AS "value", count(*) AS "count", x AS "name", CASE WHEN x IN (CAST($1 AS text)) THEN 'excluded' ELSE 'displayed' END AS "state", CAST(NULL AS text) AS "parent" FROM (SELECT "city" AS x FROM "rec_trees" WHERE (("height" > CAST($2 AS bigint)) AND ("measured" >= CAST($3 AS timestamptz) AND "measured" < CAST($4 AS timestamptz)))) AS q WHERE x IS NOT NULL GROUP BY x ORDER BY "count" DESC, x ASC
-- params
["Lyon",5,"2021-09-01T00:00:00.000Z","2021-10-01T00:00:00.000Z"]
-- columns
[{"name":"value","type":"text"},{"name":"count","type":"int"},{"name":"name","type":"text"},{"name":"state","type":"text"},{"name":"parent","type":"text"}]
-- facet measured (date)
SELECT v AS "value", n AS "count", CASE lvl WHEN 1 THEN v ELSE right(v, 2) END AS "name", CASE WHEN v IN (CAST($1 AS text), CAST($2 AS text)) THEN 'refined' ELSE 'displayed' END AS "state", parent AS "parent" FROM (SELECT 1 AS lvl, to_char(("measured" AT TIME ZONE $3), $4) AS v, NULL AS parent, count(*) AS n FROM "rec_trees" WHERE (("height" > CAST($5 AS bigint)) AND ("measured" >= CAST($6 AS timestamptz) AND "measured" < CAST($7 AS timestamptz)) AND (NOT COALESCE(("city" = CAST($8 AS text)), FALSE))) AND "measured" IS NOT NULL GROUP BY 1, 2, 3 UNION ALL SELECT 2 AS lvl, to_char(("measured" AT TIME ZONE $9), $10) AS v, to_char(("measured" AT TIME ZONE $11), $12) AS parent, count(*) AS n FROM "rec_trees" WHERE (("height" > CAST($13 AS bigint)) AND ("measured" >= CAST($14 AS timestamptz) AND "measured" < CAST($15 AS timestamptz)) AND (NOT COALESCE(("city" = CAST($16 AS text)), FALSE))) AND "measured" IS NOT NULL AND to_char(("measured" AT TIME ZONE $17), $18) IN (CAST($19 AS text)) GROUP BY 1, 2, 3 UNION ALL SELECT 3 AS lvl, to_char(("measured" AT TIME ZONE $20), $21) AS v, to_char(("measured" AT TIME ZONE $22), $23) AS parent, count(*) AS n FROM "rec_trees" WHERE (("height" > CAST($24 AS bigint)) AND ("measured" >= CAST($25 AS timestamptz) AND "measured" < CAST($26 AS timestamptz)) AND (NOT COALESCE(("city" = CAST($27 AS text)), FALSE))) AND "measured" IS NOT NULL AND to_char(("measured" AT TIME ZONE $28), $29) IN (CAST($30 AS text)) GROUP BY 1, 2, 3) AS q ORDER BY lvl ASC, v DESC
-- params
["2021","2021/09","UTC","YYYY",5,"2021-09-01T00:00:00.000Z","2021-10-01T00:00:00.000Z","Lyon","UTC","YYYY\"/\"MM","UTC","YYYY",5,"2021-09-01T00:00:00.000Z","2021-10-01T00:00:00.000Z","Lyon","UTC","YYYY","2021","UTC","YYYY\"/\"MM\"/\"DD","UTC","YYYY\"/\"MM",5,"2021-09-01T00:00:00.000Z","2021-10-01T00:00:00.000Z","Lyon","UTC","YYYY\"/\"MM","2021/09"]
-- columns
[{"name":"value","type":"text"},{"name":"count","type":"int"},{"name":"name","type":"text"},{"name":"state","type":"text"},{"name":"parent","type":"text"}]
-- facet tags (value)
SELECT x AS "value", count(*) AS "count", x AS "name", 'displayed' AS "state", CAST(NULL AS text) AS "parent" FROM (SELECT unnest("tags") AS x FROM "rec_trees" WHERE (("height" > CAST($1 AS bigint)) AND ("measured" >= CAST($2 AS timestamptz) AND "measured" < CAST($3 AS timestamptz)) AND (NOT COALESCE(("city" = CAST($4 AS text)), FALSE)))) AS q WHERE x IS NOT NULL GROUP BY x ORDER BY x ASC LIMIT CAST($5 AS bigint)
-- params
[5,"2021-09-01T00:00:00.000Z","2021-10-01T00:00:00.000Z","Lyon",5]
-- columns
[{"name":"value","type":"text"},{"name":"count","type":"int"},{"name":"name","type":"text"},{"name":"state","type":"text"},{"name":"parent","type":"text"}]
