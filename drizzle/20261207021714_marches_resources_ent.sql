CREATE TABLE "marches"."ent_sites" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"establishment_id" uuid NOT NULL,
	"wave" integer NOT NULL,
	"opening_date" date NOT NULL,
	"launch_cost_cents" integer NOT NULL,
	"yearly_cost_cents" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ent_sites_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "marches"."resource_choices" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"title_id" uuid NOT NULL,
	"establishment_id" uuid NOT NULL,
	"level" text NOT NULL,
	"quantity" integer NOT NULL,
	"order_id" uuid,
	"chosen_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_choices_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "marches"."resource_titles" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"price_item_id" uuid,
	"title" text NOT NULL,
	"publisher" text NOT NULL,
	"levels" text[] NOT NULL,
	"price_per_licence_cents" integer NOT NULL,
	"through_gar" boolean NOT NULL,
	"digital" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_titles_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "marches"."ent_sites" ADD CONSTRAINT "ent_sites_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."ent_sites" ADD CONSTRAINT "ent_sites_tenant_id_establishment_id_establishments_tenant_id_id_fk" FOREIGN KEY ("tenant_id","establishment_id") REFERENCES "referentiel"."establishments"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."resource_choices" ADD CONSTRAINT "resource_choices_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."resource_choices" ADD CONSTRAINT "resource_choices_tenant_id_title_id_resource_titles_tenant_id_id_fk" FOREIGN KEY ("tenant_id","title_id") REFERENCES "marches"."resource_titles"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."resource_choices" ADD CONSTRAINT "resource_choices_tenant_id_establishment_id_establishments_tenant_id_id_fk" FOREIGN KEY ("tenant_id","establishment_id") REFERENCES "referentiel"."establishments"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."resource_titles" ADD CONSTRAINT "resource_titles_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ent_sites_key" ON "marches"."ent_sites" USING btree ("tenant_id","contract_id","establishment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "resource_choices_key" ON "marches"."resource_choices" USING btree ("tenant_id","title_id","establishment_id","level");--> statement-breakpoint
CREATE INDEX "resource_choices_establishment_idx" ON "marches"."resource_choices" USING btree ("tenant_id","establishment_id");--> statement-breakpoint
CREATE INDEX "resource_titles_contract_idx" ON "marches"."resource_titles" USING btree ("tenant_id","contract_id","title");