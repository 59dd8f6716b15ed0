CREATE TABLE "marches"."order_totals" (
	"tenant_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"member_organization_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"committed_cents" bigint DEFAULT 0 NOT NULL,
	"consumed_cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "order_totals_tenant_id_lot_id_member_organization_id_pk" PRIMARY KEY("tenant_id","lot_id","member_organization_id")
);
--> statement-breakpoint
CREATE TABLE "marches"."resource_headcounts" (
	"tenant_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"establishment_id" uuid NOT NULL,
	"level" text NOT NULL,
	"pupils" integer NOT NULL,
	"declared_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_headcounts_tenant_id_contract_id_establishment_id_level_pk" PRIMARY KEY("tenant_id","contract_id","establishment_id","level")
);
--> statement-breakpoint
ALTER TABLE "marches"."price_items" ADD COLUMN "cpv_code" text;--> statement-breakpoint
ALTER TABLE "marches"."order_totals" ADD CONSTRAINT "order_totals_tenant_id_lot_id_lots_tenant_id_id_fk" FOREIGN KEY ("tenant_id","lot_id") REFERENCES "marches"."lots"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."resource_headcounts" ADD CONSTRAINT "resource_headcounts_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marches"."resource_headcounts" ADD CONSTRAINT "resource_headcounts_tenant_id_establishment_id_establishments_tenant_id_id_fk" FOREIGN KEY ("tenant_id","establishment_id") REFERENCES "referentiel"."establishments"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_totals_contract_idx" ON "marches"."order_totals" USING btree ("tenant_id","contract_id");