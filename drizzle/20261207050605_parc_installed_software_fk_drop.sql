ALTER TABLE "parc"."asset_software" DROP CONSTRAINT "asset_software_tenant_id_asset_id_assets_tenant_id_id_fk";
--> statement-breakpoint
ALTER TABLE "parc"."asset_software" DROP CONSTRAINT "asset_software_tenant_id_software_id_software_tenant_id_id_fk";
