-- records
SELECT "name" AS "name", "age" AS "age", "_rid" AS "_rid" FROM "rec_trees" ORDER BY "_rid" ASC LIMIT CAST(? AS BIGINT)
-- params
[10]
-- columns
[{"name":"name","type":"text","label":"NAME"},{"name":"age","type":"int","label":"AGE"},{"name":"_rid","type":"int"}]
-- count
SELECT count(*) AS "total_count" FROM "rec_trees"
-- params
[]
-- columns
[{"name":"total_count","type":"int"}]
