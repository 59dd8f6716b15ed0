import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../modules/access/index.js';
import { agentCredentials, inventorySettings } from '../modules/parc/db/schema.js';
import { normalizeGlpiJson, parseGlpiMessage, validateGlpiInventory } from '../modules/parc/inventory/index.js';
import { ingestReport } from '../modules/parc/operations/ingest-report.js';
import type { Ctx } from '../server/platform/context.js';
import type { Database } from '../server/platform/db.js';

const examples = fileURLToPath(new URL('../../fixtures/inventory/glpi-inventory-format/examples/', import.meta.url));

/**
 * The Région's fleet for the demo: agents accepted by tag (as the issue asks for Hauts-de-France),
 * one agent account, the real GLPI example computers attached to schools, and a generated
 * administrative fleet (classes, ages, warranties, statuses) spread over every lycée.
 */
export async function seedParcDemo(ctx: Ctx, database: Database, options: { tenantId: string; tenantCode: string; password: string }) {
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
  await generateFleet(ctx, tenantId);
}

async function ingestExamples(ctx: Ctx, database: Database, tenantId: string) {
  const uais = await ctx.db.execute(sql`select uai from referentiel.establishments where tenant_id = ${tenantId} and unit_id is not null order by uai limit 12`);
  const schools = (uais as unknown as { rows: { uai: string }[] }).rows.map((r) => r.uai);
  const files = readdirSync(examples).filter((f) => /^computer_\d\.json$/.test(f));
  let i = 0;
  for (const file of files) {
    const message = parseGlpiMessage(readFileSync(examples + file, 'utf8'));
    if (message.action === 'contact') continue;
    const report = { ...normalizeGlpiJson(validateGlpiInventory(message.document)), tag: schools[i++ % schools.length] };
    await ingestReport(ctx, database, { tenantId, report, storeLastUser: false });
  }
}

/** About 3,000 devices over the lycées, set-based: ages over eight years so renewal has work. */
async function generateFleet(ctx: Ctx, tenantId: string) {
  await ctx.db.execute(sql`
    with schools as (select id, uai, row_number() over (order by uai) as n from referentiel.establishments where tenant_id = ${tenantId}),
    kinds(class, share, life, price) as (values
      ('desktop', 6, 5, 720), ('laptop', 3, 5, 890), ('tablet', 3, 4, 420), ('projector', 1, 6, 650),
      ('interactive-display', 1, 8, 2900), ('printer', 1, 6, 380), ('wifi-access-point', 1, 6, 310), ('switch', 1, 8, 1200)),
    slots as (select k.*, g from kinds k cross join generate_series(1, k.share) g),
    devices as (
      select s.id as school, s.uai, sl.class, sl.life, sl.price, sl.g as d,
             (date '2026-09-01' - ((abs(hashtext(s.uai || sl.class || sl.g)) % (8 * 365)) || ' days')::interval)::date as bought
        from schools s cross join slots sl)
    insert into parc.assets (tenant_id, establishment_id, class, status, name, serial, inventory_number, manufacturer, model,
                             owner_kind, funder, funding_source, supplier, order_reference, purchase_date, purchase_price, warranty_end, search_text)
    select ${tenantId}, school, class,
           case when bought < date '2018-09-01' then 'retired' when abs(hashtext(uai || class || 's')) % 40 = 0 then 'in-repair' else 'in-service' end,
           upper(left(class, 3)) || '-' || uai || '-' || row_number() over (partition by school order by class),
           'DEMO' || upper(substr(md5(uai || class || bought), 1, 10)),
           'INV-' || uai || '-' || lpad((row_number() over (partition by school order by class, bought))::text, 4, '0'),
           (array['Dell', 'HP', 'Lenovo', 'Epson', 'Samsung', 'Aruba'])[1 + abs(hashtext(uai || class)) % 6],
           initcap(class) || ' ' || (2018 + abs(hashtext(uai)) % 8),
           'authority', 'Région Hauts-de-France',
           (array['own-budget', 'own-budget', 'feder', 'eib'])[1 + abs(hashtext(uai || bought)) % 4],
           'Titulaire du marché (démo)', 'BC-' || to_char(bought, 'YYYY') || '-' || lpad((abs(hashtext(uai)) % 1000)::text, 3, '0'),
           bought, price, bought + interval '3 years',
           lower('DEMO' || upper(substr(md5(uai || class || bought), 1, 10)) || ' ' || uai)
      from devices`);
}
