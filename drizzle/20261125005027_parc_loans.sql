ALTER TABLE "parc"."assets" ADD COLUMN "loan_borrower" text;--> statement-breakpoint
ALTER TABLE "parc"."assets" ADD COLUMN "loan_due" date;