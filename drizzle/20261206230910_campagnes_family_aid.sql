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
ALTER TABLE "campagnes"."family_aid_files" ADD CONSTRAINT "family_aid_files_tenant_id_dossier_id_dossiers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","dossier_id") REFERENCES "campagnes"."dossiers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."family_aid_files" ADD CONSTRAINT "family_aid_files_tenant_id_campaign_id_campaigns_tenant_id_id_fk" FOREIGN KEY ("tenant_id","campaign_id") REFERENCES "campagnes"."campaigns"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campagnes"."family_sign_in_links" ADD CONSTRAINT "family_sign_in_links_tenant_id_campaign_id_campaigns_tenant_id_id_fk" FOREIGN KEY ("tenant_id","campaign_id") REFERENCES "campagnes"."campaigns"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "family_aid_files_family_idx" ON "campagnes"."family_aid_files" USING btree ("tenant_id","family_user_id");--> statement-breakpoint
CREATE INDEX "family_aid_files_school_idx" ON "campagnes"."family_aid_files" USING btree ("tenant_id","campaign_id","establishment_id");--> statement-breakpoint
CREATE INDEX "family_sign_in_links_expiry_idx" ON "campagnes"."family_sign_in_links" USING btree ("expires_at");