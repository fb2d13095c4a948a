-- records
SELECT "name" AS "name", "_rid" AS "_rid" FROM "rec_trees" WHERE ((((list_bool_or(list_transform(string_split_regex(strip_accents(lower("name")), '[^\pL\pN_]+'), __w -> levenshtein(__w, CAST(? AS VARCHAR)) <= CAST(? AS BIGINT))) OR regexp_matches(strip_accents(lower("name")), CAST(? AS VARCHAR)))) AND (regexp_matches(strip_accents(lower("name")), CAST(? AS VARCHAR)))) OR (regexp_matches(strip_accents(lower("name")), CAST(? AS VARCHAR)) OR regexp_matches(strip_accents(lower("city")), CAST(? AS VARCHAR))) OR (starts_with("name", CAST(? AS VARCHAR)) OR starts_with("city", CAST(? AS VARCHAR)) OR starts_with("species", CAST(? AS VARCHAR)) OR list_bool_or(list_transform("tags", __e -> starts_with(__e, CAST(? AS VARCHAR)))) OR starts_with("secret", CAST(? AS VARCHAR))) OR (regexp_matches(strip_accents(lower("name")), CAST(? AS VARCHAR)))) ORDER BY "_rid" ASC LIMIT CAST(? AS BIGINT)
-- params
["bok",1,"(^|[^\\pL\\pN_])bok","(^|[^\\pL\\pN_])secret","(^|[^\\pL\\pN_])mars","(^|[^\\pL\\pN_])mars","Pla","Pla","Pla","Pla","Pla","(^|[^\\pL\\pN_])louvre($|[^\\pL\\pN_])",10]
-- columns
[{"name":"name","type":"text","label":"NAME"},{"name":"_rid","type":"int"}]
-- count
SELECT count(*) AS "total_count" FROM "rec_trees" WHERE ((((list_bool_or(list_transform(string_split_regex(strip_accents(lower("name")), '[^\pL\pN_]+'), __w -> levenshtein(__w, CAST(? AS VARCHAR)) <= CAST(? AS BIGINT))) OR regexp_matches(strip_accents(lower("name")), CAST(? AS VARCHAR)))) AND (regexp_matches(strip_accents(lower("name")), CAST(? AS VARCHAR)))) OR (regexp_matches(strip_accents(lower("name")), CAST(? AS VARCHAR)) OR regexp_matches(strip_accents(lower("city")), CAST(? AS VARCHAR))) OR (starts_with("name", CAST(? AS VARCHAR)) OR starts_with("city", CAST(? AS VARCHAR)) OR starts_with("species", CAST(? AS VARCHAR)) OR list_bool_or(list_transform("tags", __e -> starts_with(__e, CAST(? AS VARCHAR)))) OR starts_with("secret", CAST(? AS VARCHAR))) OR (regexp_matches(strip_accents(lower("name")), CAST(? AS VARCHAR))))
-- params
["bok",1,"(^|[^\\pL\\pN_])bok","(^|[^\\pL\\pN_])secret","(^|[^\\pL\\pN_])mars","(^|[^\\pL\\pN_])mars","Pla","Pla","Pla","Pla","Pla","(^|[^\\pL\\pN_])louvre($|[^\\pL\\pN_])"]
-- columns
[{"name":"total_count","type":"int"}]
