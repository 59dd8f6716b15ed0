import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { seedGrandEstMarches, seedHautsDeFranceMarches } from '../demo/seed-marches-demo.js';
import { currentSiteLinks } from '../index.js';
import { seedHautsDeFranceLinks } from '../links/demo/seed-links-demo.js';
import { broadbandContract, partnerBuyer } from '../testing.js';

let t: TestApp;
let nord: Awaited<ReturnType<typeof partnerBuyer>>;
let academyBuyer: Awaited<ReturnType<typeof partnerBuyer>>;
let outsider: Awaited<ReturnType<typeof partnerBuyer>>;
let groupId: string;
let contract: { id: string; version: number; lots: { id: string; number: number }[] };

const as = async (who: 'authority-admin' | 'technician' | 'contractor' | 'auditor' | 'academy-staff') => t.headers(who);
const call = async (headers: Record<string, string>, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

beforeAll(async () => {
  t = await testApp({ clock: () => new Date('2026-01-15T09:00:00Z') });
  nord = await partnerBuyer(t, 'dep-nord', 'Département du Nord (essai)');
  academyBuyer = await partnerBuyer(t, 'ac-buyer', 'Académie', t.ids.academy.tenantId);
  outsider = await partnerBuyer(t, 'dep-aisne', "Département de l'Aisne (essai)");
  const admin = await as('authority-admin');
  const group = await call(admin, 'POST', '/api/purchasing-groups', {
    name: 'Groupement très haut débit',
    coordinatorOrganizationId: t.ids.a.tenantId,
    coordinatorSiret: '20005362300019',
    conventionTitle: 'Convention constitutive du groupement',
    members: [
      { organizationId: t.ids.a.tenantId, projectLeadName: 'Chef de projet Région' },
      { organizationId: nord.organizationId, projectLeadName: 'Cheffe de projet Nord', projectLeadEmail: 'cp.nord@essai.coherence.fr' },
      { organizationId: t.ids.academy.tenantId, projectLeadName: 'DRANE' },
    ],
  });
  expect(group.statusCode, group.body).toBe(201);
  groupId = group.json().id;
  const created = await call(admin, 'POST', '/api/contracts', {
    ...broadbandContract(t.ids.a.tenantId, { groupId }),
    lots: [
      { ...broadbandContract('x').lots[0], holderOrganizationId: t.ids.contractorOrg.tenantId },
      broadbandContract('x').lots[1],
    ],
  });
  expect(created.statusCode, created.body).toBe(201);
  contract = created.json();
}, 60_000);
afterAll(() => t?.close());

describe('contracts', () => {
  it('refuses an invalid SIRET or CPV code with the field named, and creates nothing', async () => {
    const admin = await as('authority-admin');
    const bad = await call(admin, 'POST', '/api/contracts', broadbandContract(t.ids.a.tenantId, { buyerSiret: '20005362300018', cpvCode: '7240000-4' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/SIRET invalide/);
    expect(bad.body).toMatch(/Code CPV invalide/);
    // well formed, but not a code of the CPV 2008 (a wrong check digit, a made-up code)
    for (const cpvCode of ['72400000-5', '72499999-9']) {
      const unknown = await call(admin, 'POST', '/api/contracts', broadbandContract(t.ids.a.tenantId, { cpvCode, reference: `INCONNU-${cpvCode}` }));
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error).toMatchObject({ message: expect.stringContaining('ne figure pas dans la nomenclature CPV 2008'), issues: [{ path: 'cpvCode', message: 'Code absent de la nomenclature CPV 2008.' }] });
    }
    const list = await call(admin, 'GET', '/api/contracts');
    expect(list.json().total).toBe(1);
    // a draft's code changed to one off the list: refused, the code kept
    const draft = (await call(admin, 'POST', '/api/contracts', broadbandContract(t.ids.a.tenantId, { status: 'draft', lots: [] }))).json();
    const changed = await call(admin, 'PATCH', `/api/contracts/${draft.id}`, { version: draft.version, cpvCode: '72400000-5' });
    expect(changed.statusCode).toBe(400);
    expect(changed.json().error.issues).toEqual([{ path: 'cpvCode', message: 'Code absent de la nomenclature CPV 2008.' }]);
    const kept = (await call(admin, 'GET', `/api/contracts/${draft.id}`)).json();
    expect(kept).toMatchObject({ cpvCode: '72400000-4', version: draft.version });
    expect((await call(admin, 'DELETE', `/api/contracts/${draft.id}?version=${draft.version}`)).statusCode).toBe(204);
  });

  it('exposes the public contract: lots with ceiling, remaining and the prices in force', async () => {
    const admin = await as('authority-admin');
    const lot1 = contract.lots.find((l) => l.number === 1)!;
    const v1 = await call(admin, 'POST', `/api/lots/${lot1.id}/price-lists`, {
      validFrom: '2025-04-01',
      items: [
        { code: 'FIB10-FAS', label: 'Fibre 10 Mbit/s, frais de mise en service', unit: 'site', unitPriceExclTaxCents: 0, recurrence: 'one-off' },
        { code: 'FIB10-ABO', label: 'Fibre 10 Mbit/s, abonnement', unit: 'site/mois', unitPriceExclTaxCents: 60000, recurrence: 'monthly' },
      ],
    });
    expect(v1.statusCode, v1.body).toBe(201);
    const v2 = await call(admin, 'POST', `/api/lots/${lot1.id}/price-lists`, { validFrom: '2026-01-01', items: [{ code: 'FIB10-ABO', label: 'Fibre 10 Mbit/s, abonnement', unit: 'site/mois', unitPriceExclTaxCents: 57000, recurrence: 'monthly' }] });
    expect(v2.statusCode).toBe(201);
    const backdated = await call(admin, 'POST', `/api/lots/${lot1.id}/price-lists`, { validFrom: '2025-12-01', items: [{ code: 'X', label: 'X', unit: 'u', unitPriceExclTaxCents: 1, recurrence: 'one-off' }] });
    expect(backdated.statusCode).toBe(409);
    // an order dated D uses the prices in force on D
    const before = await call(admin, 'GET', `/api/lots/${lot1.id}/price-items?on=2025-12-31`);
    expect(before.json().items.map((i: { code: string; unitPriceExclTaxCents: number }) => [i.code, i.unitPriceExclTaxCents])).toEqual([['FIB10-ABO', 60000], ['FIB10-FAS', 0]]);
    const after = await call(admin, 'GET', `/api/lots/${lot1.id}/price-items?on=2026-01-01`);
    expect(after.json().items).toHaveLength(1);
    expect((await call(admin, 'GET', `/api/lots/${lot1.id}/price-items?on=2025-03-31`)).json().items).toEqual([]);

    const detail = (await call(admin, 'GET', `/api/contracts/${contract.id}`)).json();
    const lot = detail.lots[0];
    expect(Object.keys(lot)).toEqual(expect.arrayContaining(['id', 'number', 'title', 'maxExclTaxCents', 'remainingExclTaxCents', 'priceItems']));
    expect(lot).toMatchObject({ number: 1, maxExclTaxCents: 250_000_000, remainingExclTaxCents: 250_000_000 });
    expect(lot.priceItems[0]).toMatchObject({ code: 'FIB10-ABO', unitPriceExclTaxCents: 57000, recurrence: 'monthly' });
    expect(lot.priceLists.map((p: { revision: number }) => p.revision)).toEqual([1, 2]);
    expect(detail.savings).toMatchObject({ estimateCents: 1_000_000_000, awardedCents: 260_000_000, savingAtAwardCents: 740_000_000 });
    expect(detail.endsOn).toBe('2029-03-31');
    const list = (await call(admin, 'GET', '/api/contracts?area=59&kind=framework-orders')).json();
    expect(list).toMatchObject({ total: 1, items: [{ id: contract.id }] });
    expect((await call(admin, 'GET', '/api/contracts?area=67')).json().total).toBe(0);
  });

  it('publishes a price-list version as the web form sends it; refusals name their field and add no version', async () => {
    const admin = await as('authority-admin');
    const lot2 = contract.lots.find((l) => l.number === 2)!;
    const versions = async () => (await call(admin, 'GET', `/api/contracts/${contract.id}`)).json().lots.find((l: { id: string }) => l.id === lot2.id).priceLists;
    const item = { code: 'FIB100-ABO', label: 'Fibre 100 Mbit/s, abonnement', unit: 'site/mois', unitPriceExclTaxCents: 123_456, vatRateBp: 550, recurrence: 'monthly', warrantyMonths: null, cpvCode: '72411000-4' };
    // the form's euros (1 234,56 €) and percentage (5,5 %) arrive as cents and basis points
    const first = await call(admin, 'POST', `/api/lots/${lot2.id}/price-lists`, { validFrom: '2025-06-01', note: 'Bordereau initial', items: [item] });
    expect(first.statusCode, first.body).toBe(201);
    expect((await versions())[0]).toMatchObject({ revision: 1, validFrom: '2025-06-01', note: 'Bordereau initial', items: [{ code: 'FIB100-ABO', unitPriceExclTaxCents: 123_456, vatRateBp: 550, cpvCode: '72411000-4' }] });
    // an item's CPV code is checked against the CPV 2008 list like the contract's, on its own field
    const unlisted = await call(admin, 'POST', `/api/lots/${lot2.id}/price-lists`, { validFrom: '2025-09-01', items: [item, { ...item, code: 'PC', cpvCode: '30213000-4' }] });
    expect(unlisted.statusCode).toBe(400);
    expect(unlisted.json().error.issues).toEqual([{ path: 'items.1.cpvCode', message: 'Code absent de la nomenclature CPV 2008.' }]);
    const malformed = await call(admin, 'POST', `/api/lots/${lot2.id}/price-lists`, { validFrom: '2025-09-01', items: [{ ...item, cpvCode: '3021300' }] });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.issues.map((i: { path: string }) => i.path)).toContain('body.items.0.cpvCode');
    // the list filters on the start of a CPV code, the contract's or one of its items'
    const byCpv = async (cpv: string) => (await call(admin, 'GET', `/api/contracts?cpv=${cpv}`)).json();
    expect((await byCpv('72411')).items.map((c: { id: string }) => c.id)).toEqual([contract.id]);
    expect((await byCpv('7240')).total).toBe(1);
    expect((await byCpv('30213')).total).toBe(0);
    const badPrefix = await call(admin, 'GET', '/api/contracts?cpv=3x');
    expect(badPrefix.statusCode).toBe(400);
    expect(badPrefix.body).toContain('Début de code CPV');

    const twice = await call(admin, 'POST', `/api/lots/${lot2.id}/price-lists`, { validFrom: '2025-09-01', items: [item, { ...item, label: 'Autre' }] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.issues).toEqual([{ path: 'items.1.code', message: 'Code en double.' }]);
    const same = await call(admin, 'POST', `/api/lots/${lot2.id}/price-lists`, { validFrom: '2025-06-01', items: [item] });
    expect(same.statusCode).toBe(409);
    expect(same.json().error.issues).toEqual([{ path: 'validFrom', message: 'Date antérieure à la version en vigueur.' }]);
    expect(same.json().error.message).toContain('01/06/2025');
    const empty = await call(admin, 'POST', `/api/lots/${lot2.id}/price-lists`, { validFrom: '2025-09-01', items: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('au moins un prix');
    const negative = await call(admin, 'POST', `/api/lots/${lot2.id}/price-lists`, { validFrom: '2025-09-01', items: [{ ...item, unitPriceExclTaxCents: -1 }] });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.issues.map((i: { path: string }) => i.path)).toContain('body.items.0.unitPriceExclTaxCents');
    for (const headers of [nord.headers, await as('auditor'), await as('contractor')]) {
      expect((await call(headers, 'POST', `/api/lots/${lot2.id}/price-lists`, { validFrom: '2025-09-01', items: [item] })).statusCode).toBe(403);
    }
    expect((await call(outsider.headers, 'POST', `/api/lots/${lot2.id}/price-lists`, { validFrom: '2025-09-01', items: [item] })).statusCode).toBe(404);
    expect(await versions()).toHaveLength(1);
  });

  it('appends amendments with increasing numbers; a notified contract is not rewritten', async () => {
    const admin = await as('authority-admin');
    const lot2 = contract.lots.find((l) => l.number === 2)!;
    const first = await call(admin, 'POST', `/api/contracts/${contract.id}/amendments`, { signedOn: '2025-10-01', object: 'Hausse du maximum du lot 2', lotCeilings: [{ lotId: lot2.id, maxAmountCents: 200_000_000 }] });
    expect(first.statusCode, first.body).toBe(201);
    const second = await call(admin, 'POST', `/api/contracts/${contract.id}/amendments`, { signedOn: '2025-11-01', object: 'Prolongation', durationMonths: 30 });
    const body = second.json();
    expect(body.amendments.map((a: { number: number }) => a.number)).toEqual([1, 2]);
    expect(body.amendments[0].changes[0]).toMatchObject({ field: 'maxAmountCents', before: 180_000_000, after: 200_000_000 });
    expect(body.durationMonths).toBe(30);
    const rewrite = await call(admin, 'PATCH', `/api/contracts/${contract.id}`, { version: body.version, estimateCents: 1 });
    expect(rewrite.statusCode).toBe(409);
    const stale = await call(admin, 'PATCH', `/api/contracts/${contract.id}`, { version: 1, theme: 'Réseaux et télécoms' });
    expect(stale.statusCode).toBe(409);
    const ok = await call(admin, 'PATCH', `/api/contracts/${contract.id}`, { version: body.version, theme: 'Réseaux et télécoms' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await call(admin, 'DELETE', `/api/contracts/${contract.id}?version=${ok.json().version}`)).statusCode).toBe(409);
  });

  it('exports the DECP 2.0.3 of the year, valid against the official schema', async () => {
    const response = await call(await as('authority-admin'), 'GET', '/api/decp.json?year=2025');
    expect(response.statusCode).toBe(200);
    const decp = response.json();
    const schema = JSON.parse(readFileSync(new URL('../decp/schema_decp_v2.0.3.json', import.meta.url), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const valid = ajv.validate(schema, decp);
    expect(ajv.errors ?? [], JSON.stringify(ajv.errors)).toEqual([]);
    expect(valid).toBe(true);
    const records = decp.marches.marche;
    expect(records).toHaveLength(2);
    expect(records.every((r: { id: string }) => r.id.length <= 16)).toBe(true);
    expect(records[0]).toMatchObject({ acheteur: { id: '20005362300019' }, dureeMois: 48, montant: 2_500_000 });
    const lot2 = records[1];
    expect(lot2.montant).toBe(1_800_000); // as first published
    expect(lot2.modifications).toEqual([
      { modification: expect.objectContaining({ id: 1, montant: 2_000_000, dateNotificationModification: '2025-10-01' }) },
      { modification: expect.objectContaining({ id: 2, dureeMois: 54 }) },
    ]);
    expect((await call(await as('authority-admin'), 'GET', '/api/decp.json?year=2024')).json()).toEqual({ marches: { marche: [] } });
  });

  it('exports contracts, lots and price lists as CSV and XLSX', async () => {
    const admin = await as('authority-admin');
    const csv = await call(admin, 'GET', '/api/contracts/export?format=csv&what=price-lists');
    expect(csv.statusCode).toBe(200);
    expect(csv.body.startsWith('\uFEFFMarché;Lot;Version')).toBe(true);
    expect(csv.body).toContain('FIB10-ABO');
    const [header, ...rows] = csv.body.slice(1).split('\r\n').slice(0, -1).map((line) => line.split(';'));
    expect(header.at(-1)).toBe('Code CPV');
    // an item without its own code carries the contract's; one with its own, its own
    expect(rows.find((r) => r[4] === 'FIB10-ABO')!.at(-1)).toBe('72400000-4');
    expect(rows.find((r) => r[4] === 'FIB100-ABO')!.at(-1)).toBe('72411000-4');
    const xlsx = await call(admin, 'GET', '/api/contracts/export?format=xlsx&what=lots');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('who sees what', () => {
  it('a member sees the group contracts, a holder only the lots it holds, a stranger nothing', async () => {
    const member = await call(nord.headers, 'GET', '/api/contracts');
    expect(member.json().total).toBe(1);
    const holder = await call(await as('contractor'), 'GET', `/api/contracts/${contract.id}`);
    expect(holder.statusCode).toBe(200);
    expect(holder.json().lots.map((l: { number: number }) => l.number)).toEqual([1]);
    expect(holder.json().can.manage).toBe(false);
    expect((await call(outsider.headers, 'GET', `/api/contracts/${contract.id}`)).statusCode).toBe(404);
    expect((await call(outsider.headers, 'GET', '/api/contracts')).json().total).toBe(0);
    expect((await call(await t.headers('admin-b'), 'GET', `/api/contracts/${contract.id}`)).statusCode).toBe(404);
    expect((await call(await as('auditor'), 'GET', `/api/contracts/${contract.id}`)).statusCode).toBe(200);
  });
  it('only the buyer changes a contract', async () => {
    const change = { version: 99, theme: 'x' };
    expect((await call(nord.headers, 'PATCH', `/api/contracts/${contract.id}`, change)).statusCode).toBe(403);
    expect((await call(await as('auditor'), 'PATCH', `/api/contracts/${contract.id}`, change)).statusCode).toBe(403);
    expect((await call(await as('contractor'), 'POST', '/api/contracts', broadbandContract(t.ids.contractorOrg.tenantId))).statusCode).toBe(403);
  });
});

describe('purchasing group decisions', () => {
  const propose = (headers: Record<string, string>, title: string, extra: object = {}) =>
    call(headers, 'POST', `/api/purchasing-groups/${groupId}/decisions`, { kind: 'award-lot', title, ...extra });
  const latest = (body: { decisions: { id: string; version: number; status: string; title: string }[] }, title: string) => body.decisions.find((d) => d.title === title)!;

  it('is adopted only when every member approves, and keeps who voted what and when', async () => {
    const admin = await as('authority-admin');
    const proposed = await propose(admin, 'Attribution du lot 1');
    expect(proposed.statusCode, proposed.body).toBe(201);
    let decision = latest(proposed.json(), 'Attribution du lot 1');
    const vote = async (headers: Record<string, string>, v: 'approve' | 'reject') => {
      const r = await call(headers, 'POST', `/api/purchasing-groups/${groupId}/decisions/${decision.id}/votes`, { vote: v, version: decision.version });
      if (r.statusCode === 200) decision = latest(r.json(), 'Attribution du lot 1');
      return r;
    };
    expect((await vote(admin, 'approve')).statusCode).toBe(200);
    expect(decision.status).toBe('proposed');
    expect((await vote(admin, 'approve')).statusCode).toBe(409); // once per member
    expect((await vote(outsider.headers, 'approve')).statusCode).toBe(404); // not even visible to a non-member
    expect((await vote(nord.headers, 'approve')).statusCode).toBe(200);
    expect(decision.status).toBe('proposed');
    const last = await vote(academyBuyer.headers, 'approve');
    expect(last.statusCode, last.body).toBe(200);
    expect(decision.status).toBe('adopted');
    const votes = last.json().decisions.find((d: { id: string }) => d.id === decision.id).votes;
    expect(votes).toHaveLength(3);
    expect(votes.find((v: { organizationId: string }) => v.organizationId === t.ids.a.tenantId)).toMatchObject({ organizationId: t.ids.a.tenantId, vote: 'approve', votedAt: '2026-01-15T09:00:00.000Z' });
  });

  it('one vote against rejects; a member outside the vote role or a non-member cannot vote', async () => {
    const admin = await as('authority-admin');
    const body = (await propose(nord.headers, 'Révision du bordereau', { kind: 'amend-price-list' })).json();
    const decision = latest(body, 'Révision du bordereau');
    const against = await call(academyBuyer.headers, 'POST', `/api/purchasing-groups/${groupId}/decisions/${decision.id}/votes`, { vote: 'reject', version: decision.version });
    expect(latest(against.json(), 'Révision du bordereau').status).toBe('rejected');
    const closed = await call(admin, 'POST', `/api/purchasing-groups/${groupId}/decisions/${decision.id}/votes`, { vote: 'approve', version: decision.version + 1 });
    expect(closed.statusCode).toBe(409);
    expect((await call(await as('auditor'), 'POST', `/api/purchasing-groups/${groupId}/decisions/${decision.id}/votes`, { vote: 'approve', version: 2 })).statusCode).toBe(403);
  });

  it('admits a member once every member approved, and the new member then sees the contracts', async () => {
    const admit = { organizationId: outsider.organizationId, projectLeadName: 'Chef de projet Aisne' };
    let body = (await propose(await as('authority-admin'), 'Admission de l’Aisne', { kind: 'admit-member', admit })).json();
    for (const headers of [await as('authority-admin'), nord.headers, academyBuyer.headers]) {
      const d = latest(body, 'Admission de l’Aisne');
      body = (await call(headers, 'POST', `/api/purchasing-groups/${groupId}/decisions/${d.id}/votes`, { vote: 'approve', version: d.version })).json();
    }
    expect(latest(body, 'Admission de l’Aisne').status).toBe('adopted');
    expect(body.members.map((m: { organizationId: string }) => m.organizationId)).toContain(outsider.organizationId);
    expect((await call(outsider.headers, 'GET', '/api/contracts')).json().total).toBe(1);
  });
});

describe('demo', () => {
  it('loads the seeds’ contracts, listed by theme and area, and publishes a valid DECP', async () => {
    const tenants = new Map([['hauts-de-france', t.ids.a.tenantId], ['ac-lille', t.ids.academy.tenantId], ['grand-est', t.ids.b.tenantId]]);
    await seedHautsDeFranceMarches(t.ctx, tenants);
    await seedGrandEstMarches(t.ctx, tenants);
    const admin = await as('authority-admin');
    const broadband = (await call(admin, 'GET', '/api/contracts?search=HDF-2016-THD')).json().items[0];
    const detail = (await call(admin, 'GET', `/api/contracts/${broadband.id}`)).json();
    expect(detail.lots).toHaveLength(4);
    const fibre10 = detail.lots[0].priceItems.filter((i: { code: string }) => i.code.startsWith('FIB10-'));
    expect(fibre10.map((i: { unitPriceExclTaxCents: number; recurrence: string }) => [i.unitPriceExclTaxCents, i.recurrence])).toEqual([[60000, 'monthly'], [0, 'one-off']]);
    const b = await t.headers('admin-b');
    expect((await call(b, 'GET', '/api/contracts?theme=Câblage')).json().items[0].reference).toBe('GE-2017-CABLAGE');
    expect((await call(b, 'GET', '/api/contracts?area=Lorraine')).json().total).toBeGreaterThanOrEqual(1);
    const schema = JSON.parse(readFileSync(new URL('../decp/schema_decp_v2.0.3.json', import.meta.url), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    for (const year of [2017, 2018]) {
      const decp = (await call(b, 'GET', `/api/decp.json?year=${year}`)).json();
      expect(ajv.validate(schema, decp), JSON.stringify(ajv.errors)).toBe(true);
      expect(decp.marches.marche.length).toBeGreaterThan(0);
    }
  });

  it('gives each Nord-Pas-de-Calais lycée its link and history, which the steering reads through the index', async () => {
    const tenants = new Map([['hauts-de-france', t.ids.a.tenantId]]);
    await seedHautsDeFranceLinks(t.ctx, tenants);
    const admin = await as('authority-admin');
    const current = (await call(admin, 'GET', '/api/site-links?pageSize=500')).json();
    // the académie de Lille's lycées (Nord, Pas-de-Calais), by UAI; the Somme's are not in the group's contract
    const inGroup = t.ids.establishments.unit1.map((e) => e.uai);
    expect(current.items.map((l: { uai: string }) => l.uai)).toEqual(expect.arrayContaining(inGroup));
    expect(current.items.every((l: { uai: string }) => !t.ids.establishments.unit2.some((e) => e.uai === l.uai))).toBe(true);
    expect(current.total).toBe(3);
    expect(new Set(current.items.map((l: { uai: string }) => l.uai)).size).toBe(3);
    const history = (await call(admin, 'GET', '/api/site-links?history=true&pageSize=500')).json();
    expect(history.total).toBeGreaterThanOrEqual(current.total);
    const thd = (await call(admin, 'GET', '/api/contracts?search=HDF-2016-THD')).json().items[0];
    for (const link of history.items as { id: string; uai: string; contractId: string | null; endDate: string | null; monthlyCostCents: number; technology: string }[]) {
      const changes = (await call(admin, 'GET', `/api/site-links/${link.id}/changes`)).json().items as { kind: string }[];
      expect(changes.map((c) => c.kind).sort()).toEqual(link.endDate ? ['created', 'replaced'] : ['created']);
      if (link.contractId) expect(link).toMatchObject({ contractId: thd.id, technology: 'fibre', endDate: null });
    }
    const sites = [...t.ids.establishments.unit1, ...t.ids.establishments.unit2];
    const byId = await currentSiteLinks(t.ctx.db, t.ids.a.tenantId, sites.map((e) => e.id), new Date('2026-01-15T09:00:00Z'));
    expect([...byId.keys()].sort()).toEqual(t.ids.establishments.unit1.map((e) => e.id).sort());
  });
});
