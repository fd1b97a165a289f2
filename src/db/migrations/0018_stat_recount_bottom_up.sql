-- The recount of the roll-up (0009), grouped once per member instead of once per member and rolled-up
-- ancestor. A member counts in every rolled-up ancestor of its unit; those are the ancestors-or-self of the
-- unit's *lowest* rolled-up ancestor (and, for the breakdowns, of its lowest 'full' one). So the members are
-- grouped at that lowest unit — one pass over the members, the breakdowns as GROUPING SETS — and the
-- groups, a few per unit, are then summed into each ancestor. Before, every member was expanded into each
-- of its 3–4 rolled-up ancestors and each of its 9 values before grouping: at country size the demo's
-- stat_refresh(NULL) took about 7 of its 31 minutes. The ancestors of a unit are the labels of its path (ids
-- from the root), joined to the targets by id. Same rows, same signature: stat_refresh and `dangvu check
-- counts` are unchanged.
CREATE OR REPLACE FUNCTION stat_recount(unit_ids bigint[])
  RETURNS TABLE (unit_id bigint, status text, sex text, dim text, value text, n integer) LANGUAGE sql STABLE AS $$
  WITH target AS (
    SELECT a.id, a.path, stat_rollup_kind(a.kind) AS rolled FROM unit a
    WHERE stat_rollup_kind(a.kind) IS NOT NULL AND (unit_ids IS NULL OR a.id = ANY(unit_ids))
  ), scope AS (
    -- Every unit, or those under the targets asked for.
    SELECT u.id, u.path FROM unit u WHERE unit_ids IS NULL
    UNION
    SELECT u.id, u.path FROM target t JOIN unit u ON u.path <@ t.path WHERE unit_ids IS NOT NULL
  ), covered AS (
    -- Each unit with its targets above it (itself included) and their depth.
    SELECT s.id AS unit_id, t.id AS target_id, t.rolled, x.depth
    FROM scope s
    CROSS JOIN LATERAL unnest(string_to_array(ltree2text(s.path), '.')::bigint[]) WITH ORDINALITY AS x (ancestor, depth)
    JOIN target t ON t.id = x.ancestor
  ), lowest AS (
    SELECT c.unit_id,
      (array_agg(c.target_id ORDER BY c.depth DESC))[1] AS any_id,
      (array_agg(c.target_id ORDER BY c.depth DESC) FILTER (WHERE c.rolled = 'full'))[1] AS full_id
    FROM covered c GROUP BY c.unit_id
  ), lowest_target AS (
    -- The targets above (or at) each lowest unit, the only rows the groups are summed into.
    SELECT DISTINCT c.unit_id AS low_id, c.target_id, c.rolled FROM covered c
    WHERE c.unit_id IN (SELECT any_id FROM lowest UNION SELECT full_id FROM lowest WHERE full_id IS NOT NULL)
  ), by_all AS (
    SELECT l.any_id AS low_id, m.status, m.sex, count(*) AS n
    FROM member m JOIN lowest l ON l.unit_id = m.unit_id
    GROUP BY l.any_id, m.status, m.sex
  ), on_roll AS (
    -- The expressions of stat_member_values (0009), one column each.
    SELECT l.full_id AS low_id, m.status, m.sex,
      extract(year FROM m.birth_date)::int::text AS birth_year,
      m.ethnicity,
      COALESCE(m.religion, '') AS religion,
      COALESCE(m.education_general, '') AS education_general,
      COALESCE(m.education_professional, '') AS education_professional,
      COALESCE(m.political_theory, 'none') AS political_theory,
      COALESCE(extract(year FROM COALESCE(m.admission_decision_date, m.admission_date))::int::text, '') AS admission_year,
      COALESCE((CASE WHEN COALESCE(m.admission_decision_date, m.admission_date) >= DATE '1975-05-01' THEN DATE '1975-05-01'
                     ELSE COALESCE(m.admission_decision_date, m.admission_date) END)::text, '') AS admission_era
    FROM member m JOIN lowest l ON l.unit_id = m.unit_id
    WHERE l.full_id IS NOT NULL AND m.status IN ('probationary', 'official', 'exempt', 'transferring')
  ), by_dim AS (
    SELECT low_id, status, sex,
      CASE WHEN GROUPING(birth_year) = 0 THEN 'birth_year' WHEN GROUPING(ethnicity) = 0 THEN 'ethnicity'
           WHEN GROUPING(religion) = 0 THEN 'religion' WHEN GROUPING(education_general) = 0 THEN 'education_general'
           WHEN GROUPING(education_professional) = 0 THEN 'education_professional'
           WHEN GROUPING(political_theory) = 0 THEN 'political_theory' WHEN GROUPING(admission_year) = 0 THEN 'admission_year'
           ELSE 'admission_era' END AS dim,
      COALESCE(birth_year, ethnicity, religion, education_general, education_professional, political_theory, admission_year, admission_era) AS value,
      count(*) AS n
    FROM on_roll
    GROUP BY low_id, status, sex, GROUPING SETS ((birth_year), (ethnicity), (religion), (education_general),
      (education_professional), (political_theory), (admission_year), (admission_era))
  )
  SELECT t.target_id, b.status, b.sex, 'all'::text, ''::text, sum(b.n)::int
  FROM by_all b JOIN lowest_target t ON t.low_id = b.low_id
  GROUP BY t.target_id, b.status, b.sex
  UNION ALL
  SELECT t.target_id, b.status, b.sex, b.dim, b.value, sum(b.n)::int
  FROM by_dim b JOIN lowest_target t ON t.low_id = b.low_id AND t.rolled = 'full'
  GROUP BY t.target_id, b.status, b.sex, b.dim, b.value
$$;
