ALTER TABLE "campagnes"."committee_decisions" ADD COLUMN "decided_by_label" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "campagnes"."committee_sessions" ADD COLUMN "title" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "campagnes"."committee_sessions" ADD COLUMN "created_by_label" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "campagnes"."committee_sessions" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "campagnes"."committee_sessions" ADD COLUMN "closed_by_label" text;