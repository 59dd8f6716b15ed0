-- The installed software lines keep the guarantees of the foreign keys the previous migration
-- dropped, checked once per statement instead of once per row: a new inventory inserts 900 lines,
-- and PostgreSQL's row-by-row checks cost 1,800 lookups and 900 row locks (most of the
-- inventory's database time), each device lookup walking the whole tenant whenever the statistics
-- said the tenant was empty (a new authority's first inventories: the planner took any index
-- leading with tenant_id, a cost tie). Here: one lookup per device, one per device's catalogue ids.

-- A line needs its device and its catalogue row. The device is locked as a foreign key locks it
-- (KEY SHARE): a concurrent delete of the device waits for this transaction, or this check fails.
CREATE FUNCTION "parc"."asset_software_check_refs"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT n."tenant_id", n."asset_id", array_agg(DISTINCT n."software_id") AS ids FROM new_rows n GROUP BY n."tenant_id", n."asset_id" LOOP
    PERFORM 1 FROM "parc"."assets" a WHERE a."tenant_id" = r."tenant_id" AND a."id" = r."asset_id" FOR KEY SHARE;
    IF NOT FOUND THEN
      RAISE foreign_key_violation USING
        MESSAGE = format('insert or update on table "asset_software" violates foreign key: device %s is not present in table "assets"', r."asset_id"),
        CONSTRAINT = 'asset_software_asset_fk', TABLE = 'asset_software', SCHEMA = 'parc';
    END IF;
    IF (SELECT count(*) FROM "parc"."software" s WHERE s."tenant_id" = r."tenant_id" AND s."id" = ANY (r.ids)) < cardinality(r.ids) THEN
      RAISE foreign_key_violation USING
        MESSAGE = format('insert or update on table "asset_software" violates foreign key: a software id of device %s is not present in table "software"', r."asset_id"),
        CONSTRAINT = 'asset_software_software_fk', TABLE = 'asset_software', SCHEMA = 'parc';
    END IF;
  END LOOP;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "asset_software_refs_insert" AFTER INSERT ON "parc"."asset_software"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "parc"."asset_software_check_refs"();--> statement-breakpoint
CREATE TRIGGER "asset_software_refs_update" AFTER UPDATE ON "parc"."asset_software"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "parc"."asset_software_check_refs"();--> statement-breakpoint
-- A deleted device takes its lines along (what ON DELETE CASCADE did).
CREATE FUNCTION "parc"."assets_delete_software"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "parc"."asset_software" s USING gone g WHERE s."tenant_id" = g."tenant_id" AND s."asset_id" = g."id";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "assets_delete_software" AFTER DELETE ON "parc"."assets"
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION "parc"."assets_delete_software"();--> statement-breakpoint
-- A catalogue row still installed somewhere is not deleted (the catalogue only grows; this is the
-- wall the foreign key was). The SHARE lock waits for the transactions inserting lines, and holds
-- off new ones, so a line committed meanwhile is seen.
CREATE FUNCTION "parc"."software_keep_installed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE "parc"."asset_software" IN SHARE MODE;
  IF EXISTS (SELECT 1 FROM gone g JOIN "parc"."asset_software" a ON a."tenant_id" = g."tenant_id" AND a."software_id" = g."id") THEN
    RAISE foreign_key_violation USING
      MESSAGE = 'update or delete on table "software" violates foreign key: the software is still installed (table "asset_software")',
      CONSTRAINT = 'asset_software_software_fk', TABLE = 'software', SCHEMA = 'parc';
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "software_keep_installed" AFTER DELETE ON "parc"."software"
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION "parc"."software_keep_installed"();
