CREATE TABLE "pilotage"."agreements" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"party_a_id" uuid NOT NULL,
	"party_b_id" uuid,
	"establishment_id" uuid,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"commitments" jsonb NOT NULL,
	"service_levels" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "agreements_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "pilotage"."bodies" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"cadence" text NOT NULL,
	"unanimity" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bodies_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "bodies_name_key" UNIQUE("tenant_id","name")
);
--> statement-breakpoint
CREATE TABLE "pilotage"."body_members" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"body_id" uuid NOT NULL,
	"name" text NOT NULL,
	"title" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid,
	CONSTRAINT "body_members_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "pilotage"."data_packs" (
	"tenant_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" text NOT NULL,
	"sha256" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"figures" jsonb NOT NULL,
	CONSTRAINT "data_packs_tenant_id_meeting_id_version_pk" PRIMARY KEY("tenant_id","meeting_id","version")
);
--> statement-breakpoint
CREATE TABLE "pilotage"."decisions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "decisions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "pilotage"."follow_ups" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"title" text NOT NULL,
	"owner_member_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date,
	CONSTRAINT "follow_ups_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "pilotage"."meetings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"body_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"place" text NOT NULL,
	"agenda" jsonb NOT NULL,
	"attendance" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"minutes" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "meetings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "pilotage"."votes" (
	"tenant_id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"choice" text NOT NULL,
	CONSTRAINT "votes_tenant_id_decision_id_member_id_pk" PRIMARY KEY("tenant_id","decision_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "pilotage"."catalogue_services" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"ticket_categories" text[] NOT NULL,
	"resolve_within_target" numeric NOT NULL,
	"cost_per_device_cents" integer NOT NULL,
	"cost_per_pupil_cents" integer NOT NULL,
	CONSTRAINT "catalogue_services_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "catalogue_services_code_key" UNIQUE("tenant_id","code")
);
--> statement-breakpoint
CREATE TABLE "pilotage"."commune_memberships" (
	"tenant_id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"insee_code" text NOT NULL,
	"cycle_id" uuid NOT NULL,
	"status" text NOT NULL,
	"cost_split" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "commune_memberships_tenant_id_commune_id_pk" PRIMARY KEY("tenant_id","commune_id"),
	CONSTRAINT "commune_memberships_insee_key" UNIQUE("tenant_id","insee_code")
);
--> statement-breakpoint
CREATE TABLE "pilotage"."joining_cycles" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"label" text NOT NULL,
	CONSTRAINT "joining_cycles_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "joining_cycles_year_key" UNIQUE("tenant_id","year")
);
--> statement-breakpoint
CREATE TABLE "pilotage"."subscriptions" (
	"tenant_id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"cycle_id" uuid NOT NULL,
	CONSTRAINT "subscriptions_tenant_id_commune_id_service_id_pk" PRIMARY KEY("tenant_id","commune_id","service_id")
);
--> statement-breakpoint
ALTER TABLE "pilotage"."body_members" ADD CONSTRAINT "body_members_tenant_id_body_id_bodies_tenant_id_id_fk" FOREIGN KEY ("tenant_id","body_id") REFERENCES "pilotage"."bodies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilotage"."data_packs" ADD CONSTRAINT "data_packs_tenant_id_meeting_id_meetings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","meeting_id") REFERENCES "pilotage"."meetings"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilotage"."decisions" ADD CONSTRAINT "decisions_tenant_id_meeting_id_meetings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","meeting_id") REFERENCES "pilotage"."meetings"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilotage"."follow_ups" ADD CONSTRAINT "follow_ups_tenant_id_meeting_id_meetings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","meeting_id") REFERENCES "pilotage"."meetings"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilotage"."follow_ups" ADD CONSTRAINT "follow_ups_tenant_id_owner_member_id_body_members_tenant_id_id_fk" FOREIGN KEY ("tenant_id","owner_member_id") REFERENCES "pilotage"."body_members"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilotage"."meetings" ADD CONSTRAINT "meetings_tenant_id_body_id_bodies_tenant_id_id_fk" FOREIGN KEY ("tenant_id","body_id") REFERENCES "pilotage"."bodies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilotage"."votes" ADD CONSTRAINT "votes_tenant_id_decision_id_decisions_tenant_id_id_fk" FOREIGN KEY ("tenant_id","decision_id") REFERENCES "pilotage"."decisions"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilotage"."votes" ADD CONSTRAINT "votes_tenant_id_member_id_body_members_tenant_id_id_fk" FOREIGN KEY ("tenant_id","member_id") REFERENCES "pilotage"."body_members"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilotage"."commune_memberships" ADD CONSTRAINT "commune_memberships_tenant_id_cycle_id_joining_cycles_tenant_id_id_fk" FOREIGN KEY ("tenant_id","cycle_id") REFERENCES "pilotage"."joining_cycles"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilotage"."subscriptions" ADD CONSTRAINT "subscriptions_tenant_id_commune_id_commune_memberships_tenant_id_commune_id_fk" FOREIGN KEY ("tenant_id","commune_id") REFERENCES "pilotage"."commune_memberships"("tenant_id","commune_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilotage"."subscriptions" ADD CONSTRAINT "subscriptions_tenant_id_service_id_catalogue_services_tenant_id_id_fk" FOREIGN KEY ("tenant_id","service_id") REFERENCES "pilotage"."catalogue_services"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilotage"."subscriptions" ADD CONSTRAINT "subscriptions_tenant_id_cycle_id_joining_cycles_tenant_id_id_fk" FOREIGN KEY ("tenant_id","cycle_id") REFERENCES "pilotage"."joining_cycles"("tenant_id","id") ON DELETE no action ON UPDATE no action;