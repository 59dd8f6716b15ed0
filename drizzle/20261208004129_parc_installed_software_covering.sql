-- The primary key of the installed software lines carries the publisher (INCLUDE: stored in the
-- index, not part of the key), so that the inventory's read of a device's list (software id,
-- version, publisher: software-store.ts, writeInstalledSoftware) is answered from the index alone
-- again, as it was before the publisher column. Read from the rows, it visited one table page per
-- line not yet marked all-visible (106 heap fetches per partial update against 20). A covering
-- primary key rather than a second index: no index added to the 900 lines a new device writes.
-- drizzle's primaryKey cannot say INCLUDE: schema.ts declares the same key and names this file.
ALTER TABLE "parc"."asset_software" DROP CONSTRAINT "asset_software_tenant_id_asset_id_software_id_version_pk";--> statement-breakpoint
ALTER TABLE "parc"."asset_software" ADD CONSTRAINT "asset_software_tenant_id_asset_id_software_id_version_pk"
  PRIMARY KEY ("tenant_id", "asset_id", "software_id", "version") INCLUDE ("publisher");
