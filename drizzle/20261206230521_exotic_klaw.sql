CREATE SCHEMA "marches";
--> statement-breakpoint
CREATE TABLE "marches"."amendments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"signed_on" date NOT NULL,
	"object" text NOT NULL,
	"changes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"amount_delta_cents" bigint,
	"published_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL,
	CONSTRAINT "amendments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "amendments_number_key" UNIQUE("tenant_id","contract_id","number")
);
--> statement-breakpoint
CREATE TABLE "marches"."contracts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"object" text NOT NULL,
	"theme" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"parent_id" uuid,
	"procedure" text NOT NULL,
	"cpv_code" text NOT NULL,
	"buyer_organization_id" uuid NOT NULL,
	"buyer_siret" text NOT NULL,
	"group_id" uuid,
	"holders" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notified_on" date,
	"starts_on" date,
	"duration_months" integer NOT NULL,
	"renewals" jsonb DEFAULT '{"count":0,"months":0}'::jsonb NOT NULL,
	"area" jsonb DEFAULT '{"unitIds":[],"departements":[],"formerRegions":[]}'::jsonb NOT NULL,
	"estimate_cents" bigint NOT NULL,
	"ccag" text NOT NULL,
	"price_form" text NOT NULL,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contracts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "contracts_reference_key" UNIQUE("tenant_id","reference")
);
--> statement-breakpoint
CREATE TABLE "marches"."decision_votes" (
	"tenant_id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"vote" text NOT NULL,
	"voted_by" uuid NOT NULL,
	"voted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "decision_votes_tenant_id_decision_id_organization_id_pk" PRIMARY KEY("tenant_id","decision_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "marches"."group_decisions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"details" text DEFAULT '' NOT NULL,
	"admit" jsonb,
	"status" text DEFAULT 'proposed' NOT NULL,
	"proposed_by" uuid NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "group_decisions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "marches"."group_members" (
	"tenant_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"project_lead_name" text NOT NULL,
	"project_lead_email" text,
	"project_lead_user_id" uuid,
	"admitted_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_members_tenant_id_group_id_organization_id_pk" PRIMARY KEY("tenant_id","group_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "marches"."lots" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"holder_siret" text,
	"holder_name" text,
	"holder_organization_id" uuid,
	"duration_months" integer,
	"estimate_cents" bigint,
	"awarded_cents" bigint,
	"min_amount_cents" bigint,
	"max_amount_cents" bigint,
	"min_quantity" integer,
	"max_quantity" integer,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "lots_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "lots_number_key" UNIQUE("tenant_id","contract_id","number")
);
--> statement-breakpoint
CREATE TABLE "marches"."price_items" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"price_list_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"unit" text NOT NULL,
	"unit_price_excl_tax_cents" bigint NOT NULL,
	"vat_rate_bp" integer NOT NULL,
	"recurrence" text NOT NULL,
	"warranty_months" smallint,
	CONSTRAINT "price_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "price_items_code_key" UNIQUE("tenant_id","price_list_id","code")
);
--> statement-breakpoint
CREATE TABLE "marches"."price_lists" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lot_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"valid_from" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_lists_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "price_lists_revision_key" UNIQUE("tenant_id","lot_id","revision"),
	CONSTRAINT "price_lists_valid_from_key" UNIQUE("tenant_id","lot_id","valid_from")
);
--> statement-breakpoint
CREATE TABLE "marches"."purchasing_groups" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"coordinator_organization_id" uuid NOT NULL,
	"coordinator_siret" text NOT NULL,
	"convention_title" text NOT NULL,
	"convention_signed_on" date,
	"convention_documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "purchasing_groups_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "purchasing_groups_name_key" UNIQUE("tenant_id","name")
);
--> statement-breakpoint
CREATE TABLE "marches"."sent_alerts" (
	"tenant_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sent_alerts_tenant_id_subject_id_kind_pk" PRIMARY KEY("tenant_id","subject_id","kind")
);
--> statement-breakpoint
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
ALTER TABLE "marches"."amendments" ADD CONSTRAINT "amendments_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."amendments" ADD CONSTRAINT "amendments_tenant_id_contract_id_contracts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","contract_id") REFERENCES "marches"."contracts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."contracts" ADD CONSTRAINT "contracts_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."contracts" ADD CONSTRAINT "contracts_buyer_organization_id_organizations_tenant_id_fk" FOREIGN KEY ("buyer_organization_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."contracts" ADD CONSTRAINT "contracts_tenant_id_parent_id_contracts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","parent_id") REFERENCES "marches"."contracts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."contracts" ADD CONSTRAINT "contracts_tenant_id_group_id_purchasing_groups_tenant_id_id_fk" FOREIGN KEY ("tenant_id","group_id") REFERENCES "marches"."purchasing_groups"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."decision_votes" ADD CONSTRAINT "decision_votes_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."decision_votes" ADD CONSTRAINT "decision_votes_organization_id_organizations_tenant_id_fk" FOREIGN KEY ("organization_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."decision_votes" ADD CONSTRAINT "decision_votes_tenant_id_decision_id_group_decisions_tenant_id_id_fk" FOREIGN KEY ("tenant_id","decision_id") REFERENCES "marches"."group_decisions"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."group_decisions" ADD CONSTRAINT "group_decisions_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."group_decisions" ADD CONSTRAINT "group_decisions_tenant_id_group_id_purchasing_groups_tenant_id_id_fk" FOREIGN KEY ("tenant_id","group_id") REFERENCES "marches"."purchasing_groups"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."group_members" ADD CONSTRAINT "group_members_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."group_members" ADD CONSTRAINT "group_members_organization_id_organizations_tenant_id_fk" FOREIGN KEY ("organization_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."group_members" ADD CONSTRAINT "group_members_project_lead_user_id_users_id_fk" FOREIGN KEY ("project_lead_user_id") REFERENCES "access"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."group_members" ADD CONSTRAINT "group_members_tenant_id_group_id_purchasing_groups_tenant_id_id_fk" FOREIGN KEY ("tenant_id","group_id") REFERENCES "marches"."purchasing_groups"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."lots" ADD CONSTRAINT "lots_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."lots" ADD CONSTRAINT "lots_holder_organization_id_organizations_tenant_id_fk" FOREIGN KEY ("holder_organization_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."lots" ADD CONSTRAINT "lots_tenant_id_contract_id_contracts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","contract_id") REFERENCES "marches"."contracts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."price_items" ADD CONSTRAINT "price_items_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."price_items" ADD CONSTRAINT "price_items_tenant_id_price_list_id_price_lists_tenant_id_id_fk" FOREIGN KEY ("tenant_id","price_list_id") REFERENCES "marches"."price_lists"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."price_items" ADD CONSTRAINT "price_items_tenant_id_lot_id_lots_tenant_id_id_fk" FOREIGN KEY ("tenant_id","lot_id") REFERENCES "marches"."lots"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."price_lists" ADD CONSTRAINT "price_lists_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."price_lists" ADD CONSTRAINT "price_lists_tenant_id_lot_id_lots_tenant_id_id_fk" FOREIGN KEY ("tenant_id","lot_id") REFERENCES "marches"."lots"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."purchasing_groups" ADD CONSTRAINT "purchasing_groups_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."purchasing_groups" ADD CONSTRAINT "purchasing_groups_coordinator_organization_id_organizations_tenant_id_fk" FOREIGN KEY ("coordinator_organization_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."sent_alerts" ADD CONSTRAINT "sent_alerts_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
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
CREATE INDEX "contracts_notified_idx" ON "marches"."contracts" USING btree ("tenant_id","notified_on");--> statement-breakpoint
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