-- records
SELECT "name" AS "name", "measured" AS "measured", "_rid" AS "_rid" FROM "rec_trees" WHERE (("measured" >= CAST($1 AS timestamptz)) AND ("measured" < CAST($2 AS timestamptz)) AND (("planted" >= CAST($3 AS date)) AND ("planted" < CAST($4 AS date))) AND ("date" >= CAST($5 AS date) AND "date" < CAST($6 AS date))) ORDER BY "_rid" ASC LIMIT CAST($7 AS bigint)
-- params
["2021-08-31T22:00:00.000Z","2021-09-30T12:00:00.000Z","1900-01-01","1950-01-01","2021-09-01","2021-09-02",10]
-- columns
[{"name":"name","type":"text","label":"NAME"},{"name":"measured","type":"datetime","label":"MEASURED"},{"name":"_rid","type":"int"}]
-- count
SELECT count(*) AS "total_count" FROM "rec_trees" WHERE (("measured" >= CAST($1 AS timestamptz)) AND ("measured" < CAST($2 AS timestamptz)) AND (("planted" >= CAST($3 AS date)) AND ("planted" < CAST($4 AS date))) AND ("date" >= CAST($5 AS date) AND "date" < CAST($6 AS date)))
-- params
["2021-08-31T22:00:00.000Z","2021-09-30T12:00:00.000Z","1900-01-01","1950-01-01","2021-09-01","2021-09-02"]
-- columns
[{"name":"total_count","type":"int"}]
