ALTER TABLE "guichet"."tickets" ADD COLUMN "department_code" text;
--> statement-breakpoint
UPDATE "guichet"."tickets" t SET "department_code" = e."department_code" FROM "referentiel"."establishments" e WHERE e."tenant_id" = t."tenant_id" AND e."id" = t."establishment_id";
