-- facet city (value)
SELECT x AS "value", count(*) AS "count", x AS "name", CASE WHEN x IN (CAST(? AS VARCHAR)) THEN 'excluded' ELSE 'displayed' END AS "state", CAST(NULL AS VARCHAR) AS "parent" FROM (SELECT "city" AS x FROM "rec_trees" WHERE (("height" > CAST(? AS BIGINT)) AND ("measured" >= CAST(? AS TIMESTAMPTZ) AND "measured" < CAST(? AS TIMESTAMPTZ)))) AS q WHERE x IS NOT NULL GROUP BY x ORDER BY "count" DESC, x ASC
-- params
["Lyon",5,"2021-09-01T00:00:00.000Z","2021-10-01T00:00:00.000Z"]
-- columns
[{"name":"value","type":"text"},{"name":"count","type":"int"},{"name":"name","type":"text"},{"name":"state","type":"text"},{"name":"parent","type":"text"}]
-- facet measured (date)
SELECT v AS "value", n AS "count", CASE lvl WHEN 1 THEN v ELSE right(v, 2) END AS "name", CASE WHEN v IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR)) THEN 'refined' ELSE 'displayed' END AS "state", parent AS "parent" FROM (SELECT 1 AS lvl, strftime(timezone(?, "measured"), ?) AS v, NULL AS parent, count(*) AS n FROM "rec_trees" WHERE (("height" > CAST(? AS BIGINT)) AND ("measured" >= CAST(? AS TIMESTAMPTZ) AND "measured" < CAST(? AS TIMESTAMPTZ)) AND (NOT COALESCE(("city" = CAST(? AS VARCHAR)), FALSE))) AND "measured" IS NOT NULL GROUP BY 1, 2, 3 UNION ALL SELECT 2 AS lvl, strftime(timezone(?, "measured"), ?) AS v, strftime(timezone(?, "measured"), ?) AS parent, count(*) AS n FROM "rec_trees" WHERE (("height" > CAST(? AS BIGINT)) AND ("measured" >= CAST(? AS TIMESTAMPTZ) AND "measured" < CAST(? AS TIMESTAMPTZ)) AND (NOT COALESCE(("city" = CAST(? AS VARCHAR)), FALSE))) AND "measured" IS NOT NULL AND strftime(timezone(?, "measured"), ?) IN (CAST(? AS VARCHAR)) GROUP BY 1, 2, 3 UNION ALL SELECT 3 AS lvl, strftime(timezone(?, "measured"), ?) AS v, strftime(timezone(?, "measured"), ?) AS parent, count(*) AS n FROM "rec_trees" WHERE (("height" > CAST(? AS BIGINT)) AND ("measured" >= CAST(? AS TIMESTAMPTZ) AND "measured" < CAST(? AS TIMESTAMPTZ)) AND (NOT COALESCE(("city" = CAST(? AS VARCHAR)), FALSE))) AND "measured" IS NOT NULL AND strftime(timezone(?, "measured"), ?) IN (CAST(? AS VARCHAR)) GROUP BY 1, 2, 3) AS q ORDER BY lvl ASC, v DESC
-- params
["2021","2021/09","UTC","%Y",5,"2021-09-01T00:00:00.000Z","2021-10-01T00:00:00.000Z","Lyon","UTC","%Y/%m","UTC","%Y",5,"2021-09-01T00:00:00.000Z","2021-10-01T00:00:00.000Z","Lyon","UTC","%Y","2021","UTC","%Y/%m/%d","UTC","%Y/%m",5,"2021-09-01T00:00:00.000Z","2021-10-01T00:00:00.000Z","Lyon","UTC","%Y/%m","2021/09"]
-- columns
[{"name":"value","type":"text"},{"name":"count","type":"int"},{"name":"name","type":"text"},{"name":"state","type":"text"},{"name":"parent","type":"text"}]
-- facet tags (value)
SELECT x AS "value", count(*) AS "count", x AS "name", 'displayed' AS "state", CAST(NULL AS VARCHAR) AS "parent" FROM (SELECT unnest("tags") AS x FROM "rec_trees" WHERE (("height" > CAST(? AS BIGINT)) AND ("measured" >= CAST(? AS TIMESTAMPTZ) AND "measured" < CAST(? AS TIMESTAMPTZ)) AND (NOT COALESCE(("city" = CAST(? AS VARCHAR)), FALSE)))) AS q WHERE x IS NOT NULL GROUP BY x ORDER BY x ASC LIMIT CAST(? AS BIGINT)
-- params
[5,"2021-09-01T00:00:00.000Z","2021-10-01T00:00:00.000Z","Lyon",5]
-- columns
[{"name":"value","type":"text"},{"name":"count","type":"int"},{"name":"name","type":"text"},{"name":"state","type":"text"},{"name":"parent","type":"text"}]
