DROP INDEX "referentiel"."establishments_search_idx";--> statement-breakpoint
DROP INDEX "referentiel"."establishments_unit_idx";--> statement-breakpoint
CREATE INDEX "establishments_search_idx" ON "referentiel"."establishments" USING gin ((array[tenant_id]),"search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "establishments_unit_idx" ON "referentiel"."establishments" USING btree ("tenant_id","unit_id","uai","name","commune_name","nature_code","pupils","academy_code","updated_at","sector","is_open","department_code","priority_education");