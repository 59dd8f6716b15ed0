import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { establishments } from '../../referentiel/db/schema.js';
import { auditEvents } from '../../../server/platform/db-schema.js';
import { testApp, type TestApp, type TestUser } from '../../../test/app.js';
import { multipartBody } from '../../../test/multipart.js';
import { as, openProjectCall, pdfBytes } from '../testing.js';

/**
 * The campaign's instructor groups (one by one, with their version) and who may apply, through
 * their routes: the manager's edits, each bad input refused on its field, the 409s, what the
 * routing does with the groups as saved, and the refusals for other roles.
 */

const now = new Date('2027-01-10T11:00:00Z').getTime();
let t: TestApp;
let campaignId: string;
let fileOfAgenceNord: string;

beforeAll(async () => {
  t = await testApp({ clock: () => new Date(now) });
  campaignId = (await openProjectCall(t, 'groupes-test')).id;
});
afterAll(() => t?.close());

const del = async (user: TestUser, url: string) => t.app.inject({ method: 'DELETE', url, headers: await t.headers(user) });
const issuePaths = (r: { json: () => { error: { issues: { path: string }[] } } }) => r.json().error.issues.map((i) => i.path.replace(/^body\./, ''));
const groups = async () => (await as(t, 'authority-admin', 'GET', `/api/campaigns/${campaignId}/groups`)).json().items as { id: string; name: string; version: number; members: { displayName: string }[] }[];

describe('instructor groups', () => {
  it('are created, edited and deleted one by one by the manager; bad input is refused on its field', async () => {
    const url = `/api/campaigns/${campaignId}/groups`;
    const bad = await as(t, 'authority-admin', 'POST', url, { name: 'Réponse', rules: [{ on: 'answer', values: ['oui'] }, { on: 'department', values: ['Nord'] }] });
    expect(bad.statusCode).toBe(400);
    expect(issuePaths(bad).sort()).toEqual(['rules.0.field', 'rules.1.values']);

    const unknown = await as(t, 'authority-admin', 'POST', url, { name: 'Sud', rules: [{ on: 'unit', values: [t.ids.unitB.id] }], memberUserIds: [t.ids.users['admin-b'].id] });
    expect(unknown.statusCode).toBe(400);
    expect(issuePaths(unknown).sort()).toEqual(['memberUserIds', 'rules.0.values']);

    const secondDefault = await as(t, 'authority-admin', 'POST', url, { name: 'Reste', isDefault: true });
    expect(secondDefault.statusCode).toBe(400);
    expect(secondDefault.json().error.issues[0]).toMatchObject({ path: 'isDefault', message: expect.stringMatching(/« Autres » est déjà le groupe par défaut/) });

    const taken = await as(t, 'authority-admin', 'POST', url, { name: 'Unité 1' });
    expect(taken.statusCode).toBe(409);
    expect(issuePaths(taken)).toEqual(['name']);

    const created = await as(t, 'authority-admin', 'POST', url, { name: 'Somme', priority: 2, rules: [{ on: 'unit', values: [t.ids.unit2.id] }, { on: 'nature', values: ['300'] }], memberUserIds: [t.ids.users.steering.id] });
    expect(created.statusCode).toBe(201);
    const somme = created.json();
    expect(somme).toMatchObject({ name: 'Somme', version: 1, members: [{ displayName: 'Essai steering' }] });

    const edited = await as(t, 'authority-admin', 'PUT', `${url}/${somme.id}`, { name: 'Somme et Oise', priority: 3, rules: [{ on: 'answer', field: 'chariot', values: ['true'] }], memberUserIds: [], version: 1 });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ name: 'Somme et Oise', version: 2, members: [] });
    const stale = await as(t, 'authority-admin', 'PUT', `${url}/${somme.id}`, { name: 'Somme', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toMatch(/modifi/);
    expect((await groups()).find((g) => g.id === somme.id)?.name).toBe('Somme et Oise');

    expect((await del('authority-admin', `${url}/${somme.id}?version=1`)).statusCode).toBe(409);
    expect((await del('authority-admin', `${url}/${somme.id}?version=2`)).statusCode).toBe(204);
    expect((await groups()).map((g) => g.name)).toEqual(['Unité 1', 'Autres']);
  });

  it('route the files as saved: a file of unit 1 goes to the technician while their group exists', async () => {
    const d = (await as(t, 'establishment-staff', 'POST', `/api/campaigns/${campaignId}/dossiers`, {})).json();
    const answers = { titre: 'Robots', eleves: 30, chariot: false };
    const body = multipartBody({ name: 'projet.pdf', bytes: pdfBytes }, { fieldKey: 'projet' });
    const doc = await t.app.inject({ method: 'POST', url: `/api/dossiers/${d.id}/documents`, headers: { ...(await t.headers('establishment-staff')), 'content-type': body.contentType }, payload: body.payload });
    const submitted = await as(t, 'establishment-staff', 'POST', `/api/dossiers/${d.id}/submission`, { answers: { ...answers, projet: { documentId: doc.json().id, filename: 'projet.pdf' } }, version: d.version });
    expect(submitted.statusCode).toBe(200);
    expect((await as(t, 'technician', 'GET', `/api/dossiers/${d.id}`)).statusCode).toBe(200);

    const unit1 = (await groups()).find((g) => g.name === 'Unité 1')!;
    expect((await del('authority-admin', `/api/campaigns/${campaignId}/groups/${unit1.id}?version=${unit1.version}`)).statusCode).toBe(204);
    expect((await as(t, 'technician', 'GET', `/api/dossiers/${d.id}`)).statusCode).toBe(404);
    expect((await as(t, 'authority-admin', 'GET', `/api/dossiers/${d.id}`)).json().groupId ?? null).toBeNull();
  });

  it('are changed by the campaign’s managers only', async () => {
    const url = `/api/campaigns/${campaignId}/groups`;
    for (const user of ['technician', 'auditor', 'establishment-staff'] as const) expect((await as(t, user, 'POST', url, { name: `Groupe ${user}` })).statusCode).toBe(403);
    const [first] = await groups();
    expect((await as(t, 'technician', 'PUT', `${url}/${first!.id}`, { name: 'X', version: first!.version })).statusCode).toBe(403);
    expect((await del('auditor', `${url}/${first!.id}?version=${first!.version}`)).statusCode).toBe(403);
    expect((await as(t, 'admin-b', 'POST', url, { name: 'B' })).statusCode).toBe(404);
  });
});

describe('who may apply', () => {
  it('is read named, replaced with the campaign’s version, and decides who may start a file', async () => {
    const url = `/api/campaigns/${campaignId}/eligibility`;
    const read = (await as(t, 'authority-admin', 'GET', url)).json();
    expect(read).toMatchObject({ natureCodes: [], units: [], establishments: [] });
    const other = t.ids.establishments.unit1[1]!;

    const unknown = await as(t, 'authority-admin', 'PUT', url, { natureCodes: ['3000'], unitIds: [t.ids.unitB.id], establishmentIds: [t.ids.establishmentsB[0]!.id], version: read.version });
    expect(unknown.statusCode).toBe(400);
    expect(issuePaths(unknown)).toEqual(['natureCodes.0']);
    const outside = await as(t, 'authority-admin', 'PUT', url, { natureCodes: [], unitIds: [t.ids.unitB.id], establishmentIds: [t.ids.establishmentsB[0]!.id], version: read.version });
    expect(outside.statusCode).toBe(400);
    expect(issuePaths(outside).sort()).toEqual(['establishmentIds', 'unitIds']);

    const saved = await as(t, 'authority-admin', 'PUT', url, { natureCodes: [], unitIds: [], establishmentIds: [other.id], version: read.version });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ establishments: [{ id: other.id, uai: other.uai }], version: read.version + 1 });
    expect((await as(t, 'authority-admin', 'PUT', url, { natureCodes: [], unitIds: [], establishmentIds: [], version: read.version })).statusCode).toBe(409);

    const refused = await as(t, 'establishment-staff', 'POST', `/api/campaigns/${campaignId}/dossiers`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/n’est pas éligible/);

    const byUnit = await as(t, 'authority-admin', 'PUT', url, { natureCodes: [], unitIds: [t.ids.unit1.id], establishmentIds: [], version: read.version + 1 });
    expect(byUnit.json().units).toEqual([{ id: t.ids.unit1.id, name: t.ids.unit1.name, kind: 'agency' }]);
    expect((await as(t, 'establishment-staff', 'POST', `/api/campaigns/${campaignId}/dossiers`, {})).statusCode).toBe(201);
  });

  it('is changed by the managers only, read by whoever sees the campaign', async () => {
    const url = `/api/campaigns/${campaignId}/eligibility`;
    const { version } = (await as(t, 'auditor', 'GET', url)).json();
    for (const user of ['technician', 'auditor', 'establishment-staff'] as const) expect((await as(t, user, 'PUT', url, { natureCodes: [], unitIds: [], establishmentIds: [], version })).statusCode).toBe(403);
  });
});

describe('asking experts in bulk', () => {
  it('asks the same experts on every file of a filter, beyond the page; an empty or unknown choice changes nothing', async () => {
    const submit = async () => {
      const d = (await as(t, 'establishment-staff', 'POST', `/api/campaigns/${campaignId}/dossiers`, {})).json();
      const body = multipartBody({ name: 'projet.pdf', bytes: pdfBytes }, { fieldKey: 'projet' });
      const doc = await t.app.inject({ method: 'POST', url: `/api/dossiers/${d.id}/documents`, headers: { ...(await t.headers('establishment-staff')), 'content-type': body.contentType }, payload: body.payload });
      const r = await as(t, 'establishment-staff', 'POST', `/api/dossiers/${d.id}/submission`, { answers: { titre: 'Robots', eleves: 12, chariot: false, projet: { documentId: doc.json().id, filename: 'projet.pdf' } }, version: d.version });
      expect(r.statusCode).toBe(200);
      return d.id as string;
    };
    const ids = [await submit(), await submit()];
    const url = `/api/campaigns/${campaignId}/dossiers/bulk`;
    const none = await as(t, 'authority-admin', 'POST', url, { action: 'request-opinions', filter: { state: 'en_construction' }, expertUserIds: [] });
    expect(none.statusCode).toBe(400);
    expect(issuePaths(none)).toContain('expertUserIds');
    const stranger = await as(t, 'authority-admin', 'POST', url, { action: 'request-opinions', ids, expertUserIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(stranger.statusCode).toBe(400);
    expect((await as(t, 'authority-admin', 'GET', `/api/dossiers/${ids[0]}`)).json().opinions).toEqual([]);
    expect((await as(t, 'auditor', 'GET', `/api/dossiers/${ids[0]}`)).statusCode).toBe(200); // the auditor reads every file anyway

    const asked = await as(t, 'authority-admin', 'POST', url, { action: 'request-opinions', filter: { state: 'en_construction' }, expertUserIds: [t.ids.users.contractor.id], question: 'Le projet tient-il ?' });
    expect(asked.statusCode).toBe(200);
    expect(asked.json().ids).toEqual(expect.arrayContaining(ids));
    for (const id of ids) {
      const seen = await as(t, 'contractor', 'GET', `/api/dossiers/${id}`);
      expect(seen.statusCode).toBe(200);
      expect(seen.json().opinions).toMatchObject([{ expertLabel: 'Essai contractor', status: 'requested', question: 'Le projet tient-il ?' }]);
    }
    // asked again: nobody is asked twice
    expect((await as(t, 'authority-admin', 'POST', url, { action: 'request-opinions', ids, expertUserIds: [t.ids.users.contractor.id] })).statusCode).toBe(200);
    expect((await as(t, 'authority-admin', 'GET', `/api/dossiers/${ids[1]}`)).json().opinions).toHaveLength(1);
    expect((await as(t, 'contractor', 'POST', url, { action: 'request-opinions', ids, expertUserIds: [t.ids.users.contractor.id] })).statusCode).toBe(403);
  });
});

describe('a unit with units inside it', () => {
  it('opens the campaign to, and routes to its group, the schools of the sectors inside it', async () => {
    const sector = await as(t, 'authority-admin', 'POST', '/api/units', { code: 'SECT-ESSAI', name: 'Secteur essai', kind: 'sector', parentId: t.ids.unit1.id });
    expect(sector.statusCode).toBe(201);
    await t.ctx.db.update(establishments).set({ unitId: sector.json().id }).where(and(eq(establishments.tenantId, t.ids.a.tenantId), eq(establishments.id, t.ids.staffSchool.id)));
    const { version } = (await as(t, 'authority-admin', 'GET', `/api/campaigns/${campaignId}/eligibility`)).json();
    expect((await as(t, 'authority-admin', 'PUT', `/api/campaigns/${campaignId}/eligibility`, { natureCodes: [], unitIds: [t.ids.unit1.id], establishmentIds: [], version })).statusCode).toBe(200);
    const group = (await as(t, 'authority-admin', 'POST', `/api/campaigns/${campaignId}/groups`, { name: 'Agence Nord', rules: [{ on: 'unit', values: [t.ids.unit1.id] }] })).json();

    const d = await as(t, 'establishment-staff', 'POST', `/api/campaigns/${campaignId}/dossiers`, {});
    expect(d.statusCode).toBe(201);
    const body = multipartBody({ name: 'projet.pdf', bytes: pdfBytes }, { fieldKey: 'projet' });
    const doc = await t.app.inject({ method: 'POST', url: `/api/dossiers/${d.json().id}/documents`, headers: { ...(await t.headers('establishment-staff')), 'content-type': body.contentType }, payload: body.payload });
    const submitted = await as(t, 'establishment-staff', 'POST', `/api/dossiers/${d.json().id}/submission`, { answers: { titre: 'Robots', eleves: 12, chariot: false, projet: { documentId: doc.json().id, filename: 'projet.pdf' } }, version: d.json().version });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().groupId).toBe(group.id);
    fileOfAgenceNord = submitted.json().id;
  });

  it('leaves that file without a group when the replace-all save drops its group, as the one-by-one delete does', async () => {
    const url = `/api/campaigns/${campaignId}/groups`;
    const before = (await as(t, 'authority-admin', 'GET', url)).json().items as { name: string; priority: number; isDefault: boolean; rules: unknown[]; memberUserIds: string[] }[];
    expect(before.map((g) => g.name)).toContain('Agence Nord');
    const kept = before.filter((g) => g.name !== 'Agence Nord').map(({ name, priority, isDefault, rules, memberUserIds }) => ({ name, priority, isDefault, rules, memberUserIds }));
    const saved = await as(t, 'authority-admin', 'PUT', url, { groups: kept });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().items.map((g: { name: string }) => g.name)).toEqual(kept.map((g) => g.name));

    expect((await as(t, 'authority-admin', 'GET', `/api/dossiers/${fileOfAgenceNord}`)).json().groupId ?? null).toBeNull();
    const list = await as(t, 'authority-admin', 'GET', `/api/campaigns/${campaignId}/dossiers`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.find((d: { id: string }) => d.id === fileOfAgenceNord)).toMatchObject({ groupId: null });
  });

  it('refuses, on each group’s field, a replace-all save the one-by-one routes would refuse, and changes nothing', async () => {
    const url = `/api/campaigns/${campaignId}/groups`;
    const before = (await as(t, 'authority-admin', 'GET', url)).json().items as { name: string; version: number }[];
    const bad = await as(t, 'authority-admin', 'PUT', url, {
      groups: [
        { name: 'Nord', isDefault: true, memberUserIds: [t.ids.users['admin-b'].id] },
        { name: 'Sud', isDefault: true, rules: [{ on: 'unit', values: [t.ids.unitB.id] }] },
        { name: 'Nord' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(issuePaths(bad).sort()).toEqual(['groups.0.memberUserIds', 'groups.1.isDefault', 'groups.1.rules.0.values', 'groups.2.name']);
    expect(bad.json().error.issues.find((i: { path: string }) => i.path.endsWith('groups.1.isDefault')).message).toMatch(/« Nord » est déjà le groupe par défaut/);
    expect((await as(t, 'authority-admin', 'GET', url)).json().items).toEqual(expect.arrayContaining(before.map((g) => expect.objectContaining({ name: g.name, version: g.version }))));
  });

  it('writes each group of a replace-all save in the audit log', async () => {
    const url = `/api/campaigns/${campaignId}/groups`;
    const current = (await as(t, 'authority-admin', 'GET', url)).json().items as { id: string; name: string; priority: number; isDefault: boolean; rules: unknown[]; memberUserIds: string[] }[];
    const body = { groups: [...current.map(({ name, priority, isDefault, rules, memberUserIds }) => ({ name, priority, isDefault, rules, memberUserIds })), { name: 'Audit neuf' }] };
    expect((await as(t, 'authority-admin', 'PUT', url, body)).statusCode).toBe(200);
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'instructor_group'), eq(auditEvents.action, 'create')));
    expect(events.some((e) => (e.after as { name?: string } | null)?.name === 'Audit neuf')).toBe(true);
    const updates = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'instructor_group'), eq(auditEvents.action, 'update')));
    expect(updates.filter((e) => current.some((g) => g.id === e.entityId)).length).toBeGreaterThanOrEqual(current.length);
  });
});
