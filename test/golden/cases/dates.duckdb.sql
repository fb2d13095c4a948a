-- records
SELECT "name" AS "name", "measured" AS "measured", "_rid" AS "_rid" FROM "rec_trees" WHERE (("measured" >= CAST(? AS TIMESTAMPTZ)) AND ("measured" < CAST(? AS TIMESTAMPTZ)) AND (("planted" >= CAST(? AS DATE)) AND ("planted" < CAST(? AS DATE))) AND ("date" >= CAST(? AS DATE) AND "date" < CAST(? AS DATE))) ORDER BY "_rid" ASC LIMIT CAST(? AS BIGINT)
-- params
["2021-08-31T22:00:00.000Z","2021-09-30T12:00:00.000Z","1900-01-01","1950-01-01","2021-09-01","2021-09-02",10]
-- columns
[{"name":"name","type":"text","label":"NAME"},{"name":"measured","type":"datetime","label":"MEASURED"},{"name":"_rid","type":"int"}]
-- count
SELECT count(*) AS "total_count" FROM "rec_trees" WHERE (("measured" >= CAST(? AS TIMESTAMPTZ)) AND ("measured" < CAST(? AS TIMESTAMPTZ)) AND (("planted" >= CAST(? AS DATE)) AND ("planted" < CAST(? AS DATE))) AND ("date" >= CAST(? AS DATE) AND "date" < CAST(? AS DATE)))
-- params
["2021-08-31T22:00:00.000Z","2021-09-30T12:00:00.000Z","1900-01-01","1950-01-01","2021-09-01","2021-09-02"]
-- columns
[{"name":"total_count","type":"int"}]
