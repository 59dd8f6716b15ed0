import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../../access/index.js';
import { agentCredentials, inventorySettings } from '../db/schema.js';
import { normalizeGlpiJson, parseGlpiMessage, validateGlpiInventory } from '../inventory/index.js';
import { ingestReport } from '../operations/ingest-report.js';
import { placeDemoAccessPoints } from './seed-wifi-demo.js';
import { bulkDatabase, type Ctx } from '../../../server/platform/context.js';
import type { Database } from '../../../server/platform/db.js';

const examples = fileURLToPath(new URL('../../../../fixtures/inventory/glpi-inventory-format/examples/', import.meta.url));

/**
 * The Région's fleet for the demo: agents accepted by tag (as the issue asks for Hauts-de-France),
 * one agent account, the real GLPI example computers attached to schools, and a generated
 * administrative fleet (classes, ages, warranties, statuses) spread over every lycée.
 */
export async function seedParcDemo(ctx: Ctx, options: { tenantId: string; tenantCode: string; password: string; funder: string }) {
  const database = bulkDatabase(ctx);
  const { tenantId } = options;
  // the README's demo: agents by tag, without credentials (new authorities start with credentials required)
  await ctx.db.insert(inventorySettings).values({ tenantId, requireCredentials: false, acceptTaggedAgents: true, staleAfterDays: 30 });
  await ctx.db.insert(agentCredentials).values({
    tenantId,
    username: `${options.tenantCode}/agents`,
    passwordHash: await hashPassword(options.password),
    label: 'Agents des lycées (démo)',
  });
  await ingestExamples(ctx, database, tenantId);
  await generateFleet(ctx, tenantId, options.funder);
  await placeDemoAccessPoints(ctx, tenantId);
}

async function ingestExamples(ctx: Ctx, database: Database, tenantId: string) {
  const uais = await ctx.db.execute(sql`select uai from referentiel.establishments_view where tenant_id = ${tenantId} and unit_id is not null order by uai limit 12`);
  const schools = (uais as unknown as { rows: { uai: string }[] }).rows.map((r) => r.uai);
  const files = readdirSync(examples).filter((f) => /^computer_\d\.json$/.test(f));
  let i = 0;
  for (const file of files) {
    const message = parseGlpiMessage(readFileSync(examples + file, 'utf8'));
    if (message.action === 'contact') continue;
    const report = { ...normalizeGlpiJson(validateGlpiInventory(message.document)), tag: schools[i++ % schools.length] };
    await ingestReport(ctx, { tenantId, report, storeLastUser: false });
  }
}

/** About 3,000 devices over the lycées, set-based: ages over eight years so renewal has work. */
async function generateFleet(ctx: Ctx, tenantId: string, funder: string) {
  await ctx.db.execute(sql`
    with schools as (select id, uai, row_number() over (order by uai) as n from referentiel.establishments_view where tenant_id = ${tenantId}),
    kinds(class, share, life, price) as (values
      ('desktop', 6, 5, 720), ('laptop', 3, 5, 890), ('tablet', 3, 4, 420), ('projector', 1, 6, 650),
      ('interactive-display', 1, 8, 2900), ('printer', 1, 6, 380), ('wifi-access-point', 1, 6, 310), ('switch', 1, 8, 1200)),
    slots as (select k.*, g from kinds k cross join generate_series(1, k.share) g),
    -- models schools buy, by class: a device's model comes from its class, never a random brand
    catalogue(class, pick, manufacturer, model) as (values
      ('desktop', 0, 'Dell', 'OptiPlex 7010'), ('desktop', 1, 'HP', 'ProDesk 400 G7'), ('desktop', 2, 'Lenovo', 'ThinkCentre M70q'),
      ('laptop', 0, 'Dell', 'Latitude 3540'), ('laptop', 1, 'HP', 'ProBook 450 G9'), ('laptop', 2, 'Lenovo', 'ThinkPad E14'),
      ('tablet', 0, 'Apple', 'iPad (9e génération)'), ('tablet', 1, 'Samsung', 'Galaxy Tab A8'), ('tablet', 2, 'Lenovo', 'Tab M10'),
      ('projector', 0, 'Epson', 'EB-W51'), ('projector', 1, 'Epson', 'EB-695Wi'), ('projector', 2, 'BenQ', 'MW560'),
      ('interactive-display', 0, 'Samsung', 'Flip 3 WM65B'), ('interactive-display', 1, 'Promethean', 'ActivPanel 9 65"'), ('interactive-display', 2, 'Speechi', 'SpeechiTouch 75"'),
      ('printer', 0, 'HP', 'LaserJet Pro M404dn'), ('printer', 1, 'Brother', 'HL-L5100DN'), ('printer', 2, 'Kyocera', 'ECOSYS P3145dn'),
      ('wifi-access-point', 0, 'Aruba', 'AP-505'), ('wifi-access-point', 1, 'Cisco Meraki', 'MR36'), ('wifi-access-point', 2, 'Ubiquiti', 'UniFi U6 Pro'),
      ('switch', 0, 'Aruba', '2930F 48G'), ('switch', 1, 'Cisco', 'Catalyst 9200L'), ('switch', 2, 'HPE', 'OfficeConnect 1920S')),
    -- systems installed when imaged (known without an agent), by class
    systems(class, pick, os_name, os_version) as (values
      ('desktop', 0, 'Windows 11 Éducation', '23H2'), ('desktop', 1, 'Windows 10 Éducation', '22H2'), ('desktop', 2, 'Ubuntu', '22.04 LTS'),
      ('laptop', 0, 'Windows 11 Éducation', '23H2'), ('laptop', 1, 'Windows 11 Éducation', '22H2'), ('laptop', 2, 'Windows 10 Éducation', '22H2'),
      ('tablet', 0, 'iPadOS', '17'), ('tablet', 1, 'Android', '13'), ('tablet', 2, 'Android', '12')),
    devices as (
      select s.id as school, s.uai, sl.class, sl.life, sl.price, sl.g as d,
             (date '2026-09-01' - ((abs(hashtext(s.uai || sl.class || sl.g)) % (8 * 365)) || ' days')::interval)::date as bought
        from schools s cross join slots sl)
    insert into parc.assets (tenant_id, establishment_id, class, status, name, serial, inventory_number, manufacturer, model,
                             owner_kind, funder, funding_source, supplier, order_reference, purchase_date, purchase_price, warranty_end, search_text,
                             os_name, os_version)
    select ${tenantId}, school, class,
           case when bought < date '2018-09-01' then 'retired' when abs(hashtext(uai || class || 's')) % 40 = 0 then 'in-repair' else 'in-service' end,
           upper(left(class, 3)) || '-' || uai || '-' || row_number() over (partition by school order by class),
           'DEMO' || upper(substr(md5(uai || class || bought), 1, 10)),
           'INV-' || uai || '-' || lpad((row_number() over (partition by school order by class, bought))::text, 4, '0'),
           (select c.manufacturer from catalogue c where c.class = devices.class and c.pick = abs(hashtext(uai || class)) % 3),
           (select c.model from catalogue c where c.class = devices.class and c.pick = abs(hashtext(uai || class)) % 3),
           'authority', ${funder},
           (array['own-budget', 'own-budget', 'feder', 'eib'])[1 + abs(hashtext(uai || bought)) % 4],
           'Titulaire du marché (démo)', 'BC-' || to_char(bought, 'YYYY') || '-' || lpad((abs(hashtext(uai)) % 1000)::text, 3, '0'),
           bought, price, bought + interval '3 years',
           lower('DEMO' || upper(substr(md5(uai || class || bought), 1, 10)) || ' ' || uai),
           (select y.os_name from systems y where y.class = devices.class and y.pick = abs(hashtext(uai || class || d)) % 3),
           (select y.os_version from systems y where y.class = devices.class and y.pick = abs(hashtext(uai || class || d)) % 3)
      from devices`);
}
