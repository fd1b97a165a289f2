-- A unit is inserted with the placeholder path '0' and given its real path by the next statement (its id is
-- only known once inserted: src/db/repos/units.ts, src/commands/restructure.ts). The unit trigger of 0011 saw
-- that as a move from nowhere and recounted every rolled-up ancestor, the whole country included, though a
-- unit being created holds no member and no sub-unit: at country size each date of Bến Tre's mergers in the
-- demo recounted 5.6 million members. Such a unit now only has its own (empty) rows recounted.
CREATE OR REPLACE FUNCTION stat_unit_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE affected bigint[];
BEGIN
  -- Paths are ids from the root, so the ancestors of a row are its labels: those on one side only changed.
  WITH changed AS (
    SELECT o.id, string_to_array(ltree2text(o.path), '.')::bigint[] AS before, string_to_array(ltree2text(n.path), '.')::bigint[] AS after,
      o.kind <> n.kind OR o.path = '0' AS recount_itself, o.path = '0' AS created
    FROM moved_old o JOIN moved_new n ON n.id = o.id
    WHERE o.path <> n.path OR o.kind <> n.kind
  )
  SELECT array_agg(DISTINCT s.x) INTO affected FROM changed c CROSS JOIN LATERAL (
    (SELECT unnest(c.before) WHERE NOT c.created EXCEPT SELECT unnest(c.after))
    UNION ALL
    (SELECT unnest(c.after) WHERE NOT c.created EXCEPT SELECT unnest(c.before))
    UNION ALL
    SELECT c.id WHERE c.recount_itself
  ) AS s (x);
  IF affected IS NULL THEN RETURN NULL; END IF;
  IF current_setting('dangvu.stat_deferred', true) = 'on' THEN
    PERFORM set_config('dangvu.stat_pending', concat_ws(',', NULLIF(current_setting('dangvu.stat_pending', true), ''), array_to_string(affected, ',')), true);
  ELSE
    PERFORM stat_refresh(affected);
  END IF;
  RETURN NULL;
END $$;
