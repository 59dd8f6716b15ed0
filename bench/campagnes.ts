import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { DateTime } from 'luxon';
import pg from 'pg';
import { seedDemo } from '../src/demo/seed-demo.js';
import { modules } from '../src/modules/modules.js';
import { registerActions } from '../src/server/platform/authz.js';
import { migrateDatabase, openDatabase } from '../src/server/platform/db.js';
import { CpuMeter } from './lib/inventory-cpu.js';
import { closedLoop, KeepAliveClient, type Call, type ClosedLoopResult } from './lib/load.js';
import { ensurePostgres, recreateDatabase } from './lib/postgres.js';
import { login, startServer } from './lib/server.js';
import { ms, printTable, seconds, type BenchRow } from './lib/table.js';

/**
 * Calls for projects at a season's scale (issue 12, « Speed »), on the PostgreSQL server with the
 * demo tenants present (a scratch database, seeded each run):
 * - 20,000 family aid files added with SQL (generate_series) to Grand Est's « Lycée 4.0 » campaign,
 *   in every state, with their answers and the aid's figures;
 * - the instructors' list (GET /api/campaigns/{campaign}/dossiers, pages of 50, filtered by state
 *   or not) at 50 clients: p95 < 50 ms;
 * - the XLSX export of all files with every answer as a column, through the route, streamed:
 *   < 10 s, the server's peak resident memory printed (VmHWM);
 * - file submissions (POST /api/dossiers/{id}/submission: validation, routing, history) on a
 *   project call of Hauts-de-France whose drafts are seeded with SQL, 64 clients: ≥ 300 /s.
 *
 * Alone: npx tsx bench/campagnes.ts [files] [seconds per scenario]
 */

export interface CampagnesBenchOptions {
  serverUrl: string;
  files?: number;
  durationMs?: number;
  log?: (line: string) => void;
}

const databaseName = 'coherence_bench_campagnes';
export const password = 'Banc-Campagnes-2026!';
const listClients = 50;
const submitClients = 64;
export const accounts = {
  grandEst: 'authority-admin.grand-est@demo.coherence.fr',
  admin: 'authority-admin.hauts-de-france@demo.coherence.fr',
  staff: 'establishment-staff.hauts-de-france@demo.coherence.fr',
};
const load1 = () => loadavg()[0].toFixed(1);

function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** The demo, then `files` family files in Grand Est's campaign, written by PostgreSQL itself. */
export async function seed(databaseUrl: string, files: number): Promise<string> {
  registerActions(modules.map((m) => m.actions));
  const database = await openDatabase({ url: databaseUrl, poolSize: 4 });
  try {
    await migrateDatabase(database);
    await seedDemo(database, modules, { password });
  } finally {
    await database.close();
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const found = await client.query<{ tenant_id: string; id: string; next: number; form: string }>(
      `select c.tenant_id, c.id, c.next_dossier_number as next, f.id as form from campagnes.campaigns c
         join campagnes.form_versions f on f.tenant_id = c.tenant_id and f.campaign_id = c.id and f.published_at is not null
        where c.code = 'lycee40-equipement' order by f.number desc limit 1`,
    );
    const c = found.rows[0];
    if (!c) throw new Error('Campagne Lycée 4.0 absente de la démo.');
    // states spread as a season ends; answers as the family aid's submission writes them
    await client.query(
      `with s as (
         select g, gen_random_uuid() as id,
                (array['en_construction','en_construction','en_instruction','en_instruction','accepte','accepte','accepte','refuse','classe_sans_suite','brouillon'])[1 + g % 10] as state,
                (array['tablette','portable','portable','portable','cao'])[1 + (g * 7) % 5] as device,
                now() - (g % 90) * interval '1 day' as at
           from generate_series($4::int, $4::int + $5::int - 1) g
       ), d as (
         insert into campagnes.dossiers (tenant_id, id, campaign_id, number, form_version_id, state, applicant_label, answers, created_at, updated_at, submitted_at, instruction_at, decided_at)
         select $1, id, $2, g, $3, state, 'Famille Banc ' || g,
                case when state = 'brouillon' then '{}'::jsonb else jsonb_build_object('device', device, 'instalments', 1 + g % 12, 'insurance', g % 3 = 0) end,
                at, at,
                case when state = 'brouillon' then null else at end,
                case when state in ('brouillon','en_construction') then null else at end,
                case when state in ('accepte','refuse','classe_sans_suite') then at end
           from s returning id
       )
       insert into campagnes.family_aid_files (tenant_id, dossier_id, campaign_id, family_user_id, establishment_id, pupil_first_name, pupil_last_name, pupil_class, device_code, price_cents, household_income_cents, aid_cents, family_cents, insurance, instalments, touched_at)
       select $1, s.id, $2, gen_random_uuid(),
              (select e.id from referentiel.establishments e where e.tenant_id = $1 order by e.uai offset (s.g % 50) limit 1),
              'Élève', 'Banc ' || s.g, (array['2nde','1re','Tle'])[1 + s.g % 3], s.device,
              case s.device when 'tablette' then 37900 when 'portable' then 44900 else 89900 end,
              900000 + (s.g * 7919) % 9000000,
              case s.device when 'tablette' then 18950 else 22500 end,
              case s.device when 'tablette' then 18950 when 'portable' then 22400 else 67400 end,
              s.g % 3 = 0, 1 + s.g % 12, s.at
         from s`,
      [c.tenant_id, c.id, c.form, c.next, files],
    );
    await client.query('update campagnes.campaigns set next_dossier_number = $1 where tenant_id = $2 and id = $3', [c.next + files, c.tenant_id, c.id]);
    // a season's files are not all written a second ago: vacuumed (visibility map set) as autovacuum soon leaves them
    await client.query('vacuum analyze campagnes.dossiers');
    await client.query('vacuum analyze campagnes.family_aid_files');
    return c.id;
  } finally {
    await client.end();
  }
}

type Json = Record<string, unknown>;

/** One JSON call as someone: through HTTP here, through `app.inject` in the CPU bench. */
export type JsonCall = (method: string, path: string, headers: Record<string, string>, body?: unknown) => Promise<{ status: number; json: Json }>;

export const fetchCall =
  (baseUrl: string): JsonCall =>
  async (method, path, headers, body) => {
    const r = await fetch(`${baseUrl}${path}`, { method, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return { status: r.status, json: (await r.json()) as Json };
  };

/** A published project call of Hauts-de-France open today, a short form without documents, one default group. */
export async function projectCall(send: JsonCall, headers: Record<string, string>): Promise<string> {
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await send(method, path, headers, body);
    if (r.status >= 300) throw new Error(`${method} ${path} : ${r.status} ${JSON.stringify(r.json)}`);
    return r.json;
  };
  const today = DateTime.now().setZone('Europe/Paris');
  const dates = { opensOn: today.toISODate()!, closesOn: today.plus({ days: 30 }).toISODate()! };
  const campaign = await call('POST', '/api/campaigns', { code: `banc-${Date.now()}`, kind: 'project', title: 'Banc : tablettes pour projets', ...dates, budgetCents: 10_000_000 });
  const id = campaign.id as string;
  const draft = await call('POST', `/api/campaigns/${id}/form/draft`);
  const fields = [
    { key: 'titre', kind: 'text', label: 'Titre du projet', required: true },
    { key: 'eleves', kind: 'integer', label: 'Élèves concernés', required: true, min: 1 },
    { key: 'chariot', kind: 'yesno', label: 'Chariot mobile ?', required: true },
    { key: 'nb_tablettes', kind: 'integer', label: 'Nombre de tablettes', required: true, condition: { mode: 'and', clauses: [{ field: 'chariot', op: 'equals', value: true }] } },
  ];
  const saved = await call('PUT', `/api/campaigns/${id}/form`, { fields, annotationFields: [], version: draft.version });
  await call('POST', `/api/campaigns/${id}/form/publication`, { version: saved.version });
  await call('PUT', `/api/campaigns/${id}/groups`, { groups: [{ name: 'Tous', priority: 1, isDefault: true, memberUserIds: [] }] });
  await call('PUT', `/api/campaigns/${id}`, {
    title: campaign.title,
    description: '',
    ...dates,
    budgetCents: 10_000_000,
    retentionMonths: 12,
    eligibility: { natureCodes: [], unitIds: [], establishmentIds: [] },
    grid: [],
    partnerIds: [],
    status: 'published',
    version: campaign.version,
  });
  return id;
}

/** `count` drafts of the staff's school, copied from one started through the route, answers complete. */
export async function seedDrafts(send: JsonCall, databaseUrl: string, staff: Record<string, string>, campaignId: string, count: number): Promise<string[]> {
  const r = await send('POST', `/api/campaigns/${campaignId}/dossiers`, staff, {});
  if (r.status !== 201) throw new Error(`brouillon refusé : ${r.status} ${JSON.stringify(r.json)}`);
  const first = r.json as { id: string };
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const inserted = await client.query<{ id: string }>(
      `insert into campagnes.dossiers (tenant_id, id, campaign_id, number, form_version_id, state, establishment_id, applicant_user_id, applicant_label, answers, created_at, updated_at)
       select d.tenant_id, gen_random_uuid(), d.campaign_id, d.number + g, d.form_version_id, 'brouillon', d.establishment_id, d.applicant_user_id, d.applicant_label,
              jsonb_build_object('titre', 'Projet ' || g, 'eleves', 20 + g % 100, 'chariot', g % 2 = 0, 'nb_tablettes', 15),
              now(), now()
         from campagnes.dossiers d, generate_series(1, $2::int) g where d.id = $1 returning id`,
      [first.id, count],
    );
    await client.query('update campagnes.campaigns set next_dossier_number = next_dossier_number + $1 where id = $2', [count, campaignId]);
    return inserted.rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}

/** A closed loop whose clients each run `before` (awaited) ahead of every request; latencies are the requests' own. */
async function uncachedLoop(client: KeepAliveClient, clients: number, durationMs: number, next: () => Call, before: () => Promise<void>): Promise<ClosedLoopResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const end = start + durationMs;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        await before();
        const t0 = performance.now();
        const response = await client.request(next()).catch((error: unknown) => ({ status: 0, body: String(error) }));
        latencies.push(performance.now() - t0);
        if (response.status !== 200) {
          errors++;
          firstError ??= `${response.status} ${response.body.slice(0, 300)}`;
        }
      }
    }),
  );
  const elapsedMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil((p / 100) * latencies.length) - 1))] ?? NaN;
  return {
    requests: latencies.length,
    errors,
    firstError,
    elapsedMs,
    perSecond: (latencies.length / elapsedMs) * 1000,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: latencies.at(-1) ?? NaN,
    clientCpuMs: (used.user + used.system) / 1000 / Math.max(1, latencies.length),
  };
}

export async function benchCampagnes(options: CampagnesBenchOptions): Promise<BenchRow[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const files = options.files ?? 20_000;
  const durationMs = options.durationMs ?? 10_000;
  const scale = files / 20_000;
  const out: BenchRow[] = [{ measure: 'charge de la machine au départ (load average 1 min, 2 cœurs)', value: load1(), target: '—', ok: null }];

  const databaseUrl = await recreateDatabase(options.serverUrl, databaseName);
  log(`  démo puis ${files.toLocaleString('fr-FR')} dossiers d’aide aux familles dans ${databaseName}…`);
  const seedStart = performance.now();
  const aidCampaign = await seed(databaseUrl, files);
  out.push({ measure: 'démo et dossiers d’aide chargés (SQL generate_series)', value: `${files.toLocaleString('fr-FR')} en ${seconds(performance.now() - seedStart)}`, target: '20 000', ok: files >= 20_000 ? true : null });

  const server = await startServer({ DATABASE_URL: databaseUrl });
  const clients: KeepAliveClient[] = [];
  // CPU per request, which the machine's load does not change: the server process and its PostgreSQL backends, from /proc
  const cpuClient = new pg.Client({ connectionString: databaseUrl });
  await cpuClient.connect();
  const meter = new CpuMeter(server.pid, cpuClient, databaseName);
  const metered = async (run: () => Promise<ClosedLoopResult>) => {
    const mark = await meter.snapshot();
    const result = await run();
    const spent = await meter.since(mark);
    const per = (value: number) => (value / Math.max(1, result.requests)).toFixed(2);
    return { result, cpu: `serveur ${per(spent.serverMs)} ms + PostgreSQL ${per(spent.databaseMs)} ms par requête, banc ${result.clientCpuMs.toFixed(2)} ms` };
  };
  try {
    const as = async (email: string) => ({ cookie: await login(server.baseUrl, email, password) });
    const grandEst = await as(accounts.grandEst);
    const lists = new KeepAliveClient(server.baseUrl, listClients, grandEst);
    clients.push(lists);
    const pages = Math.max(1, Math.floor(files / 50));
    const states = [undefined, undefined, 'en_construction', 'en_instruction', 'accepte'];
    const listCall = () => {
      const state = states[Math.floor(Math.random() * states.length)];
      const page = 1 + Math.floor(Math.random() * Math.min(pages, 20));
      return { method: 'GET' as const, path: `/api/campaigns/${aidCampaign}/dossiers?pageSize=50&page=${page}${state ? `&state=${state}` : ''}` };
    };
    log(`  liste des instructeurs (préchauffage, puis ${listClients} clients, ${seconds(durationMs)})…`);
    await closedLoop({ client: lists, clients: 8, durationMs: 2000, next: listCall, expected: 200 });
    const { result: listed, cpu: listCpu } = await metered(() => closedLoop({ client: lists, clients: listClients, durationMs, next: listCall, expected: 200 }));
    const listLabel = `liste des dossiers d’une campagne (${files.toLocaleString('fr-FR')} dossiers, pages de 50, ${listClients} clients)`;
    out.push(
      { measure: `${listLabel} : p95`, value: `${ms(listed.p95)} (p50 ${ms(listed.p50)}, ${Math.round(listed.perSecond)} req/s, charge ${load1()})`, target: '< 50 ms', ok: listed.p95 < 50 && listed.errors === 0 },
      { measure: 'liste : CPU par requête', value: listCpu, target: '—', ok: null },
      ...(listed.errors ? [{ measure: 'liste : erreurs', value: `${listed.errors} (${listed.firstError})`, target: '0', ok: false }] : []),
    );

    // the same pages without the list's caches (the campaign with the reader's standing, the totals), as after every write:
    // each client empties them through the caches' own channel (PostgreSQL NOTIFY) before each request
    log(`  liste sans cache (${listClients} clients, ${seconds(durationMs)})…`);
    const notifier = new pg.Pool({ connectionString: databaseUrl, max: 8 });
    const empty = JSON.stringify([{ from: 'banc', name: 'campagnes-dossier-totals' }, { from: 'banc', name: 'campagnes-listed-campaigns' }].map((n) => JSON.stringify(n)));
    const { result: bare, cpu: bareCpu } = await metered(() => uncachedLoop(lists, listClients, durationMs, listCall, () => notifier.query(`select pg_notify('coherence_cache', n) from json_array_elements_text($1::json) n`, [empty]).then(() => undefined)));
    await notifier.end();
    out.push(
      { measure: `${listLabel}, sans cache (campagne et total relus à chaque page) : p95`, value: `${ms(bare.p95)} (p50 ${ms(bare.p50)}, ${Math.round(bare.perSecond)} req/s, charge ${load1()})`, target: '< 50 ms', ok: bare.p95 < 50 && bare.errors === 0 },
      { measure: 'liste sans cache : CPU par requête (avec le NOTIFY du banc)', value: bareCpu, target: '—', ok: null },
      ...(bare.errors ? [{ measure: 'liste sans cache : erreurs', value: `${bare.errors} (${bare.firstError})`, target: '0', ok: false }] : []),
    );

    log('  export XLSX de tous les dossiers…');
    // what the server holds before the export (its baseline after the list's load), to tell the export's own share
    const before = memoryOf(server.pid);
    let maxRss = 0;
    const sampler = setInterval(() => (maxRss = Math.max(maxRss, memoryOf(server.pid).rss)), 20);
    const started = performance.now();
    const response = await fetch(`${server.baseUrl}/api/campaigns/${aidCampaign}/dossiers/export?format=xlsx`, { headers: grandEst });
    let bytes = 0;
    if (!response.ok || !response.body) throw new Error(`export refusé (${response.status}) : ${await response.text()}`);
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
    const exportMs = performance.now() - started;
    clearInterval(sampler);
    const exported = Number(response.headers.get('x-export-rows'));
    // the floor scales with the files when the bench runs smaller
    const exportFloor = 10_000 * Math.min(1, scale);
    out.push(
      { measure: `export XLSX de ${exported.toLocaleString('fr-FR')} dossiers, toutes les réponses en colonnes (${(bytes / 1024 / 1024).toFixed(1)} Mo)`, value: `${seconds(exportMs)} (charge ${load1()})`, target: `< ${seconds(exportFloor)}`, ok: exportMs < exportFloor && exported >= files },
      {
        measure: 'export XLSX : mémoire résidente du serveur (avant l’export / max pendant / pic depuis le démarrage)',
        value: `${before.rss.toFixed(0)} Mo / ${maxRss.toFixed(0)} Mo / ${memoryOf(server.pid).peak.toFixed(0)} Mo`,
        target: '—',
        ok: null,
      },
    );

    log('  dépôts de dossiers…');
    const admin = await as(accounts.admin);
    const staff = await as(accounts.staff);
    const project = await projectCall(fetchCall(server.baseUrl), admin);
    const drafts = await seedDrafts(fetchCall(server.baseUrl), databaseUrl, staff, project, Math.max(500, Math.round(8000 * scale)));
    const submits = new KeepAliveClient(server.baseUrl, submitClients, staff);
    clients.push(submits);
    let next = 0;
    const submitCall = () => ({ method: 'POST' as const, path: `/api/dossiers/${drafts[next++ % drafts.length]}/submission`, body: '{"version":1}' });
    const warm = Math.min(200, Math.floor(drafts.length / 10));
    await closedLoop({ client: submits, clients: 8, durationMs: 2000, next: submitCall, expected: 200, maxRequests: warm });
    const { result: submitted, cpu: submitCpu } = await metered(() => closedLoop({ client: submits, clients: submitClients, durationMs, next: submitCall, expected: 200, maxRequests: drafts.length - warm }));
    const ranOut = submitted.requests >= drafts.length - warm;
    out.push(
      {
        measure: `dépôts POST /api/dossiers/{id}/submission (${submitClients} clients${ranOut ? ', brouillons épuisés avant la fin' : ''})`,
        value: `${Math.round(submitted.perSecond)} /s (p95 ${ms(submitted.p95)}, charge ${load1()})`,
        target: '≥ 300 /s',
        ok: submitted.perSecond >= 300 && submitted.errors === 0,
      },
      { measure: 'dépôts : CPU par requête', value: submitCpu, target: '—', ok: null },
      ...(submitted.errors ? [{ measure: 'dépôts : erreurs', value: `${submitted.errors} (${submitted.firstError})`, target: '0', ok: false }] : []),
    );
  } finally {
    for (const client of clients) client.close();
    await cpuClient.end();
    await server.stop();
  }
  out.push({ measure: 'charge de la machine à la fin (load average 1 min)', value: load1(), target: '—', ok: null });
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const postgres = await ensurePostgres();
  if (!postgres.ok) {
    console.log(`PostgreSQL indisponible : ${postgres.reason}`);
    process.exit(1);
  }
  const files = Number(process.argv[2] ?? 20_000);
  const durationMs = Number(process.argv[3] ?? 10) * 1000;
  const rows = await benchCampagnes({ serverUrl: postgres.url, files, durationMs });
  printTable(`Campagnes : ${files.toLocaleString('fr-FR')} dossiers d’aide aux familles sur PostgreSQL`, rows);
  process.exitCode = rows.some((r) => r.ok === false) ? 1 : 0;
}
