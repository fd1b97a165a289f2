-- Statistics at national scale (issue 6): the roll of today kept per rolled-up unit, so that "the whole country
-- by province, status and sex" and "one province with every breakdown" read a few hundred rows instead of
-- millions of members. See docs/adr/0003-statistics-rollup.md.
--
-- A rolled-up unit is a unit of a reporting level (central, province, district-level committee) with every
-- breakdown, or a grassroots organization (đảng bộ cơ sở, chi bộ cơ sở) with status and sex only (the rows a
-- parent's children table needs). Each row counts the members *of the unit's whole subtree* with one value of
-- one attribute: dim 'all' (value '') gives status × sex; the others give status × sex × the raw attribute
-- (birth year, ethnicity, religion, schooling, qualification, theory, year and era of admission), which the
-- pure classifiers of src/domain/statistics turn into the rows of the forms. The breakdowns count members
-- on the roll (probationary, official, exempt, transferring); dim 'all' counts every status, those who left
-- the roll (removed, left, expelled, deceased) at their last cell, so that any list of members can be
-- totalled exactly by status. Readers of the roll filter dim 'all' on the roll's statuses.

CREATE TABLE stat_rollup (
  unit_id  bigint NOT NULL REFERENCES unit (id),
  status   text NOT NULL,
  sex      text NOT NULL,
  dim      text NOT NULL,
  value    text NOT NULL,
  n        integer NOT NULL,
  PRIMARY KEY (unit_id, dim, status, sex, value)
);

CREATE FUNCTION stat_rollup_kind(kind text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN kind IN ('central', 'province_committee', 'district_committee') THEN 'full'
              WHEN kind IN ('grassroots_committee', 'grassroots_cell') THEN 'totals' END
$$;

-- The attribute values of one member, one row per dimension (the same expressions as the as-of query in
-- src/reports/member-counts.ts, which reads these rows back through the same classifiers).
CREATE FUNCTION stat_member_values(m member) RETURNS TABLE (dim text, value text) LANGUAGE sql IMMUTABLE AS $$
  SELECT * FROM (VALUES
    ('all', ''),
    ('birth_year', extract(year FROM m.birth_date)::int::text),
    ('ethnicity', m.ethnicity),
    ('religion', COALESCE(m.religion, '')),
    ('education_general', COALESCE(m.education_general, '')),
    ('education_professional', COALESCE(m.education_professional, '')),
    ('political_theory', COALESCE(m.political_theory, 'none')),
    ('admission_year', COALESCE(extract(year FROM COALESCE(m.admission_decision_date, m.admission_date))::int::text, '')),
    ('admission_era', COALESCE((CASE WHEN COALESCE(m.admission_decision_date, m.admission_date) >= DATE '1975-05-01' THEN DATE '1975-05-01'
                                     ELSE COALESCE(m.admission_decision_date, m.admission_date) END)::text, ''))
  ) AS v (dim, value)
$$;

-- Adds `sign` (+1 / −1) for one member to every rolled-up ancestor of its unit (itself included).
CREATE FUNCTION stat_apply(m member, sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO stat_rollup AS r (unit_id, status, sex, dim, value, n)
  SELECT a.id, m.status, m.sex, v.dim, v.value, sign
  FROM unit u
  JOIN unit a ON a.path @> u.path AND stat_rollup_kind(a.kind) IS NOT NULL
  CROSS JOIN stat_member_values(m) v
  WHERE u.id = m.unit_id AND (v.dim = 'all' OR m.status IN ('probationary', 'official', 'exempt', 'transferring'))
    AND (stat_rollup_kind(a.kind) = 'full' OR v.dim = 'all')
  ON CONFLICT (unit_id, dim, status, sex, value) DO UPDATE SET n = r.n + EXCLUDED.n
$$;

CREATE FUNCTION stat_member_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.unit_id, OLD.status, OLD.sex, OLD.birth_date, OLD.ethnicity, OLD.religion, OLD.education_general,
      OLD.education_professional, OLD.political_theory, OLD.admission_date, OLD.admission_decision_date)
    IS NOT DISTINCT FROM (NEW.unit_id, NEW.status, NEW.sex, NEW.birth_date, NEW.ethnicity, NEW.religion, NEW.education_general,
      NEW.education_professional, NEW.political_theory, NEW.admission_date, NEW.admission_decision_date) THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM stat_apply(OLD, -1); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM stat_apply(NEW, 1); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER member_stat AFTER INSERT OR UPDATE OR DELETE ON member
  FOR EACH ROW EXECUTE FUNCTION stat_member_change();

-- The rows of some rolled-up units (NULL: every unit) recounted from the members of their subtrees: what
-- stat_refresh stores and what `dangvu check counts` compares with the kept rows.
CREATE FUNCTION stat_recount(unit_ids bigint[])
  RETURNS TABLE (unit_id bigint, status text, sex text, dim text, value text, n integer) LANGUAGE sql STABLE AS $$
  SELECT a.id, m.status, m.sex, v.dim, v.value, count(*)::int
  FROM unit a
  JOIN unit u ON u.path <@ a.path
  JOIN member m ON m.unit_id = u.id
  CROSS JOIN LATERAL stat_member_values(m) v
  WHERE stat_rollup_kind(a.kind) IS NOT NULL AND (unit_ids IS NULL OR a.id = ANY(unit_ids))
    AND (v.dim = 'all' OR m.status IN ('probationary', 'official', 'exempt', 'transferring'))
    AND (stat_rollup_kind(a.kind) = 'full' OR v.dim = 'all')
  GROUP BY a.id, m.status, m.sex, v.dim, v.value
$$;

CREATE FUNCTION stat_refresh(unit_ids bigint[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM stat_rollup WHERE unit_ids IS NULL OR unit_id = ANY(unit_ids);
  INSERT INTO stat_rollup (unit_id, status, sex, dim, value, n) SELECT * FROM stat_recount(unit_ids);
$$;

-- A unit moved or changed kind: the rolled-up units above its old and its new place (but not those above
-- both, whose subtrees keep the same members), and the unit itself, are recounted.
CREATE FUNCTION stat_unit_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
  IF affected IS NOT NULL THEN PERFORM stat_refresh(affected); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER unit_stat AFTER UPDATE ON unit REFERENCING OLD TABLE AS moved_old NEW TABLE AS moved_new
  FOR EACH STATEMENT EXECUTE FUNCTION stat_unit_change();

SELECT stat_refresh(NULL);
