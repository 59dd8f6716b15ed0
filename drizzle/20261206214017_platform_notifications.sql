CREATE TABLE "platform"."notifications" (
	"tenant_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "platform"."notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone NOT NULL,
	"module" text NOT NULL,
	"kind" text NOT NULL,
	"ref_type" text NOT NULL,
	"ref_id" uuid NOT NULL,
	"link" text,
	"link_label" text,
	"reply_to" text,
	"recipient_user_id" uuid,
	"recipient_label" text NOT NULL,
	"recipient_contact" text,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"sent_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"read_at" timestamp with time zone,
	"message_id" text,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"failed_at" timestamp with time zone,
	"by_mail" boolean DEFAULT true NOT NULL,
	CONSTRAINT "notifications_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
-- the desk's notifications move here with their ids, their ticket as the record, its page as the link
INSERT INTO "platform"."notifications" ("tenant_id", "id", "at", "module", "kind", "ref_type", "ref_id", "link", "link_label", "reply_to",
  "recipient_user_id", "recipient_label", "recipient_contact", "subject", "body", "sent_at", "attempts", "read_at", "message_id",
  "next_attempt_at", "last_error", "failed_at", "by_mail")
OVERRIDING SYSTEM VALUE
SELECT n."tenant_id", n."id", n."at", 'guichet', n."kind", 'ticket', n."ticket_id", '/guichet/' || n."ticket_id", 'Voir le ticket', d."inbound_address",
  n."recipient_user_id", n."recipient_label", n."recipient_contact", n."subject", n."body", n."sent_at", n."attempts", n."read_at", n."message_id",
  n."next_attempt_at", n."last_error", n."failed_at", n."by_mail"
FROM "guichet"."notifications" n LEFT JOIN "guichet"."desk_settings" d ON d."tenant_id" = n."tenant_id";--> statement-breakpoint
SELECT setval('"platform"."notifications_id_seq"', coalesce((SELECT max("id") FROM "platform"."notifications"), 0) + 1, false);--> statement-breakpoint
DROP TABLE "guichet"."notifications" CASCADE;--> statement-breakpoint
CREATE INDEX "notifications_ref_idx" ON "platform"."notifications" USING btree ("tenant_id","ref_type","ref_id");--> statement-breakpoint
CREATE INDEX "notifications_mail_queue_idx" ON "platform"."notifications" USING btree ("next_attempt_at") WHERE "platform"."notifications"."sent_at" is null and "platform"."notifications"."failed_at" is null and "platform"."notifications"."by_mail";--> statement-breakpoint
CREATE INDEX "notifications_recipient_idx" ON "platform"."notifications" USING btree ("tenant_id","recipient_user_id","id");--> statement-breakpoint
CREATE INDEX "notifications_message_id_idx" ON "platform"."notifications" USING btree ("tenant_id","message_id") WHERE "platform"."notifications"."message_id" is not null;