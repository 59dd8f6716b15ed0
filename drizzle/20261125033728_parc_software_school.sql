DROP INDEX "parc"."asset_software_software_idx";--> statement-breakpoint
ALTER TABLE "parc"."asset_software" ADD COLUMN "establishment_id" uuid;--> statement-breakpoint
-- every line takes its device's school (before the index exists: one pass, no index upkeep)
UPDATE "parc"."asset_software" s SET "establishment_id" = a."establishment_id"
  FROM "parc"."assets" a
 WHERE a."tenant_id" = s."tenant_id" AND a."id" = s."asset_id" AND a."establishment_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "asset_software_school_idx" ON "parc"."asset_software" USING btree ("tenant_id","software_id","establishment_id","asset_id","version");--> statement-breakpoint
-- An insert that leaves the school out (merges, undos, fixtures) takes the device's. The software
-- store of the inventory gives it, so the WHEN clause keeps the hot path free of the function call.
CREATE FUNCTION "parc"."asset_software_take_school"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT a."establishment_id" INTO NEW."establishment_id"
    FROM "parc"."assets" a WHERE a."tenant_id" = NEW."tenant_id" AND a."id" = NEW."asset_id";
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "asset_software_take_school" BEFORE INSERT ON "parc"."asset_software"
  FOR EACH ROW WHEN (NEW."establishment_id" IS NULL) EXECUTE FUNCTION "parc"."asset_software_take_school"();--> statement-breakpoint
-- A device that changes school (a person's move, an agent's tag, an import, a cart) takes its lines along.
CREATE FUNCTION "parc"."asset_software_follow_school"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "parc"."asset_software" SET "establishment_id" = NEW."establishment_id"
   WHERE "tenant_id" = NEW."tenant_id" AND "asset_id" = NEW."id";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "assets_software_follow_school" AFTER UPDATE OF "establishment_id" ON "parc"."assets"
  FOR EACH ROW WHEN (OLD."establishment_id" IS DISTINCT FROM NEW."establishment_id") EXECUTE FUNCTION "parc"."asset_software_follow_school"();
