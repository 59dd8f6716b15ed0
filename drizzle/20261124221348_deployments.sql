CREATE TABLE "parc"."deployment_batches" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"establishment_id" uuid NOT NULL,
	"label" text NOT NULL,
	"class" text DEFAULT 'desktop' NOT NULL,
	"expected_count" integer NOT NULL,
	"delivered_at" timestamp with time zone NOT NULL,
	"deadline_hours" integer DEFAULT 48 NOT NULL,
	"order_reference" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deployment_batches_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "parc"."deployment_items" (
	"tenant_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"serial" text NOT NULL,
	"step" text DEFAULT 'delivered' NOT NULL,
	"step_at" timestamp with time zone NOT NULL,
	"installed_at" timestamp with time zone,
	"imaged_at" timestamp with time zone,
	"in_service_at" timestamp with time zone,
	"asset_id" uuid,
	"first_seen_at" timestamp with time zone,
	CONSTRAINT "deployment_items_tenant_id_batch_id_serial_pk" PRIMARY KEY("tenant_id","batch_id","serial"),
	CONSTRAINT "deployment_items_serial_key" UNIQUE("tenant_id","serial")
);
--> statement-breakpoint
ALTER TABLE "parc"."deployment_batches" ADD CONSTRAINT "deployment_batches_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parc"."deployment_batches" ADD CONSTRAINT "deployment_batches_tenant_id_establishment_id_establishments_tenant_id_id_fk" FOREIGN KEY ("tenant_id","establishment_id") REFERENCES "referentiel"."establishments"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parc"."deployment_items" ADD CONSTRAINT "deployment_items_tenant_id_batch_id_deployment_batches_tenant_id_id_fk" FOREIGN KEY ("tenant_id","batch_id") REFERENCES "parc"."deployment_batches"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deployment_batches_establishment_idx" ON "parc"."deployment_batches" USING btree ("tenant_id","establishment_id");--> statement-breakpoint
CREATE INDEX "deployment_batches_delivered_idx" ON "parc"."deployment_batches" USING btree ("tenant_id","delivered_at");