import { count, eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../../test/app.js';
import { orderLines, purchaseOrders } from '../../../marches/orders/db/schema.js';
import { orderWorld } from '../../../marches/orders/testing.js';
import { ppiFinancingLines, ppiOperations, ppiScenarios } from '../../db/schema.js';
import { bodyMembers, dataPacks, votes } from '../db/schema.js';

let t: TestApp;
let bodyId: string;
let otherBodyMember: string;
let members: { id: string; name: string }[];
let meetingId: string;

const call = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown, user: Parameters<TestApp['headers']>[0] = 'steering') =>
  t.app.inject({ method, url, payload: payload as object | undefined, headers: await t.headers(user) });

beforeAll(async () => {
  t = await testApp();
  const created = await call('POST', '/api/governance/bodies', {
    kind: 'steering-committee',
    name: 'Comité de pilotage (essai)',
    cadence: 'yearly',
    unanimity: true,
    members: [
      { name: 'Élue Une', title: 'Vice-présidente', organizationId: t.ids.a.tenantId },
      { name: 'Élu Deux', title: 'Vice-président', organizationId: t.ids.a.tenantId },
      { name: 'Recteur', title: 'Recteur', organizationId: t.ids.academy.tenantId },
    ],
  });
  expect(created.statusCode, created.body).toBe(201);
  bodyId = created.json().id;
  const other = await call('POST', '/api/governance/bodies', {
    kind: 'project-group',
    name: 'Groupe projet (essai)',
    cadence: 'weekly',
    members: [{ name: 'Cheffe de projet', title: 'Cheffe de projet', organizationId: t.ids.a.tenantId }],
  });
  const list = (await call('GET', '/api/governance/bodies')).json();
  otherBodyMember = list.find((b: { id: string }) => b.id === other.json().id).members[0].id;
  members = list.find((b: { id: string }) => b.id === bodyId).members;
  const meeting = await call('POST', '/api/governance/meetings', { bodyId, heldOn: '2026-06-15', place: 'Hôtel de Région', agenda: ['Bilan annuel', 'Plan numérique'] });
  expect(meeting.statusCode, meeting.body).toBe(201);
  meetingId = meeting.json().id;
});
afterAll(() => t.close());

describe('bodies, meetings, votes', () => {
  it('records attendance with the version read; a stale version gets 409', async () => {
    const ok = await call('PATCH', `/api/governance/meetings/${meetingId}`, { version: 1, attendance: members.map((m) => m.id), minutes: 'Séance ouverte.' });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await call('PATCH', `/api/governance/meetings/${meetingId}`, { version: 1, minutes: 'Autre' });
    expect(stale.statusCode).toBe(409);
    const stranger = await call('PATCH', `/api/governance/meetings/${meetingId}`, { version: 2, attendance: [otherBodyMember] });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.message).toMatch(/membres de l'instance/);
  });

  it('refuses a vote by a non-member in French and changes nothing; unanimity rejects on one abstention', async () => {
    const decision = (await call('POST', `/api/governance/meetings/${meetingId}/decisions`, { title: 'Reconduire le schéma' })).json().id;
    const refused = await call('POST', `/api/governance/decisions/${decision}/votes`, { memberId: otherBodyMember, choice: 'for' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toMatch(/n'est pas membre de l'instance « Comité de pilotage \(essai\) »/);
    const [{ n }] = await t.ctx.db.select({ n: count() }).from(votes).where(eq(votes.decisionId, decision));
    expect(n).toBe(0);
    for (const [i, m] of members.entries()) {
      const r = await call('POST', `/api/governance/decisions/${decision}/votes`, { memberId: m.id, choice: i === 2 ? 'abstain' : 'for' });
      expect(r.statusCode, r.body).toBe(200);
    }
    const closed = await call('POST', `/api/governance/decisions/${decision}/close`);
    expect(closed.json().status).toBe('rejected');
    expect((await call('POST', `/api/governance/decisions/${decision}/votes`, { memberId: members[0].id, choice: 'for' })).statusCode).toBe(409);

    const second = (await call('POST', `/api/governance/meetings/${meetingId}/decisions`, { title: 'Adopter le bilan' })).json().id;
    for (const m of members) await call('POST', `/api/governance/decisions/${second}/votes`, { memberId: m.id, choice: 'for' });
    expect((await call('POST', `/api/governance/decisions/${second}/close`)).json().status).toBe('adopted');
    const meeting = (await call('GET', `/api/governance/meetings/${meetingId}`)).json();
    expect(meeting.decisions.map((d: { status: string }) => d.status)).toEqual(['rejected', 'adopted']);
    expect(meeting.decisions[0].tally).toEqual({ for: 2, against: 0, abstain: 1 });
  });

  it('malformed input and unknown ids: a French message, nothing written', async () => {
    const before = (await t.ctx.db.select({ n: count() }).from(bodyMembers))[0].n;
    const bad = await call('POST', `/api/governance/bodies/${bodyId}/members`, { name: 'X', title: 'Membre', organizationId: t.ids.b.tenantId });
    expect(bad.statusCode).toBe(400);
    const outsider = await call('POST', `/api/governance/bodies/${bodyId}/members`, { name: 'Quelqu’un', title: 'Membre', organizationId: t.ids.b.tenantId });
    expect(outsider.json().error.message).toMatch(/la collectivité ou l'un de ses partenaires/);
    expect((await t.ctx.db.select({ n: count() }).from(bodyMembers))[0].n).toBe(before);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await call('GET', `/api/governance/meetings/${unknown}`)).json().error.message).toBe('Réunion introuvable.');
    expect((await call('POST', `/api/governance/decisions/${unknown}/votes`, { memberId: members[0].id, choice: 'for' })).statusCode).toBe(404);
    const noCommitment = await call('POST', '/api/governance/agreements', {
      kind: 'framework', title: 'Convention cadre', partyAId: t.ids.a.tenantId, partyBId: t.ids.academy.tenantId, validFrom: '2026-01-01', commitments: [],
    });
    expect(noCommitment.statusCode).toBe(400);
    const badLevel = await call('POST', '/api/governance/agreements', {
      kind: 'framework', title: 'Convention cadre', partyAId: t.ids.a.tenantId, partyBId: t.ids.academy.tenantId, validFrom: '2026-01-01',
      commitments: [{ party: 'a', text: 'Équiper les lycées' }], serviceLevels: [{ indicator: 'resolve_within_rate', target: 1.5 }],
    });
    expect(badLevel.statusCode).toBe(400);
    const wrongParty = await call('POST', '/api/governance/agreements', {
      kind: 'academy-authority', title: 'Convention de service', partyAId: t.ids.contractorOrg.tenantId, partyBId: t.ids.a.tenantId, validFrom: '2026-01-01',
      commitments: [{ party: 'a', text: 'Assurer le support' }],
    });
    expect(wrongParty.json().error.message).toMatch(/académie partenaire/);
    expect((await call('GET', '/api/governance/agreements')).json()).toEqual([]);
  });

  it('creates the framework convention and a school agreement, with the service level measured', async () => {
    const school = t.ids.staffSchool;
    for (const payload of [
      { kind: 'framework', title: 'Convention cadre', partyAId: t.ids.a.tenantId, partyBId: t.ids.academy.tenantId, validFrom: '2026-01-01', commitments: [{ party: 'a', text: 'Équiper les lycées' }, { party: 'b', text: 'Former les enseignants' }], serviceLevels: [{ indicator: 'resolve_within_rate', target: 0.9 }] },
      { kind: 'authority-establishment', title: 'Convention Région ↔ lycée', partyAId: t.ids.a.tenantId, establishmentId: school.id, validFrom: '2026-01-01', commitments: [{ party: 'b', text: 'Désigner un référent' }], serviceLevels: [{ indicator: 'resolve_within_rate', target: 0.8 }] },
    ]) {
      const r = await call('POST', '/api/governance/agreements', payload);
      expect(r.statusCode, r.body).toBe(201);
    }
    const list = (await call('GET', '/api/governance/agreements', undefined, 'auditor')).json();
    expect(list).toHaveLength(2);
    const byKind = (kind: string) => list.find((a: { kind: string }) => a.kind === kind);
    expect(byKind('authority-establishment')).toMatchObject({ establishment: { uai: school.uai }, partyA: { name: t.ids.a.name }, serviceLevels: [{ target: 0.8, measured: null, met: null }] });
    expect(byKind('framework').partyB.name).toBe(t.ids.academy.name);
  });
});

describe('editing bodies, members and agreements', () => {
  it('edits a body with the version read: a stale one gets 409, a taken name 409, the auditor 403', async () => {
    const body = (await call('GET', '/api/governance/bodies')).json().find((b: { id: string }) => b.id === bodyId);
    const change = { kind: 'steering-committee', name: 'Comité de pilotage (essai)', cadence: 'half-yearly', unanimity: false, version: body.version };
    expect((await call('PUT', `/api/governance/bodies/${bodyId}`, change, 'auditor')).statusCode).toBe(403);
    const taken = await call('PUT', `/api/governance/bodies/${bodyId}`, { ...change, name: 'Groupe projet (essai)' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toBe('Une instance porte déjà ce nom.');
    const bad = await call('PUT', `/api/governance/bodies/${bodyId}`, { ...change, cadence: 'monthly' });
    expect(bad.json().error.issues[0]).toMatchObject({ path: 'body.cadence' });
    const ok = await call('PUT', `/api/governance/bodies/${bodyId}`, change);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await call('PUT', `/api/governance/bodies/${bodyId}`, { ...change, unanimity: true })).statusCode).toBe(409);
    const after = (await call('GET', '/api/governance/bodies')).json().find((b: { id: string }) => b.id === bodyId);
    expect(after).toMatchObject({ cadence: 'half-yearly', unanimity: false, version: body.version + 1 });
    // back to unanimity for the votes above's rule
    expect((await call('PUT', `/api/governance/bodies/${bodyId}`, { ...change, unanimity: true, cadence: 'yearly', version: after.version })).statusCode).toBe(200);
  });

  it('edits and removes members per partner; one who voted stays (409); another tenant gets 404', async () => {
    const added = await call('POST', `/api/governance/bodies/${bodyId}/members`, { name: 'Invité', title: 'Expert', organizationId: t.ids.a.tenantId });
    const id = added.json().id;
    const partners = (await call('GET', '/api/governance/partners')).json();
    expect(partners[0]).toMatchObject({ id: t.ids.a.tenantId, self: true });
    expect(partners.find((p: { id: string }) => p.id === t.ids.academy.tenantId)).toMatchObject({ kind: 'academie', self: false });
    const moved = await call('PUT', `/api/governance/bodies/${bodyId}/members/${id}`, { name: 'Inspectrice', title: 'IA-IPR', organizationId: t.ids.academy.tenantId, version: 1 });
    expect(moved.statusCode, moved.body).toBe(200);
    const outsider = await call('PUT', `/api/governance/bodies/${bodyId}/members/${id}`, { name: 'Inspectrice', title: 'IA-IPR', organizationId: t.ids.b.tenantId, version: 2 });
    expect(outsider.json().error.message).toMatch(/la collectivité ou l'un de ses partenaires/);
    expect((await call('PUT', `/api/governance/bodies/${bodyId}/members/${id}`, { name: 'Autre', title: 'IA-IPR', organizationId: t.ids.academy.tenantId, version: 1 })).statusCode).toBe(409);
    const listed = (await call('GET', '/api/governance/bodies')).json().find((b: { id: string }) => b.id === bodyId).members.find((m: { id: string }) => m.id === id);
    expect(listed).toMatchObject({ name: 'Inspectrice', organizationName: t.ids.academy.name, version: 2 });
    expect((await call('DELETE', `/api/governance/bodies/${bodyId}/members/${id}?version=1`)).statusCode).toBe(409);
    expect((await call('DELETE', `/api/governance/bodies/${bodyId}/members/${id}?version=2`, undefined, 'admin-b')).statusCode).toBe(404);
    expect((await call('DELETE', `/api/governance/bodies/${bodyId}/members/${id}?version=2`)).statusCode).toBe(204);
    const voter = await call('DELETE', `/api/governance/bodies/${bodyId}/members/${members[0].id}?version=1`);
    expect(voter.statusCode).toBe(409);
    expect(voter.json().error.message).toMatch(/a voté ou porte une action/);
    expect((await t.ctx.db.select({ n: count() }).from(bodyMembers).where(eq(bodyMembers.id, members[0].id)))[0].n).toBe(1);
  });

  it('edits an agreement with its parties checked again; a stale version gets 409', async () => {
    const [framework] = (await call('GET', '/api/governance/agreements')).json().filter((a: { kind: string }) => a.kind === 'framework');
    const payload = {
      kind: 'framework', title: 'Convention cadre 2026-2030', partyAId: t.ids.a.tenantId, partyBId: t.ids.academy.tenantId, establishmentId: null, validFrom: '2026-01-01', validTo: '2030-12-31',
      commitments: [{ party: 'a', text: 'Équiper les lycées' }, { party: 'b', text: 'Former les enseignants' }, { party: 'b', text: 'Animer le réseau des référents' }],
      serviceLevels: [{ indicator: 'resolve_within_rate', target: 0.85 }], version: framework.version,
    };
    const wrong = await call('PUT', `/api/governance/agreements/${framework.id}`, { ...payload, partyBId: t.ids.contractorOrg.tenantId });
    expect(wrong.json().error.issues).toEqual([{ path: 'partyBId', message: expect.stringMatching(/académie partenaire/) }]);
    const backwards = await call('PUT', `/api/governance/agreements/${framework.id}`, { ...payload, validTo: '2025-01-01' });
    expect(backwards.json().error.message).toBe('La fin de validité précède son début.');
    expect((await call('PUT', `/api/governance/agreements/${framework.id}`, payload, 'auditor')).statusCode).toBe(403);
    const ok = await call('PUT', `/api/governance/agreements/${framework.id}`, payload, 'authority-admin');
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await call('PUT', `/api/governance/agreements/${framework.id}`, payload)).statusCode).toBe(409);
    const after = (await call('GET', '/api/governance/agreements')).json().find((a: { id: string }) => a.id === framework.id);
    expect(after).toMatchObject({ title: 'Convention cadre 2026-2030', validTo: '2030-12-31', version: framework.version + 1, serviceLevels: [{ target: 0.85 }] });
    expect(after.commitments).toHaveLength(3);
    expect((await call('PUT', `/api/governance/agreements/${framework.id}`, { ...payload, version: after.version }, 'admin-b')).statusCode).toBe(400);
  });
});

describe('actions and data packs', () => {
  it('follows an action until done, overdue flagged', async () => {
    const late = await call('POST', `/api/governance/meetings/${meetingId}/actions`, { title: 'Chiffrer les liens', ownerMemberId: members[0].id, dueOn: '2020-01-01' });
    expect(late.statusCode, late.body).toBe(201);
    expect((await call('POST', `/api/governance/meetings/${meetingId}/actions`, { title: 'Hors instance', ownerMemberId: otherBodyMember, dueOn: '2030-01-01' })).statusCode).toBe(400);
    const open = (await call('GET', '/api/governance/actions?open=true')).json();
    expect(open).toMatchObject([{ title: 'Chiffrer les liens', overdue: true, ownerName: members[0].name, bodyName: 'Comité de pilotage (essai)' }]);
    const done = await call('POST', `/api/governance/actions/${late.json().id}/done`);
    expect(done.json()).toMatchObject({ overdue: false });
    expect(done.json().doneOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await call('GET', '/api/governance/actions?open=true')).json()).toEqual([]);
    expect((await call('POST', `/api/governance/actions/${late.json().id}/done`)).statusCode).toBe(409);
  });

  it('issues the data pack as a PDF, keeps its bytes, and a new issue is a new version', async () => {
    const first = await call('POST', `/api/governance/meetings/${meetingId}/data-packs`);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().version).toBe(1);
    const download = await call('GET', `/api/governance/meetings/${meetingId}/data-packs/1`, undefined, 'auditor');
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-sha256']).toBe(first.json().sha256);
    const pdf = await PDFDocument.load(download.rawPayload);
    expect(pdf.getTitle()).toBe('Dossier de séance — Comité de pilotage (essai)');
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
    // a plan voted and an order placed since: the next issue shows them, the first stays as issued
    const tenantId = t.ids.a.tenantId;
    const [plan] = await t.ctx.db.insert(ppiScenarios).values({ tenantId, name: 'PPI essai', startYear: 2026, yearCount: 1, yearlyCeilingsCents: [1_000_000], status: 'voted', votedAt: new Date('2026-01-20T10:00:00Z') }).returning();
    const [op] = await t.ctx.db
      .insert(ppiOperations)
      .values({ tenantId, scenarioId: plan.id, establishmentId: t.ids.staffSchool.id, kind: 'renew_pcs', indicatorCode: 'fleet_under_5_years_share', quantity: 4, unitCostCents: 80_000, costCents: 320_000, costSource: 'contract', priority: 1, year: 2026 })
      .returning();
    await t.ctx.db.insert(ppiFinancingLines).values([{ tenantId, operationId: op.id, source: 'own', amountCents: 240_000 }, { tenantId, operationId: op.id, source: 'feder', amountCents: 80_000 }]);
    const w = await orderWorld(t.ctx.db, { tenantId, regionOrg: tenantId, academyOrg: t.ids.academy.tenantId, holderOrg: t.ids.contractorOrg.tenantId });
    const [order] = await t.ctx.db
      .insert(purchaseOrders)
      .values({ tenantId, reference: 'PACK-1', contractId: w.contractId, lotId: w.lot1, memberOrganizationId: tenantId, budgetLineId: w.budget.region, status: 'delivered', orderDate: '2026-03-02', totalExclTaxCents: 160_000, totalVatCents: 32_000, totalInclTaxCents: 192_000, totalQuantity: 2, createdBy: 'essai' })
      .returning();
    await t.ctx.db.insert(orderLines).values({ tenantId, orderId: order.id, lineNo: 1, priceItemId: w.items.pc, code: 'PC-FIXE', label: 'PC', unitPriceExclTaxCents: 80_000, vatRateBp: 2000, recurrence: 'one-off', quantity: 2, deliveredQuantity: 2, establishmentId: t.ids.staffSchool.id, totalExclTaxCents: 160_000, totalVatCents: 32_000 });
    const second = await call('POST', `/api/governance/meetings/${meetingId}/data-packs`);
    expect(second.json().version).toBe(2);
    const [issued] = await t.ctx.db.select({ figures: dataPacks.figures }).from(dataPacks).where(eq(dataPacks.version, 2));
    // Intl writes thousands with a narrow no-break space: compared as plain spaces
    const sections = (issued.figures as { sections: { title: string; rows: [string, string][] }[] }).sections.map((x) => ({ ...x, rows: x.rows.map(([k, v]) => [k, v.replace(/\s/g, ' ')]) }));
    const execution = sections.find((x) => x.title === 'Exécution du PPI : PPI essai');
    expect(execution?.rows).toEqual(expect.arrayContaining([['Programmé sur le plan', '3 200 €'], ['Commandé par les marchés (HT)', '1 600 €'], ['Part commandée du programmé', '50 %']]));
    const spending = sections.find((x) => x.title === 'Dépenses de la période et financement du plan');
    expect(spending?.rows).toEqual(expect.arrayContaining([['Livré sur la période', '1 600 €'], ['Financement voté : FEDER', '800 €']]));
    const again = await call('GET', `/api/governance/meetings/${meetingId}/data-packs/1`);
    expect(Buffer.compare(again.rawPayload, download.rawPayload)).toBe(0);
    const [stored] = await t.ctx.db.select({ figures: dataPacks.figures }).from(dataPacks).where(eq(dataPacks.version, 1));
    expect(JSON.stringify(stored.figures)).toContain('Conventions : engagements de service');
    expect(JSON.stringify(stored.figures)).toContain('Progression vers la cible');
    expect(JSON.stringify(stored.figures)).toContain('Aucun scénario du PPI n’a encore été voté.');
    expect((await call('GET', `/api/governance/meetings/${meetingId}/data-packs/9`)).statusCode).toBe(404);
  });

  it('who may: technicians and school staff neither read nor write; the auditor reads only; B never sees A', async () => {
    expect((await call('GET', '/api/governance/bodies', undefined, 'technician')).statusCode).toBe(403);
    expect((await call('GET', '/api/governance/bodies', undefined, 'establishment-staff')).statusCode).toBe(403);
    expect((await call('POST', `/api/governance/meetings/${meetingId}/data-packs`, undefined, 'auditor')).statusCode).toBe(403);
    const b = await call('GET', `/api/governance/meetings/${meetingId}`, undefined, 'admin-b');
    expect(b.statusCode).toBe(404);
    expect((await call('GET', '/api/governance/bodies', undefined, 'admin-b')).json()).toEqual([]);
  });
});
