-- Distribution rules (ARCHITECTURE.md): search indexes led by the tenant (btree_gin gives uuid a GIN
-- operator class), a session keyed by its user, and the tables written on every login or inventory
-- distributed by their own key instead of being copied to every node as reference tables.
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
DROP INDEX "parc"."assets_search_idx";--> statement-breakpoint
DROP INDEX "referentiel"."establishments_search_idx";--> statement-breakpoint
ALTER TABLE "access"."sessions" DROP CONSTRAINT "sessions_pkey";--> statement-breakpoint
ALTER TABLE "access"."sessions" ADD CONSTRAINT "sessions_user_id_id_pk" PRIMARY KEY("user_id","id");--> statement-breakpoint
CREATE INDEX "sessions_id_idx" ON "access"."sessions" USING btree ("id");--> statement-breakpoint
CREATE INDEX "assets_search_idx" ON "parc"."assets" USING gin ("tenant_id","search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "establishments_search_idx" ON "referentiel"."establishments" USING gin ("tenant_id","search_text" gin_trgm_ops);--> statement-breakpoint
COMMENT ON TABLE "access"."sessions" IS 'distributed-by: user_id; server-side sessions, written at every sign-in and sign-out';--> statement-breakpoint
COMMENT ON TABLE "access"."login_attempts" IS 'distributed-by: key; failed login counters keyed by a hash of the e-mail, written at every failed sign-in';--> statement-breakpoint
COMMENT ON TABLE "parc"."inventory_inbox" IS 'distributed-by: id; raw agent bodies acknowledged as pending, before their tenant is known; emptied by the background worker';--> statement-breakpoint
COMMENT ON TABLE "parc"."unassigned_reports" IS 'distributed-by: id; agent reports that belong to no tenant yet; moved into a tenant when an administrator attaches them';
