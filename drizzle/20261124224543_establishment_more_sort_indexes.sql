CREATE INDEX "establishments_nature_idx" ON "referentiel"."establishments" USING btree ("tenant_id","nature_code","uai");--> statement-breakpoint
CREATE INDEX "establishments_pupils_idx" ON "referentiel"."establishments" USING btree ("tenant_id","pupils","uai");--> statement-breakpoint
CREATE INDEX "establishments_academy_idx" ON "referentiel"."establishments" USING btree ("tenant_id","academy_code","uai");--> statement-breakpoint
CREATE INDEX "establishments_updated_idx" ON "referentiel"."establishments" USING btree ("tenant_id","updated_at","uai");