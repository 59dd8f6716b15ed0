-- Running totals of the orders per lot and member (marches.order_totals), kept by a trigger so the
-- consumption page reads a few rows, not every order. An order counts from its creation unless
-- cancelled: committed until invoiced, consumed once invoiced or paid (as find-consumption.ts says).
CREATE OR REPLACE FUNCTION marches.order_totals_apply(o marches.purchase_orders, sign integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF o.status = 'cancelled' THEN
    RETURN;
  END IF;
  INSERT INTO marches.order_totals AS t (tenant_id, lot_id, member_organization_id, contract_id, orders, committed_cents, consumed_cents)
  VALUES (
    o.tenant_id, o.lot_id, o.member_organization_id, o.contract_id, sign,
    CASE WHEN o.status IN ('invoiced', 'paid') THEN 0 ELSE sign * o.total_excl_tax_cents END,
    CASE WHEN o.status IN ('invoiced', 'paid') THEN sign * o.total_excl_tax_cents ELSE 0 END
  )
  ON CONFLICT (tenant_id, lot_id, member_organization_id) DO UPDATE SET
    orders = t.orders + excluded.orders,
    committed_cents = t.committed_cents + excluded.committed_cents,
    consumed_cents = t.consumed_cents + excluded.consumed_cents;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION marches.order_totals_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM marches.order_totals_apply(OLD, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM marches.order_totals_apply(NEW, 1);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER purchase_orders_totals AFTER INSERT OR DELETE ON marches.purchase_orders
FOR EACH ROW EXECUTE FUNCTION marches.order_totals_trigger();
--> statement-breakpoint
CREATE TRIGGER purchase_orders_totals_update AFTER UPDATE OF status, total_excl_tax_cents, lot_id, member_organization_id, contract_id ON marches.purchase_orders
FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.total_excl_tax_cents IS DISTINCT FROM NEW.total_excl_tax_cents OR OLD.lot_id IS DISTINCT FROM NEW.lot_id OR OLD.member_organization_id IS DISTINCT FROM NEW.member_organization_id OR OLD.contract_id IS DISTINCT FROM NEW.contract_id)
EXECUTE FUNCTION marches.order_totals_trigger();
--> statement-breakpoint
-- orders written before the totals existed
INSERT INTO marches.order_totals (tenant_id, lot_id, member_organization_id, contract_id, orders, committed_cents, consumed_cents)
SELECT tenant_id, lot_id, member_organization_id, min(contract_id::text)::uuid, count(*),
  coalesce(sum(total_excl_tax_cents) FILTER (WHERE status NOT IN ('invoiced', 'paid')), 0),
  coalesce(sum(total_excl_tax_cents) FILTER (WHERE status IN ('invoiced', 'paid')), 0)
FROM marches.purchase_orders WHERE status <> 'cancelled'
GROUP BY tenant_id, lot_id, member_organization_id
ON CONFLICT DO NOTHING;
