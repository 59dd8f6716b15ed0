CREATE SCHEMA "pilotage";
--> statement-breakpoint
CREATE TABLE "pilotage"."assessment_snapshots" (
	"tenant_id" uuid NOT NULL,
	"month" date NOT NULL,
	"establishment_id" uuid NOT NULL,
	"profile_version_id" uuid,
	"indicators" jsonb NOT NULL,
	"met_count" smallint NOT NULL,
	"known_count" smallint NOT NULL,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_snapshots_tenant_id_month_establishment_id_pk" PRIMARY KEY("tenant_id","month","establishment_id")
);
--> statement-breakpoint
CREATE TABLE "pilotage"."cost_references" (
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"label" text NOT NULL,
	"unit_cost_cents" bigint NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "cost_references_tenant_id_kind_pk" PRIMARY KEY("tenant_id","kind")
);
--> statement-breakpoint
CREATE TABLE "pilotage"."establishment_context" (
	"tenant_id" uuid NOT NULL,
	"establishment_id" uuid NOT NULL,
	"ips_general" double precision,
	"ips_vocational" double precision,
	"rural" boolean,
	"pupils_estimate" integer,
	"ent_open" boolean,
	"resource_licences" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "establishment_context_tenant_id_establishment_id_pk" PRIMARY KEY("tenant_id","establishment_id")
);
--> statement-breakpoint
CREATE TABLE "pilotage"."ppi_financing_lines" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"operation_id" uuid NOT NULL,
	"source" text NOT NULL,
	"partner_name" text,
	"amount_cents" bigint NOT NULL,
	CONSTRAINT "ppi_financing_lines_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "pilotage"."ppi_operations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"scenario_id" uuid NOT NULL,
	"establishment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"indicator_code" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_cost_cents" bigint NOT NULL,
	"cost_cents" bigint NOT NULL,
	"cost_source" text NOT NULL,
	"priority" double precision NOT NULL,
	"year" smallint,
	"profile_version_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "ppi_operations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "pilotage"."ppi_scenarios" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"start_year" smallint NOT NULL,
	"year_count" smallint NOT NULL,
	"yearly_ceilings_cents" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"voted_at" timestamp with time zone,
	"baseline_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ppi_scenarios_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "ppi_scenarios_name_key" UNIQUE("tenant_id","name")
);
--> statement-breakpoint
CREATE TABLE "pilotage"."target_profile_versions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"profile_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"indicators" jsonb NOT NULL,
	"frozen_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "target_profile_versions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "target_profile_versions_number_key" UNIQUE("tenant_id","profile_id","number")
);
--> statement-breakpoint
CREATE TABLE "pilotage"."target_profiles" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"establishment_kind" text NOT NULL,
	"min_pupils" integer,
	"max_pupils" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "target_profiles_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "target_profiles_name_key" UNIQUE("tenant_id","name")
);
--> statement-breakpoint
ALTER TABLE "pilotage"."cost_references" ADD CONSTRAINT "cost_references_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilotage"."establishment_context" ADD CONSTRAINT "establishment_context_tenant_id_establishment_id_establishments_tenant_id_id_fk" FOREIGN KEY ("tenant_id","establishment_id") REFERENCES "referentiel"."establishments"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilotage"."ppi_financing_lines" ADD CONSTRAINT "ppi_financing_lines_tenant_id_operation_id_ppi_operations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","operation_id") REFERENCES "pilotage"."ppi_operations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilotage"."ppi_operations" ADD CONSTRAINT "ppi_operations_tenant_id_scenario_id_ppi_scenarios_tenant_id_id_fk" FOREIGN KEY ("tenant_id","scenario_id") REFERENCES "pilotage"."ppi_scenarios"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilotage"."ppi_operations" ADD CONSTRAINT "ppi_operations_tenant_id_establishment_id_establishments_tenant_id_id_fk" FOREIGN KEY ("tenant_id","establishment_id") REFERENCES "referentiel"."establishments"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilotage"."ppi_scenarios" ADD CONSTRAINT "ppi_scenarios_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilotage"."target_profile_versions" ADD CONSTRAINT "target_profile_versions_tenant_id_profile_id_target_profiles_tenant_id_id_fk" FOREIGN KEY ("tenant_id","profile_id") REFERENCES "pilotage"."target_profiles"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilotage"."target_profiles" ADD CONSTRAINT "target_profiles_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_snapshots_establishment_idx" ON "pilotage"."assessment_snapshots" USING btree ("tenant_id","establishment_id","month");--> statement-breakpoint
CREATE INDEX "ppi_operations_scenario_idx" ON "pilotage"."ppi_operations" USING btree ("tenant_id","scenario_id","year");