CREATE TABLE "parc"."deployment_plans" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"establishment_id" uuid NOT NULL,
	"class" text NOT NULL,
	"quantity" integer NOT NULL,
	"source_key" text NOT NULL,
	"source_label" text NOT NULL,
	"source_link" text,
	"planned_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "deployment_plans_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "deployment_plans_source_key" UNIQUE("tenant_id","source_key","class")
);
--> statement-breakpoint
ALTER TABLE "parc"."deployment_batches" ADD COLUMN "plan_id" uuid;--> statement-breakpoint
ALTER TABLE "parc"."deployment_plans" ADD CONSTRAINT "deployment_plans_tenant_id_establishment_id_establishments_tenant_id_id_fk" FOREIGN KEY ("tenant_id","establishment_id") REFERENCES "referentiel"."establishments"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deployment_plans_establishment_idx" ON "parc"."deployment_plans" USING btree ("tenant_id","establishment_id");--> statement-breakpoint
CREATE INDEX "deployment_batches_plan_idx" ON "parc"."deployment_batches" USING btree ("tenant_id","plan_id");