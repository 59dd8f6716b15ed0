import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';

/**
 * Wi-Fi access points placed in the lycées' teaching rooms (the référentiel's demo premises): every
 * CDI, and a share of the other rooms that differs from one lycée to the next (none to 60 %), so the
 * steering's Wi-Fi coverage and the PPI's Wi-Fi works have something to show. Offices get none.
 */
export async function placeDemoAccessPoints(ctx: Ctx, tenantId: string): Promise<void> {
  await ctx.db.execute(sql`
    with teaching as (
      select r.id, r.establishment_id, r.name, e.uai, (abs(hashtext(e.uai || 'wifi')) % 7) * 10 as coverage
        from referentiel.rooms_view r
        join referentiel.establishments_view e on e.tenant_id = r.tenant_id and e.id = r.establishment_id
       where r.tenant_id = ${tenantId} and r.kind in ('classroom', 'workshop', 'lab', 'cdi', 'boarding')),
    models(pick, manufacturer, model) as (values (0, 'Aruba', 'AP-505'), (1, 'Cisco Meraki', 'MR36'), (2, 'Ubiquiti', 'UniFi U6 Pro')),
    placed as (
      select t.*, m.manufacturer, m.model,
             (date '2025-08-25' - ((abs(hashtext(t.uai || 'wifi-year')) % 6) * 365 || ' days')::interval)::date as bought
        from teaching t join models m on m.pick = abs(hashtext(t.uai)) % 3
       where t.name = 'CDI' or abs(hashtext(t.uai || t.name)) % 100 < t.coverage)
    insert into parc.assets (tenant_id, establishment_id, room_id, class, status, name, serial, manufacturer, model, owner_kind,
                             funding_source, supplier, purchase_date, purchase_price, warranty_end, search_text)
    select ${tenantId}, establishment_id, id, 'wifi-access-point', 'in-service', 'WAP-' || uai || '-' || name,
           'DEMOAP' || upper(substr(md5(uai || name), 1, 10)), manufacturer, model, 'authority',
           'own-budget', 'Titulaire du marché (démo)', bought, 310, bought + interval '5 years',
           lower('DEMOAP' || upper(substr(md5(uai || name), 1, 10)) || ' ' || uai || ' ' || name)
      from placed`);
}
