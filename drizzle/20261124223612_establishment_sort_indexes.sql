DROP INDEX "referentiel"."establishments_name_idx";--> statement-breakpoint
CREATE INDEX "establishments_commune_idx" ON "referentiel"."establishments" USING btree ("tenant_id","commune_name","uai");--> statement-breakpoint
CREATE INDEX "establishments_name_idx" ON "referentiel"."establishments" USING btree ("tenant_id","name","uai");