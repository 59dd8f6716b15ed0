import { sql } from 'drizzle-orm';
import { defineCache, type Caches } from '../../../server/platform/cache.js';
import { rows, type Db } from '../../../server/platform/db.js';
import { serialKey } from './deployment-serials.js';

/**
 * Whether a tenant has delivered devices still waiting for the inventory (not in service, or
 * never seen): outside a deployment campaign it has none, and every inventory skips the statement
 * below. Remembered per tenant; recording a delivery invalidates it (`openDeliveries`, tenant as
 * key) in every process at once.
 */
export const openDeliveries = defineCache<boolean>('deployment-open-items', { max: 10_000, ttlMs: 10_000 });

async function hasOpenItems({ db, cache }: { db: Db; cache: Caches }, tenantId: string): Promise<boolean> {
  const open = cache.of(openDeliveries);
  const known = open.get(tenantId);
  if (known !== undefined) return known;
  const [row] = await rows<{ open: boolean }>(
    db,
    sql`select exists (select 1 from parc.deployment_items where tenant_id = ${tenantId} and (step <> 'in-service' or first_seen_at is null)) as open`,
  );
  open.set(tenantId, row.open);
  return row.open;
}

/**
 * Called after an inventory is stored: when the device's serial belongs to a delivery batch, the
 * item learns which device it is and when the inventory first saw it; an item at step "imaged"
 * moves to "in-service" (the first inventory of an imaged PC is the proof it works), with a line
 * in the device's history. One indexed statement; none at all while the tenant has no delivery open.
 */
export async function closeDeploymentStep(
  on: { db: Db; cache: Caches },
  input: { tenantId: string; assetId: string; serial: string | null; at: Date },
): Promise<boolean> {
  const { db } = on;
  const serial = serialKey(input.serial);
  if (serial === null) return false;
  const { tenantId, assetId, at } = input;
  if (!(await hasOpenItems(on, tenantId))) return false;
  const closed = await rows<{ closed: boolean }>(
    db,
    sql`with item as (
          update parc.deployment_items
             set asset_id = ${assetId},
                 first_seen_at = coalesce(first_seen_at, ${at}),
                 step = case when step = 'imaged' then 'in-service' else step end,
                 step_at = case when step = 'imaged' then ${at} else step_at end,
                 in_service_at = case when step = 'imaged' then ${at} else in_service_at end
           where tenant_id = ${tenantId} and serial = ${serial}
             and (step = 'imaged' or first_seen_at is null or asset_id is distinct from ${assetId})
       returning batch_id, (step = 'in-service' and in_service_at = ${at}) as closed),
        status as (
          update parc.assets set status = 'in-service', anonymous_agent = null, updated_at = ${at}, version = version + 1
           where tenant_id = ${tenantId} and id = ${assetId}
             and status in ('in-stock', 'delivered', 'installed', 'imaged')
             and exists (select 1 from item where item.closed)),
        event as (
          insert into parc.asset_events (tenant_id, asset_id, at, kind, source, actor_label, summary, details)
          select ${tenantId}, ${assetId}, ${at}, 'status', 'inventory', 'Inventaire automatique',
                 'Mis en service : premier inventaire après masterisation (livraison « ' || b.label || ' »)',
                 jsonb_build_object('batchId', b.id, 'step', 'in-service')
            from item join parc.deployment_batches b on b.tenant_id = ${tenantId} and b.id = item.batch_id
           where item.closed)
        select closed from item`,
  );
  return closed.some((r) => r.closed);
}
