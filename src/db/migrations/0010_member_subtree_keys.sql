-- The member list and name search at national scale (issue 6; docs/queries.md). A page of a province's
-- members sorted by name must not sort the province: each member carries the ids of its unit's ancestors at
-- depths 1–3 of the tree (province; district-level committee or, after 2025, commune; grassroots or the
-- next level), so "the members of unit X in name order" is a walk of the index (depthN_unit_id, name_sort)
-- for X at depth N, and a name prefix inside a province is a walk of (depth1_unit_id, name_search).
-- Deeper units use member_unit_sort (unit_id, name_sort); the root uses member_sort.
ALTER TABLE member ADD COLUMN depth1_unit_id bigint;
ALTER TABLE member ADD COLUMN depth2_unit_id bigint;
ALTER TABLE member ADD COLUMN depth3_unit_id bigint;

CREATE FUNCTION member_subtree_keys() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids bigint[];
BEGIN
  SELECT string_to_array(ltree2text(path), '.')::bigint[] INTO ids FROM unit WHERE id = NEW.unit_id;
  -- ids[1] is the root (depth 0).
  NEW.depth1_unit_id := ids[2];
  NEW.depth2_unit_id := ids[3];
  NEW.depth3_unit_id := ids[4];
  RETURN NEW;
END $$;

CREATE TRIGGER member_subtree_keys BEFORE INSERT OR UPDATE OF unit_id ON member
  FOR EACH ROW EXECUTE FUNCTION member_subtree_keys();

-- A unit moved: its members (and those of its sub-units, whose paths changed in the same statement) follow.
CREATE FUNCTION unit_moved_member_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE member m SET depth1_unit_id = k.ids[2], depth2_unit_id = k.ids[3], depth3_unit_id = k.ids[4]
  FROM (SELECT n.id, string_to_array(ltree2text(n.path), '.')::bigint[] AS ids
        FROM moved_new n JOIN moved_old o ON o.id = n.id WHERE o.path <> n.path) k
  WHERE m.unit_id = k.id;
  RETURN NULL;
END $$;

CREATE TRIGGER unit_moved_member_keys AFTER UPDATE ON unit REFERENCING OLD TABLE AS moved_old NEW TABLE AS moved_new
  FOR EACH STATEMENT EXECUTE FUNCTION unit_moved_member_keys();

-- Derived keys are not changes a user made: keep them out of the audit trail like path and depth.
CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb;
  new_row jsonb;
  row_id bigint;
  hidden text[] := ARRAY['name_search', 'name_sort', 'password_hash', 'row_version', 'updated_at', 'path', 'depth',
                         'depth1_unit_id', 'depth2_unit_id', 'depth3_unit_id'];
BEGIN
  IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD) - hidden; END IF;
  IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW) - hidden; END IF;
  IF TG_OP = 'UPDATE' AND old_row = new_row THEN RETURN NULL; END IF;
  row_id := COALESCE(new_row, old_row) ->> TG_ARGV[0];
  INSERT INTO audit_log (actor_id, actor_name, action, entity, entity_id, before, after)
  VALUES (NULLIF(current_setting('dangvu.actor_id', true), '')::bigint,
          COALESCE(NULLIF(current_setting('dangvu.actor_name', true), ''), 'system'),
          lower(TG_OP), TG_TABLE_NAME, row_id, old_row, new_row);
  RETURN NULL;
END $$;

UPDATE member m SET depth1_unit_id = k.ids[2], depth2_unit_id = k.ids[3], depth3_unit_id = k.ids[4]
FROM (SELECT id, string_to_array(ltree2text(path), '.')::bigint[] AS ids FROM unit) k
WHERE m.unit_id = k.id;

CREATE INDEX member_depth1_sort ON member (depth1_unit_id, name_sort, id);
CREATE INDEX member_depth2_sort ON member (depth2_unit_id, name_sort, id);
CREATE INDEX member_depth3_sort ON member (depth3_unit_id, name_sort, id);
CREATE INDEX member_depth1_name_prefix ON member (depth1_unit_id, name_search text_pattern_ops);
