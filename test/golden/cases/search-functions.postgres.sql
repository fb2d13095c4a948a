-- records
SELECT "name" AS "name", "_rid" AS "_rid" FROM "rec_trees" WHERE ((((EXISTS (SELECT 1 FROM regexp_split_to_table(unaccent(lower("name")), '[^[:alnum:]_]+') AS __w(w) WHERE levenshtein(__w.w, CAST($1 AS text)) <= CAST($2 AS bigint)) OR (unaccent(lower("name")) ~ CAST($3 AS text)))) AND ((unaccent(lower("name")) ~ CAST($4 AS text)))) OR ((unaccent(lower("name")) ~ CAST($5 AS text)) OR (unaccent(lower("city")) ~ CAST($6 AS text))) OR (starts_with("name", CAST($7 AS text)) OR starts_with("city", CAST($8 AS text)) OR starts_with("species", CAST($9 AS text)) OR EXISTS (SELECT 1 FROM unnest("tags") AS __e WHERE starts_with(__e, CAST($10 AS text))) OR starts_with("secret", CAST($11 AS text))) OR ((unaccent(lower("name")) ~ CAST($12 AS text)))) ORDER BY "_rid" ASC LIMIT CAST($13 AS bigint)
-- params
["bok",1,"(^|[^[:alnum:]_])bok","(^|[^[:alnum:]_])secret","(^|[^[:alnum:]_])mars","(^|[^[:alnum:]_])mars","Pla","Pla","Pla","Pla","Pla","(^|[^[:alnum:]_])louvre($|[^[:alnum:]_])",10]
-- columns
[{"name":"name","type":"text","label":"NAME"},{"name":"_rid","type":"int"}]
-- count
SELECT count(*) AS "total_count" FROM "rec_trees" WHERE ((((EXISTS (SELECT 1 FROM regexp_split_to_table(unaccent(lower("name")), '[^[:alnum:]_]+') AS __w(w) WHERE levenshtein(__w.w, CAST($1 AS text)) <= CAST($2 AS bigint)) OR (unaccent(lower("name")) ~ CAST($3 AS text)))) AND ((unaccent(lower("name")) ~ CAST($4 AS text)))) OR ((unaccent(lower("name")) ~ CAST($5 AS text)) OR (unaccent(lower("city")) ~ CAST($6 AS text))) OR (starts_with("name", CAST($7 AS text)) OR starts_with("city", CAST($8 AS text)) OR starts_with("species", CAST($9 AS text)) OR EXISTS (SELECT 1 FROM unnest("tags") AS __e WHERE starts_with(__e, CAST($10 AS text))) OR starts_with("secret", CAST($11 AS text))) OR ((unaccent(lower("name")) ~ CAST($12 AS text))))
-- params
["bok",1,"(^|[^[:alnum:]_])bok","(^|[^[:alnum:]_])secret","(^|[^[:alnum:]_])mars","(^|[^[:alnum:]_])mars","Pla","Pla","Pla","Pla","Pla","(^|[^[:alnum:]_])louvre($|[^[:alnum:]_])"]
-- columns
[{"name":"total_count","type":"int"}]
