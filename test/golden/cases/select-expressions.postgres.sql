-- records
SELECT "name" AS "tree", ("height" * CAST($1 AS bigint)) AS "double_height", length("name") AS "length(name)", upper("city") AS "upper(city)", (CAST("age" AS double precision) / NULLIF(CAST($2 AS bigint), 0)) AS "nothing", "_rid" AS "_rid" FROM "rec_trees" WHERE ("height" > CAST($3 AS bigint)) ORDER BY ("height" * CAST($4 AS bigint)) DESC NULLS LAST, "name" ASC NULLS LAST, "_rid" ASC LIMIT CAST($5 AS bigint)
-- params
[2,0,10,2,10]
-- columns
[{"name":"tree","type":"text"},{"name":"double_height","type":"double"},{"name":"length(name)","type":"int"},{"name":"upper(city)","type":"text"},{"name":"nothing","type":"double"},{"name":"_rid","type":"int"}]
-- count
SELECT count(*) AS "total_count" FROM "rec_trees" WHERE ("height" > CAST($1 AS bigint))
-- params
[10]
-- columns
[{"name":"total_count","type":"int"}]
