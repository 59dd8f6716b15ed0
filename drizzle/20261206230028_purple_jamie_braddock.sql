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
CREATE TABLE "marches"."budget_lines" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"member_organization_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"funding_source" text NOT NULL,
	"label" text NOT NULL,
	"ceiling_cents" bigint NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_lines_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "budget_lines_label_key" UNIQUE("tenant_id","member_organization_id","year","label")
);
--> statement-breakpoint
CREATE TABLE "marches"."deliveries" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"delivered_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"lines" jsonb NOT NULL,
	"device_count" integer NOT NULL,
	"recorded_by" text NOT NULL,
	CONSTRAINT "deliveries_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "marches"."invoices" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"number" text NOT NULL,
	"invoice_date" date NOT NULL,
	"lines" jsonb NOT NULL,
	"total_excl_tax_cents" bigint NOT NULL,
	"total_incl_tax_cents" bigint NOT NULL,
	"discrepancies" jsonb NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoices_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "invoices_number_key" UNIQUE("tenant_id","order_id","number")
);
--> statement-breakpoint
CREATE TABLE "marches"."order_delegations" (
	"tenant_id" uuid NOT NULL,
	"member_organization_id" uuid NOT NULL,
	"delegate_organization_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_delegations_tenant_id_member_organization_id_delegate_organization_id_pk" PRIMARY KEY("tenant_id","member_organization_id","delegate_organization_id")
);
--> statement-breakpoint
CREATE TABLE "marches"."order_lines" (
	"tenant_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"price_item_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"unit_price_excl_tax_cents" bigint NOT NULL,
	"vat_rate_bp" integer NOT NULL,
	"recurrence" text NOT NULL,
	"warranty_months" integer,
	"quantity" integer NOT NULL,
	"delivered_quantity" integer DEFAULT 0 NOT NULL,
	"establishment_id" uuid NOT NULL,
	"room_id" uuid,
	"total_excl_tax_cents" bigint NOT NULL,
	"total_vat_cents" bigint NOT NULL,
	CONSTRAINT "order_lines_tenant_id_order_id_line_no_pk" PRIMARY KEY("tenant_id","order_id","line_no")
);
--> statement-breakpoint
CREATE TABLE "marches"."purchase_orders" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"contract_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"member_organization_id" uuid NOT NULL,
	"budget_line_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"order_date" date NOT NULL,
	"total_excl_tax_cents" bigint NOT NULL,
	"total_vat_cents" bigint NOT NULL,
	"total_incl_tax_cents" bigint NOT NULL,
	"total_quantity" integer NOT NULL,
	"source" text DEFAULT 'ui' NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "purchase_orders_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "purchase_orders_reference_key" UNIQUE("tenant_id","reference")
);
--> statement-breakpoint
ALTER TABLE "marches"."link_settings" ADD CONSTRAINT "link_settings_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."site_link_changes" ADD CONSTRAINT "site_link_changes_tenant_id_link_id_site_links_tenant_id_id_fk" FOREIGN KEY ("tenant_id","link_id") REFERENCES "marches"."site_links"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."site_links" ADD CONSTRAINT "site_links_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."site_links" ADD CONSTRAINT "site_links_tenant_id_establishment_id_establishments_tenant_id_id_fk" FOREIGN KEY ("tenant_id","establishment_id") REFERENCES "referentiel"."establishments"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."budget_lines" ADD CONSTRAINT "budget_lines_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."budget_lines" ADD CONSTRAINT "budget_lines_member_organization_id_organizations_tenant_id_fk" FOREIGN KEY ("member_organization_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."deliveries" ADD CONSTRAINT "deliveries_tenant_id_order_id_purchase_orders_tenant_id_id_fk" FOREIGN KEY ("tenant_id","order_id") REFERENCES "marches"."purchase_orders"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."invoices" ADD CONSTRAINT "invoices_tenant_id_order_id_purchase_orders_tenant_id_id_fk" FOREIGN KEY ("tenant_id","order_id") REFERENCES "marches"."purchase_orders"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."order_delegations" ADD CONSTRAINT "order_delegations_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."order_delegations" ADD CONSTRAINT "order_delegations_member_organization_id_organizations_tenant_id_fk" FOREIGN KEY ("member_organization_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."order_delegations" ADD CONSTRAINT "order_delegations_delegate_organization_id_organizations_tenant_id_fk" FOREIGN KEY ("delegate_organization_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."order_lines" ADD CONSTRAINT "order_lines_tenant_id_order_id_purchase_orders_tenant_id_id_fk" FOREIGN KEY ("tenant_id","order_id") REFERENCES "marches"."purchase_orders"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."order_lines" ADD CONSTRAINT "order_lines_tenant_id_establishment_id_establishments_tenant_id_id_fk" FOREIGN KEY ("tenant_id","establishment_id") REFERENCES "referentiel"."establishments"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."purchase_orders" ADD CONSTRAINT "purchase_orders_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."purchase_orders" ADD CONSTRAINT "purchase_orders_member_organization_id_organizations_tenant_id_fk" FOREIGN KEY ("member_organization_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."purchase_orders" ADD CONSTRAINT "purchase_orders_tenant_id_lot_id_lots_tenant_id_id_fk" FOREIGN KEY ("tenant_id","lot_id") REFERENCES "marches"."lots"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."purchase_orders" ADD CONSTRAINT "purchase_orders_tenant_id_budget_line_id_budget_lines_tenant_id_id_fk" FOREIGN KEY ("tenant_id","budget_line_id") REFERENCES "marches"."budget_lines"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "site_link_changes_link_idx" ON "marches"."site_link_changes" USING btree ("tenant_id","link_id","at");--> statement-breakpoint
CREATE INDEX "site_links_establishment_idx" ON "marches"."site_links" USING btree ("tenant_id","establishment_id","start_date");--> statement-breakpoint
CREATE INDEX "site_links_contract_idx" ON "marches"."site_links" USING btree ("tenant_id","contract_id");--> statement-breakpoint
CREATE UNIQUE INDEX "site_links_open_key" ON "marches"."site_links" USING btree ("tenant_id","establishment_id") WHERE end_date is null;--> statement-breakpoint
CREATE INDEX "deliveries_order_idx" ON "marches"."deliveries" USING btree ("tenant_id","order_id");--> statement-breakpoint
CREATE INDEX "invoices_order_idx" ON "marches"."invoices" USING btree ("tenant_id","order_id");--> statement-breakpoint
CREATE INDEX "order_lines_establishment_idx" ON "marches"."order_lines" USING btree ("tenant_id","establishment_id");--> statement-breakpoint
CREATE INDEX "purchase_orders_lot_idx" ON "marches"."purchase_orders" USING btree ("tenant_id","lot_id","status");--> statement-breakpoint
CREATE INDEX "purchase_orders_member_idx" ON "marches"."purchase_orders" USING btree ("tenant_id","member_organization_id","status");--> statement-breakpoint
CREATE INDEX "purchase_orders_budget_idx" ON "marches"."purchase_orders" USING btree ("tenant_id","budget_line_id");