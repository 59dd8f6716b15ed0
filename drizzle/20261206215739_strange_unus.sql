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
CREATE INDEX "contracts_notified_idx" ON "marches"."contracts" USING btree ("tenant_id","notified_on");