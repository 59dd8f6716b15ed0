ALTER TABLE "pilotage"."cost_references" ADD COLUMN "lot_id" uuid;--> statement-breakpoint
ALTER TABLE "pilotage"."cost_references" ADD COLUMN "price_item_code" text;--> statement-breakpoint
ALTER TABLE "pilotage"."ppi_operations" ADD COLUMN "cost_basis" text;