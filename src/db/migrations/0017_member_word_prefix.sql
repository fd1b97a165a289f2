-- Name search inside a province by the start of any of the first four words (issue 6: a diacritic-free
-- prefix of a full name within a province, p95 ≤ 30 ms at country scale). The trigram index cannot serve
-- it there: "nguyen van th" is made of the commonest trigrams of the country, whose posting lists hold
-- millions of rows before the province is applied; and walking the province in name order filters most
-- of it. Each word start gets a btree range under the province instead: word 1 is member_depth1_name_prefix
-- (0010), words 2–4 are the expressions below, so a search is a BitmapOr of four index ranges of the
-- province whatever the country's size. Names of five words or more match from their first four words.

-- The name from its n-th word on ("tran ngoc tam", 2 → "ngoc tam"); NULL when it has fewer words.
CREATE FUNCTION name_from_word(s text, n integer) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT substring(s from ('^(?:[^ ]+ ){' || (n - 1) || '}(.+)$')) $$;

CREATE INDEX member_depth1_word2 ON member (depth1_unit_id, name_from_word(name_search, 2) text_pattern_ops);
CREATE INDEX member_depth1_word3 ON member (depth1_unit_id, name_from_word(name_search, 3) text_pattern_ops);
CREATE INDEX member_depth1_word4 ON member (depth1_unit_id, name_from_word(name_search, 4) text_pattern_ops);
