CREATE TABLE "campagnes"."project_loans" (
	"tenant_id" uuid NOT NULL,
	"dossier_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"title" text NOT NULL,
	"asset_class" text NOT NULL,
	"quantity" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"asset_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"lent_at" timestamp with time zone,
	"order_id" uuid,
	"order_reference" text,
	"ordered_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "project_loans_tenant_id_dossier_id_pk" PRIMARY KEY("tenant_id","dossier_id")
);
--> statement-breakpoint
CREATE TABLE "campagnes"."renewal_lines" (
	"tenant_id" uuid NOT NULL,
	"dossier_id" uuid NOT NULL,
	"asset_class" text NOT NULL,
	"requested" integer DEFAULT 0 NOT NULL,
	"granted" integer,
	CONSTRAINT "renewal_lines_tenant_id_dossier_id_asset_class_pk" PRIMARY KEY("tenant_id","dossier_id","asset_class")
);
--> statement-breakpoint
CREATE TABLE "campagnes"."renewal_requests" (
	"tenant_id" uuid NOT NULL,
	"dossier_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"justification" text DEFAULT '' NOT NULL,
	"order_id" uuid,
	"order_reference" text,
	"ordered_at" timestamp with time zone,
	"granted_by" text,
	"granted_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "renewal_requests_tenant_id_dossier_id_pk" PRIMARY KEY("tenant_id","dossier_id")
);
--> statement-breakpoint
ALTER TABLE "campagnes"."project_loans" ADD CONSTRAINT "project_loans_tenant_id_dossier_id_dossiers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","dossier_id") REFERENCES "campagnes"."dossiers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."renewal_lines" ADD CONSTRAINT "renewal_lines_tenant_id_dossier_id_renewal_requests_tenant_id_dossier_id_fk" FOREIGN KEY ("tenant_id","dossier_id") REFERENCES "campagnes"."renewal_requests"("tenant_id","dossier_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."renewal_requests" ADD CONSTRAINT "renewal_requests_tenant_id_dossier_id_dossiers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","dossier_id") REFERENCES "campagnes"."dossiers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;