CREATE TABLE "guichet"."inbound_mails" (
	"tenant_id" uuid NOT NULL,
	"message_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"sender" text NOT NULL,
	"ticket_id" uuid,
	"followup_id" uuid,
	CONSTRAINT "inbound_mails_tenant_id_message_id_pk" PRIMARY KEY("tenant_id","message_id")
);
--> statement-breakpoint
CREATE TABLE "guichet"."sla_alerts" (
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"clock" text NOT NULL,
	"level" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"escalated_to_level" smallint,
	CONSTRAINT "sla_alerts_tenant_id_ticket_id_clock_level_pk" PRIMARY KEY("tenant_id","ticket_id","clock","level")
);
--> statement-breakpoint
ALTER TABLE "guichet"."desk_settings" ADD COLUMN "inbound_address" text;--> statement-breakpoint
ALTER TABLE "guichet"."notifications" ADD COLUMN "read_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "guichet"."notifications" ADD COLUMN "message_id" text;--> statement-breakpoint
ALTER TABLE "guichet"."notifications" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "guichet"."notifications" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "guichet"."notifications" ADD COLUMN "failed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "guichet"."notifications" ADD COLUMN "by_mail" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "guichet"."sla_alerts" ADD CONSTRAINT "sla_alerts_tenant_id_ticket_id_tickets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","ticket_id") REFERENCES "guichet"."tickets"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "desk_settings_inbound_address_idx" ON "guichet"."desk_settings" USING btree (lower("inbound_address"));--> statement-breakpoint
CREATE INDEX "notifications_mail_queue_idx" ON "guichet"."notifications" USING btree ("next_attempt_at") WHERE "guichet"."notifications"."sent_at" is null and "guichet"."notifications"."failed_at" is null and "guichet"."notifications"."by_mail";--> statement-breakpoint
CREATE INDEX "notifications_recipient_idx" ON "guichet"."notifications" USING btree ("tenant_id","recipient_user_id","id");--> statement-breakpoint
CREATE INDEX "notifications_message_id_idx" ON "guichet"."notifications" USING btree ("message_id") WHERE "guichet"."notifications"."message_id" is not null;