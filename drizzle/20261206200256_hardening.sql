CREATE TABLE "parc"."asset_proposals" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"asset_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"agent_device_id" text,
	"trust" text NOT NULL,
	"remote_address" text,
	"reason" text NOT NULL,
	"changes" jsonb NOT NULL,
	"changes_hash" text NOT NULL,
	"report" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	CONSTRAINT "asset_proposals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
DROP VIEW "parc"."assets_view";--> statement-breakpoint
ALTER TABLE "access"."login_attempts" ADD COLUMN "kind" text DEFAULT 'account-address' NOT NULL;--> statement-breakpoint
ALTER TABLE "access"."login_attempts" ADD COLUMN "user_id" uuid;--> statement-breakpoint
ALTER TABLE "access"."login_attempts" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "parc"."assets" ADD COLUMN "anonymous_agent" text;--> statement-breakpoint
ALTER TABLE "parc"."inventory_settings" ADD COLUMN "require_credentials" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "parc"."inventory_settings" ADD COLUMN "tags_only_from_networks" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "parc"."asset_proposals" ADD CONSTRAINT "asset_proposals_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parc"."asset_proposals" ADD CONSTRAINT "asset_proposals_tenant_id_asset_id_assets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","asset_id") REFERENCES "parc"."assets"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "asset_proposals_asset_idx" ON "parc"."asset_proposals" USING btree ("tenant_id","asset_id","status");--> statement-breakpoint
CREATE INDEX "asset_proposals_pending_idx" ON "parc"."asset_proposals" USING btree ("tenant_id","status","at");--> statement-breakpoint
CREATE INDEX "login_attempts_user_idx" ON "access"."login_attempts" USING btree ("user_id");--> statement-breakpoint
CREATE VIEW "parc"."assets_view" AS (select "tenant_id", "id", "establishment_id", "room_id", "parent_asset_id", "class", "status", "name", "serial", "inventory_number", "hardware_uuid", "agent_device_id", "mac_addresses", "manufacturer", "model", "owner_kind", "funder", "funding_source", "supplier", "order_reference", "purchase_date", "purchase_price", "warranty_end", "image_version", "os_name", "os_version", "cpu_name", "memory_mb", "disk_total_mb", "software_count", "software_hash", "hardware", "last_user", "loan_borrower", "loan_due", "first_inventory_at", "last_inventory_at", "locked_fields", "anonymous_agent", "search_text", "version", "created_at", "updated_at" from "parc"."assets");