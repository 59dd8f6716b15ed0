CREATE SCHEMA IF NOT EXISTS "parc";
--> statement-breakpoint
CREATE TABLE "parc"."agent_credentials" (
	"tenant_id" uuid NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "agent_credentials_tenant_id_username_pk" PRIMARY KEY("tenant_id","username")
);
--> statement-breakpoint
CREATE TABLE "parc"."asset_events" (
	"tenant_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "parc"."asset_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"asset_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"actor_label" text NOT NULL,
	"summary" text NOT NULL,
	"details" jsonb,
	CONSTRAINT "asset_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "parc"."asset_matches" (
	"tenant_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "parc"."asset_matches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"asset_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"agent_device_id" text,
	"merged_asset" jsonb,
	"undone_at" timestamp with time zone,
	CONSTRAINT "asset_matches_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "parc"."asset_software" (
	"tenant_id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	"software_id" bigint NOT NULL,
	"version" text DEFAULT '' NOT NULL,
	CONSTRAINT "asset_software_tenant_id_asset_id_software_id_version_pk" PRIMARY KEY("tenant_id","asset_id","software_id","version")
);
--> statement-breakpoint
CREATE TABLE "parc"."assets" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"establishment_id" uuid,
	"room_id" uuid,
	"parent_asset_id" uuid,
	"class" text NOT NULL,
	"status" text NOT NULL,
	"name" text,
	"serial" text,
	"inventory_number" text,
	"hardware_uuid" text,
	"agent_device_id" text,
	"mac_addresses" text[] DEFAULT '{}'::text[] NOT NULL,
	"manufacturer" text,
	"model" text,
	"owner_kind" text DEFAULT 'authority' NOT NULL,
	"funder" text,
	"funding_source" text,
	"supplier" text,
	"order_reference" text,
	"purchase_date" date,
	"purchase_price" numeric(12, 2),
	"warranty_end" date,
	"image_version" text,
	"os_name" text,
	"os_version" text,
	"cpu_name" text,
	"memory_mb" integer,
	"disk_total_mb" integer,
	"software_count" integer DEFAULT 0 NOT NULL,
	"software_hash" text,
	"hardware" jsonb,
	"last_user" text,
	"first_inventory_at" timestamp with time zone,
	"last_inventory_at" timestamp with time zone,
	"locked_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assets_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "parc"."inventory_inbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"content_type" text,
	"remote_address" text,
	"credentials_tenant_id" uuid,
	"body" "bytea" NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "parc"."inventory_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"accept_tagged_agents" boolean DEFAULT false NOT NULL,
	"networks" text[] DEFAULT '{}'::text[] NOT NULL,
	"store_last_user" boolean DEFAULT false NOT NULL,
	"stale_after_days" integer DEFAULT 30 NOT NULL,
	"expected_life_years" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parc"."software" (
	"tenant_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "parc"."software_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"name" text NOT NULL,
	"publisher" text,
	CONSTRAINT "software_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "software_key_key" UNIQUE("tenant_id","key")
);
--> statement-breakpoint
CREATE TABLE "parc"."unassigned_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"device_id" text,
	"tag" text,
	"remote_address" text,
	"report" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "parc"."agent_credentials" ADD CONSTRAINT "agent_credentials_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parc"."asset_events" ADD CONSTRAINT "asset_events_tenant_id_asset_id_assets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","asset_id") REFERENCES "parc"."assets"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parc"."asset_matches" ADD CONSTRAINT "asset_matches_tenant_id_asset_id_assets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","asset_id") REFERENCES "parc"."assets"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parc"."asset_software" ADD CONSTRAINT "asset_software_tenant_id_asset_id_assets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","asset_id") REFERENCES "parc"."assets"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parc"."asset_software" ADD CONSTRAINT "asset_software_tenant_id_software_id_software_tenant_id_id_fk" FOREIGN KEY ("tenant_id","software_id") REFERENCES "parc"."software"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parc"."assets" ADD CONSTRAINT "assets_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parc"."assets" ADD CONSTRAINT "assets_tenant_id_establishment_id_establishments_tenant_id_id_fk" FOREIGN KEY ("tenant_id","establishment_id") REFERENCES "referentiel"."establishments"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parc"."assets" ADD CONSTRAINT "assets_tenant_id_room_id_rooms_tenant_id_id_fk" FOREIGN KEY ("tenant_id","room_id") REFERENCES "referentiel"."rooms"("tenant_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parc"."assets" ADD CONSTRAINT "assets_tenant_id_parent_asset_id_assets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","parent_asset_id") REFERENCES "parc"."assets"("tenant_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parc"."inventory_settings" ADD CONSTRAINT "inventory_settings_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parc"."software" ADD CONSTRAINT "software_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "asset_events_asset_idx" ON "parc"."asset_events" USING btree ("tenant_id","asset_id","at");--> statement-breakpoint
CREATE INDEX "asset_matches_asset_idx" ON "parc"."asset_matches" USING btree ("tenant_id","asset_id");--> statement-breakpoint
CREATE INDEX "asset_software_software_idx" ON "parc"."asset_software" USING btree ("tenant_id","software_id");--> statement-breakpoint
CREATE INDEX "assets_establishment_idx" ON "parc"."assets" USING btree ("tenant_id","establishment_id","class");--> statement-breakpoint
CREATE INDEX "assets_serial_idx" ON "parc"."assets" USING btree ("tenant_id","serial");--> statement-breakpoint
CREATE INDEX "assets_uuid_idx" ON "parc"."assets" USING btree ("tenant_id","hardware_uuid");--> statement-breakpoint
CREATE INDEX "assets_device_idx" ON "parc"."assets" USING btree ("tenant_id","agent_device_id");--> statement-breakpoint
CREATE INDEX "assets_macs_idx" ON "parc"."assets" USING gin ("mac_addresses");--> statement-breakpoint
CREATE INDEX "assets_search_idx" ON "parc"."assets" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "assets_last_seen_idx" ON "parc"."assets" USING btree ("tenant_id","last_inventory_at");--> statement-breakpoint
CREATE INDEX "unassigned_reports_device_idx" ON "parc"."unassigned_reports" USING btree ("device_id");

--> statement-breakpoint
COMMENT ON TABLE "parc"."unassigned_reports" IS 'reference: agent reports that belong to no tenant yet; moved into a tenant when an administrator attaches them';
--> statement-breakpoint
COMMENT ON TABLE "parc"."inventory_inbox" IS 'reference: raw agent bodies acknowledged as pending, before their tenant is known; emptied by the background worker';
