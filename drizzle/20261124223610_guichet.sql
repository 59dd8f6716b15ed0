CREATE SCHEMA "guichet";
--> statement-breakpoint
CREATE TABLE "guichet"."attachment_contents" (
	"tenant_id" uuid NOT NULL,
	"attachment_id" uuid NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "attachment_contents_tenant_id_attachment_id_pk" PRIMARY KEY("tenant_id","attachment_id")
);
--> statement-breakpoint
CREATE TABLE "guichet"."attachments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"is_private" boolean DEFAULT false NOT NULL,
	"author_id" text,
	"author_label" text NOT NULL,
	CONSTRAINT "attachments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "guichet"."categories" (
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"responsible_organization_id" uuid NOT NULL,
	"default_teams" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"hardware" boolean DEFAULT false NOT NULL,
	"agreement_id" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "categories_tenant_id_key_pk" PRIMARY KEY("tenant_id","key")
);
--> statement-breakpoint
CREATE TABLE "guichet"."desk_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"default_agreement_id" text NOT NULL,
	"problem_threshold" integer DEFAULT 3 NOT NULL,
	"problem_window_days" integer DEFAULT 30 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guichet"."followups" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"author_id" text,
	"author_label" text NOT NULL,
	"is_private" boolean NOT NULL,
	"body" text NOT NULL,
	CONSTRAINT "followups_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "guichet"."notifications" (
	"tenant_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "guichet"."notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"ticket_id" uuid NOT NULL,
	"recipient_user_id" uuid,
	"recipient_label" text NOT NULL,
	"recipient_contact" text,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"sent_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "notifications_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "guichet"."service_terms" (
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"body" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_terms_tenant_id_kind_key_version_pk" PRIMARY KEY("tenant_id","kind","key","version")
);
--> statement-breakpoint
CREATE TABLE "guichet"."support_teams" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"level" smallint NOT NULL,
	"organization_id" uuid NOT NULL,
	"unit_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"warranty_holders" text[] DEFAULT '{}'::text[] NOT NULL,
	"triage" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_teams_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "support_teams_name_key" UNIQUE("tenant_id","name")
);
--> statement-breakpoint
CREATE TABLE "guichet"."tasks" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"author_id" text,
	"author_label" text NOT NULL,
	"description" text NOT NULL,
	"minutes" integer NOT NULL,
	CONSTRAINT "tasks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "guichet"."ticket_assets" (
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	"asset_label" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"incident" boolean NOT NULL,
	CONSTRAINT "ticket_assets_tenant_id_ticket_id_asset_id_pk" PRIMARY KEY("tenant_id","ticket_id","asset_id")
);
--> statement-breakpoint
CREATE TABLE "guichet"."ticket_counters" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"next_number" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guichet"."ticket_events" (
	"tenant_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "guichet"."ticket_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"ticket_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"status" text,
	"category" text,
	"priority" smallint,
	"agreement_id" text,
	"level" smallint,
	"team_id" uuid,
	"reason" text,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"actor_label" text NOT NULL,
	"details" jsonb,
	CONSTRAINT "ticket_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "guichet"."tickets" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" bigint NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"establishment_id" uuid NOT NULL,
	"room_id" uuid,
	"room_label" text,
	"requester_user_id" uuid,
	"requester_name" text NOT NULL,
	"requester_contact" text,
	"channel" text NOT NULL,
	"category" text,
	"urgency" smallint NOT NULL,
	"impact" smallint NOT NULL,
	"priority" smallint NOT NULL,
	"status" text NOT NULL,
	"responsible_org_id" uuid NOT NULL,
	"assigned_team_id" uuid,
	"assigned_org_id" uuid,
	"assigned_user_id" uuid,
	"level" smallint NOT NULL,
	"agreement_id" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"logged_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"planned_for" timestamp with time zone,
	"solved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"parent_id" uuid,
	"problem_flag" boolean DEFAULT false NOT NULL,
	"school_visible" boolean DEFAULT true NOT NULL,
	"solution" text,
	"satisfaction" smallint,
	"satisfaction_comment" text,
	"due_to_own" timestamp with time zone,
	"due_to_resolve" timestamp with time zone,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "tickets_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "tickets_number_key" UNIQUE("tenant_id","number")
);
--> statement-breakpoint
ALTER TABLE "guichet"."attachment_contents" ADD CONSTRAINT "attachment_contents_tenant_id_attachment_id_attachments_tenant_id_id_fk" FOREIGN KEY ("tenant_id","attachment_id") REFERENCES "guichet"."attachments"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guichet"."attachments" ADD CONSTRAINT "attachments_tenant_id_ticket_id_tickets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","ticket_id") REFERENCES "guichet"."tickets"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guichet"."categories" ADD CONSTRAINT "categories_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guichet"."categories" ADD CONSTRAINT "categories_responsible_organization_id_organizations_tenant_id_fk" FOREIGN KEY ("responsible_organization_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guichet"."desk_settings" ADD CONSTRAINT "desk_settings_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guichet"."followups" ADD CONSTRAINT "followups_tenant_id_ticket_id_tickets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","ticket_id") REFERENCES "guichet"."tickets"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guichet"."notifications" ADD CONSTRAINT "notifications_tenant_id_ticket_id_tickets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","ticket_id") REFERENCES "guichet"."tickets"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guichet"."service_terms" ADD CONSTRAINT "service_terms_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guichet"."support_teams" ADD CONSTRAINT "support_teams_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guichet"."support_teams" ADD CONSTRAINT "support_teams_organization_id_organizations_tenant_id_fk" FOREIGN KEY ("organization_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guichet"."tasks" ADD CONSTRAINT "tasks_tenant_id_ticket_id_tickets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","ticket_id") REFERENCES "guichet"."tickets"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guichet"."ticket_assets" ADD CONSTRAINT "ticket_assets_tenant_id_ticket_id_tickets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","ticket_id") REFERENCES "guichet"."tickets"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guichet"."ticket_counters" ADD CONSTRAINT "ticket_counters_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guichet"."ticket_events" ADD CONSTRAINT "ticket_events_tenant_id_ticket_id_tickets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","ticket_id") REFERENCES "guichet"."tickets"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guichet"."tickets" ADD CONSTRAINT "tickets_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guichet"."tickets" ADD CONSTRAINT "tickets_tenant_id_establishment_id_establishments_tenant_id_id_fk" FOREIGN KEY ("tenant_id","establishment_id") REFERENCES "referentiel"."establishments"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guichet"."tickets" ADD CONSTRAINT "tickets_tenant_id_category_categories_tenant_id_key_fk" FOREIGN KEY ("tenant_id","category") REFERENCES "guichet"."categories"("tenant_id","key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guichet"."tickets" ADD CONSTRAINT "tickets_tenant_id_assigned_team_id_support_teams_tenant_id_id_fk" FOREIGN KEY ("tenant_id","assigned_team_id") REFERENCES "guichet"."support_teams"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guichet"."tickets" ADD CONSTRAINT "tickets_tenant_id_parent_id_tickets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","parent_id") REFERENCES "guichet"."tickets"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_ticket_idx" ON "guichet"."attachments" USING btree ("tenant_id","ticket_id");--> statement-breakpoint
CREATE INDEX "followups_ticket_idx" ON "guichet"."followups" USING btree ("tenant_id","ticket_id","at");--> statement-breakpoint
CREATE INDEX "notifications_ticket_idx" ON "guichet"."notifications" USING btree ("tenant_id","ticket_id");--> statement-breakpoint
CREATE INDEX "notifications_unsent_idx" ON "guichet"."notifications" USING btree ("tenant_id","at") WHERE "guichet"."notifications"."sent_at" is null;--> statement-breakpoint
CREATE INDEX "tasks_ticket_idx" ON "guichet"."tasks" USING btree ("tenant_id","ticket_id","at");--> statement-breakpoint
CREATE INDEX "ticket_assets_asset_idx" ON "guichet"."ticket_assets" USING btree ("tenant_id","asset_id","opened_at");--> statement-breakpoint
CREATE INDEX "ticket_events_ticket_idx" ON "guichet"."ticket_events" USING btree ("tenant_id","ticket_id","at");--> statement-breakpoint
CREATE INDEX "tickets_team_backlog_idx" ON "guichet"."tickets" USING btree ("tenant_id","assigned_team_id","due_to_resolve") WHERE "guichet"."tickets"."status" not in ('solved', 'closed');--> statement-breakpoint
CREATE INDEX "tickets_team_idx" ON "guichet"."tickets" USING btree ("tenant_id","assigned_team_id","opened_at");--> statement-breakpoint
CREATE INDEX "tickets_open_due_idx" ON "guichet"."tickets" USING btree ("tenant_id","due_to_resolve") WHERE "guichet"."tickets"."status" not in ('solved', 'closed');--> statement-breakpoint
CREATE INDEX "tickets_unowned_due_idx" ON "guichet"."tickets" USING btree ("tenant_id","due_to_own") WHERE "guichet"."tickets"."status" = 'new';--> statement-breakpoint
CREATE INDEX "tickets_establishment_idx" ON "guichet"."tickets" USING btree ("tenant_id","establishment_id","opened_at");--> statement-breakpoint
CREATE INDEX "tickets_opened_idx" ON "guichet"."tickets" USING btree ("tenant_id","opened_at");--> statement-breakpoint
CREATE INDEX "tickets_requester_idx" ON "guichet"."tickets" USING btree ("tenant_id","requester_user_id");--> statement-breakpoint
CREATE INDEX "tickets_assigned_org_idx" ON "guichet"."tickets" USING btree ("tenant_id","assigned_org_id","opened_at");--> statement-breakpoint
CREATE INDEX "tickets_responsible_org_idx" ON "guichet"."tickets" USING btree ("tenant_id","responsible_org_id","opened_at");--> statement-breakpoint
CREATE INDEX "tickets_parent_idx" ON "guichet"."tickets" USING btree ("tenant_id","parent_id") WHERE "guichet"."tickets"."parent_id" is not null;