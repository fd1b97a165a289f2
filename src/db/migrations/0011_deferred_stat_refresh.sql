-- A bulk restructuring (the reform import: dozens of operations, hundreds of cells moved, in one
-- transaction) would recount the provinces on both sides of every moved cell: ~3 s each on PGlite for one
-- province of 45,000 members, minutes for a file. When a transaction sets dangvu.stat_deferred = 'on', the
-- unit trigger only notes the units to recount (dangvu.stat_pending, transaction-local) and
-- stat_flush_deferred() recounts their union once before commit. A recount is of the current state, so one
-- recount of the union equals the series of recounts. Anything else keeps recounting statement by statement.
CREATE OR REPLACE FUNCTION stat_unit_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE affected bigint[];
BEGIN
  -- Paths are ids from the root, so the ancestors of a row are its labels: those on one side only changed.
  WITH changed AS (
    SELECT o.id, string_to_array(ltree2text(o.path), '.')::bigint[] AS before, string_to_array(ltree2text(n.path), '.')::bigint[] AS after,
      o.kind <> n.kind AS kind_changed
    FROM moved_old o JOIN moved_new n ON n.id = o.id
    WHERE o.path <> n.path OR o.kind <> n.kind
  )
  SELECT array_agg(DISTINCT s.x) INTO affected FROM changed c CROSS JOIN LATERAL (
    (SELECT unnest(c.before) EXCEPT SELECT unnest(c.after))
    UNION ALL
    (SELECT unnest(c.after) EXCEPT SELECT unnest(c.before))
    UNION ALL
    SELECT c.id WHERE c.kind_changed
  ) AS s (x);
  IF affected IS NULL THEN RETURN NULL; END IF;
  IF current_setting('dangvu.stat_deferred', true) = 'on' THEN
    PERFORM set_config('dangvu.stat_pending', concat_ws(',', NULLIF(current_setting('dangvu.stat_pending', true), ''), array_to_string(affected, ',')), true);
  ELSE
    PERFORM stat_refresh(affected);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION stat_defer() RETURNS void LANGUAGE sql AS $$
  SELECT set_config('dangvu.stat_deferred', 'on', true), set_config('dangvu.stat_pending', '', true);
$$;

CREATE FUNCTION stat_flush_deferred() RETURNS void LANGUAGE plpgsql AS $$
DECLARE pending text := NULLIF(current_setting('dangvu.stat_pending', true), '');
BEGIN
  PERFORM set_config('dangvu.stat_deferred', 'off', true);
  PERFORM set_config('dangvu.stat_pending', '', true);
  IF pending IS NOT NULL THEN
    PERFORM stat_refresh(ARRAY(SELECT DISTINCT x::bigint FROM unnest(string_to_array(pending, ',')) AS x));
  END IF;
END $$;
