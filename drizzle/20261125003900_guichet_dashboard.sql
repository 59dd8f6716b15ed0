DROP INDEX "guichet"."tickets_opened_idx";--> statement-breakpoint
ALTER TABLE "guichet"."tickets" ADD COLUMN "owned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "guichet"."tickets" ADD COLUMN "own_minutes" integer;--> statement-breakpoint
ALTER TABLE "guichet"."tickets" ADD COLUMN "resolve_minutes" integer;--> statement-breakpoint
-- Backfill: the instant each ticket was owned is the first event of its history with another status
-- than 'new' (the clock's rule 2). The business minutes need the tenant's calendars, replayed in
-- TypeScript: tickets changed from now on get them from writeTicketChange, older ones stay null and
-- are left out of the time medians (they still count in the within-agreement shares).
UPDATE "guichet"."tickets" t SET "owned_at" = o.at
  FROM (SELECT tenant_id, ticket_id, min("at") AS at FROM "guichet"."ticket_events"
         WHERE status IS NOT NULL AND status <> 'new' GROUP BY tenant_id, ticket_id) o
 WHERE o.tenant_id = t.tenant_id AND o.ticket_id = t.id;--> statement-breakpoint
CREATE INDEX "tickets_open_dashboard_idx" ON "guichet"."tickets" USING btree ("tenant_id","assigned_team_id","level","category","establishment_id","status","due_to_own","due_to_resolve") WHERE "guichet"."tickets"."status" not in ('solved', 'closed');--> statement-breakpoint
CREATE INDEX "tickets_owned_dashboard_idx" ON "guichet"."tickets" USING btree ("tenant_id","owned_at","own_minutes","due_to_own","establishment_id","assigned_team_id","level","category") WHERE "guichet"."tickets"."owned_at" is not null;--> statement-breakpoint
CREATE INDEX "tickets_solved_dashboard_idx" ON "guichet"."tickets" USING btree ("tenant_id","solved_at","resolve_minutes","due_to_resolve","satisfaction","establishment_id","assigned_team_id","level","category") WHERE "guichet"."tickets"."solved_at" is not null;--> statement-breakpoint
CREATE INDEX "tickets_opened_idx" ON "guichet"."tickets" USING btree ("tenant_id","opened_at","establishment_id","assigned_team_id","level","category");