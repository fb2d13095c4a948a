-- records
SELECT "name" AS "name", "_rid" AS "_rid" FROM "rec_trees" WHERE (((("height" > CAST($1 AS bigint)) AND ("city" = CAST($2 AS text))) OR (NOT COALESCE(("public" = CAST($3 AS boolean)), FALSE))) AND ("age" <> CAST($4 AS bigint))) ORDER BY "_rid" ASC LIMIT CAST($5 AS bigint)
-- params
[10,"Paris",true,80,10]
-- columns
[{"name":"name","type":"text","label":"NAME"},{"name":"_rid","type":"int"}]
-- count
SELECT count(*) AS "total_count" FROM "rec_trees" WHERE (((("height" > CAST($1 AS bigint)) AND ("city" = CAST($2 AS text))) OR (NOT COALESCE(("public" = CAST($3 AS boolean)), FALSE))) AND ("age" <> CAST($4 AS bigint)))
-- params
[10,"Paris",true,80]
-- columns
[{"name":"total_count","type":"int"}]
