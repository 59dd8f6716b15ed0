CREATE SCHEMA "campagnes";
--> statement-breakpoint
CREATE TABLE "campagnes"."campaign_partners" (
	"tenant_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	CONSTRAINT "campaign_partners_tenant_id_campaign_id_organization_id_pk" PRIMARY KEY("tenant_id","campaign_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "campagnes"."campaigns" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"budget_cents" bigint,
	"retention_months" smallint DEFAULT 12 NOT NULL,
	"eligibility" jsonb DEFAULT '{"natureCodes":[],"unitIds":[],"establishmentIds":[]}'::jsonb NOT NULL,
	"reopenings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"grid" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"next_dossier_number" integer DEFAULT 1 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "campaigns_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "campaigns_code_key" UNIQUE("tenant_id","code")
);
--> statement-breakpoint
CREATE TABLE "campagnes"."committee_decisions" (
	"tenant_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"dossier_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "committee_decisions_tenant_id_session_id_dossier_id_pk" PRIMARY KEY("tenant_id","session_id","dossier_id")
);
--> statement-breakpoint
CREATE TABLE "campagnes"."committee_sessions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"held_on" text NOT NULL,
	"members" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"minutes" text DEFAULT '' NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "committee_sessions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "campagnes"."document_contents" (
	"tenant_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "document_contents_tenant_id_document_id_pk" PRIMARY KEY("tenant_id","document_id")
);
--> statement-breakpoint
CREATE TABLE "campagnes"."documents" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"field_key" text,
	"message_id" uuid,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"scan_status" text DEFAULT 'pending' NOT NULL,
	"scan_detail" text,
	"uploaded_by_user_id" uuid,
	"uploaded_by_label" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	"purged_at" timestamp with time zone,
	CONSTRAINT "documents_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "campagnes"."dossier_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"reason" text,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "dossier_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "campagnes"."dossiers" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"form_version_id" uuid NOT NULL,
	"state" text DEFAULT 'brouillon' NOT NULL,
	"correction" jsonb,
	"establishment_id" uuid,
	"applicant_user_id" uuid,
	"applicant_label" text NOT NULL,
	"group_id" uuid,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"annotations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"motivation" text,
	"letter_text" text,
	"letter_document_id" uuid,
	"score" double precision,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"instruction_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "dossiers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "dossiers_number_key" UNIQUE("tenant_id","campaign_id","number")
);
--> statement-breakpoint
CREATE TABLE "campagnes"."form_versions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"published_at" timestamp with time zone,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"annotation_fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "form_versions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "form_versions_number_key" UNIQUE("tenant_id","campaign_id","number")
);
--> statement-breakpoint
CREATE TABLE "campagnes"."instructor_group_members" (
	"tenant_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "instructor_group_members_tenant_id_group_id_user_id_pk" PRIMARY KEY("tenant_id","group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "campagnes"."instructor_groups" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"name" text NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "instructor_groups_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "instructor_groups_name_key" UNIQUE("tenant_id","campaign_id","name")
);
--> statement-breakpoint
CREATE TABLE "campagnes"."letter_templates" (
	"tenant_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"body" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "letter_templates_tenant_id_campaign_id_decision_pk" PRIMARY KEY("tenant_id","campaign_id","decision")
);
--> statement-breakpoint
CREATE TABLE "campagnes"."messages" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"side" text NOT NULL,
	"author_user_id" uuid,
	"author_label" text NOT NULL,
	"body" text NOT NULL,
	CONSTRAINT "messages_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "campagnes"."notes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"author_user_id" uuid,
	"author_label" text NOT NULL,
	"body" text NOT NULL,
	CONSTRAINT "notes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "campagnes"."opinions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"expert_user_id" uuid NOT NULL,
	"expert_label" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"requested_by_label" text NOT NULL,
	"question" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"verdict" text,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"comment" text,
	"confidential" boolean DEFAULT false NOT NULL,
	"conflict_declared" boolean DEFAULT false NOT NULL,
	"answered_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "opinions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "opinions_expert_key" UNIQUE("tenant_id","dossier_id","expert_user_id")
);
--> statement-breakpoint
CREATE TABLE "campagnes"."webhook_deliveries" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"webhook_id" uuid NOT NULL,
	"dossier_id" uuid NOT NULL,
	"event" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_status_code" integer,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "webhook_deliveries_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "campagnes"."webhooks" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhooks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "campagnes"."family_aid_files" (
	"tenant_id" uuid NOT NULL,
	"dossier_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"family_user_id" uuid NOT NULL,
	"establishment_id" uuid,
	"pupil_first_name" text,
	"pupil_last_name" text,
	"pupil_class" text,
	"device_code" text,
	"price_cents" integer,
	"household_income_cents" bigint,
	"tax_notice_document_id" uuid,
	"aid_cents" integer DEFAULT 0 NOT NULL,
	"social_fund_cents" integer DEFAULT 0 NOT NULL,
	"family_cents" integer DEFAULT 0 NOT NULL,
	"insurance" boolean DEFAULT false NOT NULL,
	"instalments" integer DEFAULT 1 NOT NULL,
	"first_due_date" date,
	"delivered_at" timestamp with time zone,
	"delivered_serial" text,
	"asset_id" uuid,
	"touched_at" timestamp with time zone NOT NULL,
	"expiry_warned_at" timestamp with time zone,
	"purged_at" timestamp with time zone,
	CONSTRAINT "family_aid_files_tenant_id_dossier_id_pk" PRIMARY KEY("tenant_id","dossier_id")
);
--> statement-breakpoint
CREATE TABLE "campagnes"."family_aid_purges" (
	"tenant_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"purged_at" timestamp with time zone NOT NULL,
	"files" integer NOT NULL,
	"documents" integer NOT NULL,
	CONSTRAINT "family_aid_purges_tenant_id_campaign_id_purged_at_pk" PRIMARY KEY("tenant_id","campaign_id","purged_at")
);
--> statement-breakpoint
CREATE TABLE "campagnes"."family_sign_in_links" (
	"tenant_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"email" text NOT NULL,
	"campaign_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "family_sign_in_links_tenant_id_token_hash_pk" PRIMARY KEY("tenant_id","token_hash")
);
--> statement-breakpoint
ALTER TABLE "campagnes"."campaign_partners" ADD CONSTRAINT "campaign_partners_tenant_id_campaign_id_campaigns_tenant_id_id_fk" FOREIGN KEY ("tenant_id","campaign_id") REFERENCES "campagnes"."campaigns"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."campaigns" ADD CONSTRAINT "campaigns_tenant_id_organizations_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "referentiel"."organizations"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."committee_decisions" ADD CONSTRAINT "committee_decisions_tenant_id_session_id_committee_sessions_tenant_id_id_fk" FOREIGN KEY ("tenant_id","session_id") REFERENCES "campagnes"."committee_sessions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."committee_decisions" ADD CONSTRAINT "committee_decisions_tenant_id_dossier_id_dossiers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","dossier_id") REFERENCES "campagnes"."dossiers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."committee_sessions" ADD CONSTRAINT "committee_sessions_tenant_id_campaign_id_campaigns_tenant_id_id_fk" FOREIGN KEY ("tenant_id","campaign_id") REFERENCES "campagnes"."campaigns"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."document_contents" ADD CONSTRAINT "document_contents_tenant_id_document_id_documents_tenant_id_id_fk" FOREIGN KEY ("tenant_id","document_id") REFERENCES "campagnes"."documents"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."documents" ADD CONSTRAINT "documents_tenant_id_dossier_id_dossiers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","dossier_id") REFERENCES "campagnes"."dossiers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."dossier_events" ADD CONSTRAINT "dossier_events_tenant_id_dossier_id_dossiers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","dossier_id") REFERENCES "campagnes"."dossiers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."dossiers" ADD CONSTRAINT "dossiers_tenant_id_campaign_id_campaigns_tenant_id_id_fk" FOREIGN KEY ("tenant_id","campaign_id") REFERENCES "campagnes"."campaigns"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."dossiers" ADD CONSTRAINT "dossiers_tenant_id_form_version_id_form_versions_tenant_id_id_fk" FOREIGN KEY ("tenant_id","form_version_id") REFERENCES "campagnes"."form_versions"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."form_versions" ADD CONSTRAINT "form_versions_tenant_id_campaign_id_campaigns_tenant_id_id_fk" FOREIGN KEY ("tenant_id","campaign_id") REFERENCES "campagnes"."campaigns"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."instructor_group_members" ADD CONSTRAINT "instructor_group_members_tenant_id_group_id_instructor_groups_tenant_id_id_fk" FOREIGN KEY ("tenant_id","group_id") REFERENCES "campagnes"."instructor_groups"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."instructor_groups" ADD CONSTRAINT "instructor_groups_tenant_id_campaign_id_campaigns_tenant_id_id_fk" FOREIGN KEY ("tenant_id","campaign_id") REFERENCES "campagnes"."campaigns"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."letter_templates" ADD CONSTRAINT "letter_templates_tenant_id_campaign_id_campaigns_tenant_id_id_fk" FOREIGN KEY ("tenant_id","campaign_id") REFERENCES "campagnes"."campaigns"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."messages" ADD CONSTRAINT "messages_tenant_id_dossier_id_dossiers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","dossier_id") REFERENCES "campagnes"."dossiers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."notes" ADD CONSTRAINT "notes_tenant_id_dossier_id_dossiers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","dossier_id") REFERENCES "campagnes"."dossiers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."opinions" ADD CONSTRAINT "opinions_tenant_id_dossier_id_dossiers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","dossier_id") REFERENCES "campagnes"."dossiers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_tenant_id_webhook_id_webhooks_tenant_id_id_fk" FOREIGN KEY ("tenant_id","webhook_id") REFERENCES "campagnes"."webhooks"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."webhooks" ADD CONSTRAINT "webhooks_tenant_id_campaign_id_campaigns_tenant_id_id_fk" FOREIGN KEY ("tenant_id","campaign_id") REFERENCES "campagnes"."campaigns"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."family_aid_files" ADD CONSTRAINT "family_aid_files_tenant_id_dossier_id_dossiers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","dossier_id") REFERENCES "campagnes"."dossiers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."family_aid_files" ADD CONSTRAINT "family_aid_files_tenant_id_campaign_id_campaigns_tenant_id_id_fk" FOREIGN KEY ("tenant_id","campaign_id") REFERENCES "campagnes"."campaigns"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."family_sign_in_links" ADD CONSTRAINT "family_sign_in_links_tenant_id_campaign_id_campaigns_tenant_id_id_fk" FOREIGN KEY ("tenant_id","campaign_id") REFERENCES "campagnes"."campaigns"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaigns_closes_idx" ON "campagnes"."campaigns" USING btree ("closes_at");--> statement-breakpoint
CREATE INDEX "documents_dossier_idx" ON "campagnes"."documents" USING btree ("tenant_id","dossier_id");--> statement-breakpoint
CREATE INDEX "dossier_events_dossier_idx" ON "campagnes"."dossier_events" USING btree ("tenant_id","dossier_id","at");--> statement-breakpoint
CREATE INDEX "dossiers_campaign_state_idx" ON "campagnes"."dossiers" USING btree ("tenant_id","campaign_id","state","number");--> statement-breakpoint
CREATE INDEX "dossiers_group_idx" ON "campagnes"."dossiers" USING btree ("tenant_id","campaign_id","group_id","number");--> statement-breakpoint
CREATE INDEX "dossiers_establishment_idx" ON "campagnes"."dossiers" USING btree ("tenant_id","establishment_id") WHERE "campagnes"."dossiers"."establishment_id" is not null;--> statement-breakpoint
CREATE INDEX "dossiers_applicant_idx" ON "campagnes"."dossiers" USING btree ("tenant_id","applicant_user_id") WHERE "campagnes"."dossiers"."applicant_user_id" is not null;--> statement-breakpoint
CREATE INDEX "instructor_group_members_user_idx" ON "campagnes"."instructor_group_members" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "messages_dossier_idx" ON "campagnes"."messages" USING btree ("tenant_id","dossier_id","at");--> statement-breakpoint
CREATE INDEX "notes_dossier_idx" ON "campagnes"."notes" USING btree ("tenant_id","dossier_id","at");--> statement-breakpoint
CREATE INDEX "opinions_expert_idx" ON "campagnes"."opinions" USING btree ("tenant_id","expert_user_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_webhook_idx" ON "campagnes"."webhook_deliveries" USING btree ("tenant_id","webhook_id","created_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "campagnes"."webhook_deliveries" USING btree ("next_attempt_at") WHERE "campagnes"."webhook_deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "family_aid_files_family_idx" ON "campagnes"."family_aid_files" USING btree ("tenant_id","family_user_id");--> statement-breakpoint
CREATE INDEX "family_aid_files_school_idx" ON "campagnes"."family_aid_files" USING btree ("tenant_id","campaign_id","establishment_id");--> statement-breakpoint
CREATE INDEX "family_sign_in_links_expiry_idx" ON "campagnes"."family_sign_in_links" USING btree ("expires_at");