-- records
SELECT "name" AS "name", "_rid" AS "_rid" FROM "rec_trees" WHERE (((unaccent(lower("name")) ~ CAST($1 AS text)) OR (unaccent(lower("city")) ~ CAST($2 AS text)) OR (unaccent(lower("species")) ~ CAST($3 AS text)) OR (unaccent(lower(array_to_string("tags", ' '))) ~ CAST($4 AS text)) OR (unaccent(lower("secret")) ~ CAST($5 AS text))) AND (NOT COALESCE(((unaccent(lower("name")) ~ CAST($6 AS text)) OR (unaccent(lower("city")) ~ CAST($7 AS text)) OR (unaccent(lower("species")) ~ CAST($8 AS text)) OR (unaccent(lower(array_to_string("tags", ' '))) ~ CAST($9 AS text)) OR (unaccent(lower("secret")) ~ CAST($10 AS text))), FALSE))) ORDER BY "_rid" ASC LIMIT CAST($11 AS bigint)
-- params
["(^|[^[:alnum:]_])sebastopol","(^|[^[:alnum:]_])sebastopol","(^|[^[:alnum:]_])sebastopol","(^|[^[:alnum:]_])sebastopol","(^|[^[:alnum:]_])sebastopol","(^|[^[:alnum:]_])film","(^|[^[:alnum:]_])film","(^|[^[:alnum:]_])film","(^|[^[:alnum:]_])film","(^|[^[:alnum:]_])film",10]
-- columns
[{"name":"name","type":"text","label":"NAME"},{"name":"_rid","type":"int"}]
-- count
SELECT count(*) AS "total_count" FROM "rec_trees" WHERE (((unaccent(lower("name")) ~ CAST($1 AS text)) OR (unaccent(lower("city")) ~ CAST($2 AS text)) OR (unaccent(lower("species")) ~ CAST($3 AS text)) OR (unaccent(lower(array_to_string("tags", ' '))) ~ CAST($4 AS text)) OR (unaccent(lower("secret")) ~ CAST($5 AS text))) AND (NOT COALESCE(((unaccent(lower("name")) ~ CAST($6 AS text)) OR (unaccent(lower("city")) ~ CAST($7 AS text)) OR (unaccent(lower("species")) ~ CAST($8 AS text)) OR (unaccent(lower(array_to_string("tags", ' '))) ~ CAST($9 AS text)) OR (unaccent(lower("secret")) ~ CAST($10 AS text))), FALSE)))
-- params
["(^|[^[:alnum:]_])sebastopol","(^|[^[:alnum:]_])sebastopol","(^|[^[:alnum:]_])sebastopol","(^|[^[:alnum:]_])sebastopol","(^|[^[:alnum:]_])sebastopol","(^|[^[:alnum:]_])film","(^|[^[:alnum:]_])film","(^|[^[:alnum:]_])film","(^|[^[:alnum:]_])film","(^|[^[:alnum:]_])film"]
-- columns
[{"name":"total_count","type":"int"}]
