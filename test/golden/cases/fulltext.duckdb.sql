-- records
SELECT "name" AS "name", "_rid" AS "_rid" FROM "rec_trees" WHERE ((regexp_matches(strip_accents(lower("name")), CAST(? AS VARCHAR)) OR regexp_matches(strip_accents(lower("city")), CAST(? AS VARCHAR)) OR regexp_matches(strip_accents(lower("species")), CAST(? AS VARCHAR)) OR regexp_matches(strip_accents(lower(array_to_string("tags", ' '))), CAST(? AS VARCHAR)) OR regexp_matches(strip_accents(lower("secret")), CAST(? AS VARCHAR))) AND (NOT COALESCE((regexp_matches(strip_accents(lower("name")), CAST(? AS VARCHAR)) OR regexp_matches(strip_accents(lower("city")), CAST(? AS VARCHAR)) OR regexp_matches(strip_accents(lower("species")), CAST(? AS VARCHAR)) OR regexp_matches(strip_accents(lower(array_to_string("tags", ' '))), CAST(? AS VARCHAR)) OR regexp_matches(strip_accents(lower("secret")), CAST(? AS VARCHAR))), FALSE))) ORDER BY "_rid" ASC LIMIT CAST(? AS BIGINT)
-- params
["(^|[^\\pL\\pN_])sebastopol","(^|[^\\pL\\pN_])sebastopol","(^|[^\\pL\\pN_])sebastopol","(^|[^\\pL\\pN_])sebastopol","(^|[^\\pL\\pN_])sebastopol","(^|[^\\pL\\pN_])film","(^|[^\\pL\\pN_])film","(^|[^\\pL\\pN_])film","(^|[^\\pL\\pN_])film","(^|[^\\pL\\pN_])film",10]
-- columns
[{"name":"name","type":"text","label":"NAME"},{"name":"_rid","type":"int"}]
-- count
SELECT count(*) AS "total_count" FROM "rec_trees" WHERE ((regexp_matches(strip_accents(lower("name")), CAST(? AS VARCHAR)) OR regexp_matches(strip_accents(lower("city")), CAST(? AS VARCHAR)) OR regexp_matches(strip_accents(lower("species")), CAST(? AS VARCHAR)) OR regexp_matches(strip_accents(lower(array_to_string("tags", ' '))), CAST(? AS VARCHAR)) OR regexp_matches(strip_accents(lower("secret")), CAST(? AS VARCHAR))) AND (NOT COALESCE((regexp_matches(strip_accents(lower("name")), CAST(? AS VARCHAR)) OR regexp_matches(strip_accents(lower("city")), CAST(? AS VARCHAR)) OR regexp_matches(strip_accents(lower("species")), CAST(? AS VARCHAR)) OR regexp_matches(strip_accents(lower(array_to_string("tags", ' '))), CAST(? AS VARCHAR)) OR regexp_matches(strip_accents(lower("secret")), CAST(? AS VARCHAR))), FALSE)))
-- params
["(^|[^\\pL\\pN_])sebastopol","(^|[^\\pL\\pN_])sebastopol","(^|[^\\pL\\pN_])sebastopol","(^|[^\\pL\\pN_])sebastopol","(^|[^\\pL\\pN_])sebastopol","(^|[^\\pL\\pN_])film","(^|[^\\pL\\pN_])film","(^|[^\\pL\\pN_])film","(^|[^\\pL\\pN_])film","(^|[^\\pL\\pN_])film"]
-- columns
[{"name":"total_count","type":"int"}]
