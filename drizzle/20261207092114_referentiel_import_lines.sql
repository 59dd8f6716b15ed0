CREATE TABLE "referentiel"."import_lines" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"entries" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "referentiel"."import_lines" ADD CONSTRAINT "import_lines_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;