CREATE TABLE "marches"."link_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"school_share_percent" integer DEFAULT 50 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "marches"."site_link_changes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"link_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"actor_label" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "site_link_changes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "marches"."site_links" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"establishment_id" uuid NOT NULL,
	"operator" text NOT NULL,
	"technology" text NOT NULL,
	"symmetric" boolean NOT NULL,
	"down_mbps" integer NOT NULL,
	"up_mbps" integer NOT NULL,
	"monthly_cost_cents" integer NOT NULL,
	"setup_fee_cents" integer DEFAULT 0 NOT NULL,
	"contract_id" uuid,
	"lot_id" uuid,
	"monthly_price_item_id" uuid,
	"setup_price_item_id" uuid,
	"start_date" date NOT NULL,
	"end_date" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "site_links_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "marches"."link_settings" ADD CONSTRAINT "link_settings_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."site_link_changes" ADD CONSTRAINT "site_link_changes_tenant_id_link_id_site_links_tenant_id_id_fk" FOREIGN KEY ("tenant_id","link_id") REFERENCES "marches"."site_links"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."site_links" ADD CONSTRAINT "site_links_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."site_links" ADD CONSTRAINT "site_links_tenant_id_establishment_id_establishments_tenant_id_id_fk" FOREIGN KEY ("tenant_id","establishment_id") REFERENCES "referentiel"."establishments"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "site_link_changes_link_idx" ON "marches"."site_link_changes" USING btree ("tenant_id","link_id","at");--> statement-breakpoint
CREATE INDEX "site_links_establishment_idx" ON "marches"."site_links" USING btree ("tenant_id","establishment_id","start_date");--> statement-breakpoint
CREATE INDEX "site_links_contract_idx" ON "marches"."site_links" USING btree ("tenant_id","contract_id");--> statement-breakpoint
CREATE UNIQUE INDEX "site_links_open_key" ON "marches"."site_links" USING btree ("tenant_id","establishment_id") WHERE end_date is null;