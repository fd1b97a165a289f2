-- The recount of the roll-up (0009), grouped once per member instead of once per member and rolled-up
-- ancestor. A member counts in every rolled-up ancestor of its unit; those are the ancestors-or-self of the
-- unit's *lowest* rolled-up ancestor (and, for the breakdowns, of its lowest 'full' one). So the members are
-- grouped at that lowest unit — 5.6 million members × 9 values once — and the groups, a few per unit, are
-- then summed into each ancestor. Before, every member was expanded into each of its 3–4 rolled-up
-- ancestors before grouping: at country size the demo's stat_refresh(NULL) took most of its build time and
-- `dangvu check counts` 46 s. Same rows, same signature: stat_refresh and check counts are unchanged.
CREATE OR REPLACE FUNCTION stat_recount(unit_ids bigint[])
  RETURNS TABLE (unit_id bigint, status text, sex text, dim text, value text, n integer) LANGUAGE sql STABLE AS $$
  WITH target AS (
    SELECT a.id, a.path, stat_rollup_kind(a.kind) AS rolled FROM unit a
    WHERE stat_rollup_kind(a.kind) IS NOT NULL AND (unit_ids IS NULL OR a.id = ANY(unit_ids))
  ), covered AS (
    -- Every unit under a target, with its rolled-up ancestors (itself included) that are targets.
    SELECT u.id AS unit_id, t.id AS target_id, t.rolled, nlevel(t.path) AS level
    FROM target t JOIN unit u ON u.path <@ t.path
  ), lowest AS (
    SELECT c.unit_id,
      (array_agg(c.target_id ORDER BY c.level DESC))[1] AS any_id,
      (array_agg(c.target_id ORDER BY c.level DESC) FILTER (WHERE c.rolled = 'full'))[1] AS full_id
    FROM covered c GROUP BY c.unit_id
  ), lowest_target AS (
    -- The targets above (or at) each lowest unit, the only rows the groups are summed into.
    SELECT DISTINCT l.any_id AS low_id, c.target_id, c.rolled FROM lowest l JOIN covered c ON c.unit_id = l.any_id
    UNION
    SELECT DISTINCT l.full_id, c.target_id, c.rolled FROM lowest l JOIN covered c ON c.unit_id = l.full_id WHERE l.full_id IS NOT NULL
  ), by_all AS (
    SELECT l.any_id AS low_id, m.status, m.sex, count(*) AS n
    FROM member m JOIN lowest l ON l.unit_id = m.unit_id
    GROUP BY l.any_id, m.status, m.sex
  ), by_dim AS (
    SELECT l.full_id AS low_id, m.status, m.sex, v.dim, v.value, count(*) AS n
    FROM member m JOIN lowest l ON l.unit_id = m.unit_id
    CROSS JOIN LATERAL stat_member_values(m) v
    WHERE l.full_id IS NOT NULL AND v.dim <> 'all' AND m.status IN ('probationary', 'official', 'exempt', 'transferring')
    GROUP BY l.full_id, m.status, m.sex, v.dim, v.value
  )
  SELECT t.target_id, b.status, b.sex, 'all'::text, ''::text, sum(b.n)::int
  FROM by_all b JOIN lowest_target t ON t.low_id = b.low_id
  GROUP BY t.target_id, b.status, b.sex
  UNION ALL
  SELECT t.target_id, b.status, b.sex, b.dim, b.value, sum(b.n)::int
  FROM by_dim b JOIN lowest_target t ON t.low_id = b.low_id AND t.rolled = 'full'
  GROUP BY t.target_id, b.status, b.sex, b.dim, b.value
$$;
