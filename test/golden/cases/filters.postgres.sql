-- records
SELECT "name" AS "name", "_rid" AS "_rid" FROM "rec_trees" WHERE (("age" IN (CAST($1 AS bigint), CAST($2 AS bigint))) AND (("height" > CAST($3 AS bigint)) AND ("height" <= CAST($4 AS double precision))) AND ("species" IS NOT NULL) AND ("date" IS NULL) AND ("public" = CAST($5 AS boolean)) AND ("city" = CAST($6 AS text)) AND (CAST($7 AS text) = ANY("tags")) AND (NOT (CAST($8 AS text) = ANY("tags")))) ORDER BY "_rid" ASC LIMIT CAST($9 AS bigint)
-- params
[35,80,10,25.5,true,"Paris","old","tall",10]
-- columns
[{"name":"name","type":"text","label":"NAME"},{"name":"_rid","type":"int"}]
-- count
SELECT count(*) AS "total_count" FROM "rec_trees" WHERE (("age" IN (CAST($1 AS bigint), CAST($2 AS bigint))) AND (("height" > CAST($3 AS bigint)) AND ("height" <= CAST($4 AS double precision))) AND ("species" IS NOT NULL) AND ("date" IS NULL) AND ("public" = CAST($5 AS boolean)) AND ("city" = CAST($6 AS text)) AND (CAST($7 AS text) = ANY("tags")) AND (NOT (CAST($8 AS text) = ANY("tags"))))
-- params
[35,80,10,25.5,true,"Paris","old","tall"]
-- columns
[{"name":"total_count","type":"int"}]
