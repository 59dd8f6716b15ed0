import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { testApp, type TestApp, type TestUser } from '../../../test/app.js';
import { insertAidFile, insertFamilyAidCampaign } from '../family-aid/testing.js';
import { multipartBody } from '../../../test/multipart.js';
import { as, openProjectCall, pdfBytes, projectForm } from '../testing.js';

/**
 * The files' exports through their route: one column per answer of every form version (the
 * newest label), the BOM and « ; », XLSX, and personal data kept to the campaign's instructors
 * (never a partner, an auditor or steering). The clock stands inside the project call.
 */

let t: TestApp;
let campaignId: string;
let code: string;

const v2Form = [
  ...projectForm.map((f) => (f.key === 'titre' ? { ...f, label: 'Intitulé du projet' } : f)),
  { key: 'referent', kind: 'text', label: 'Nom du référent', personal: true },
  { key: 'budget', kind: 'euros', label: 'Budget demandé' },
];

const publish = async (fields: unknown[]) => {
  const draft = (await as(t, 'authority-admin', 'POST', `/api/campaigns/${campaignId}/form/draft`)).json();
  const saved = await as(t, 'authority-admin', 'PUT', `/api/campaigns/${campaignId}/form`, { fields, annotationFields: [{ key: 'avis_interne', kind: 'textarea', label: 'Avis interne' }], version: draft.version });
  expect(saved.statusCode).toBe(200);
  expect((await as(t, 'authority-admin', 'POST', `/api/campaigns/${campaignId}/form/publication`, { version: saved.json().version })).statusCode).toBe(200);
};

const fileWith = async (answers: Record<string, unknown>) => {
  const d = (await as(t, 'establishment-staff', 'POST', `/api/campaigns/${campaignId}/dossiers`, {})).json();
  const saved = await as(t, 'establishment-staff', 'PUT', `/api/dossiers/${d.id}/answers`, { answers, version: d.version });
  expect(saved.statusCode).toBe(200);
  return saved.json();
};

/** A file submitted on the current version: routed to the unit's group, its technician instructs it. */
const submittedWith = async (answers: Record<string, unknown>) => {
  const d = (await as(t, 'establishment-staff', 'POST', `/api/campaigns/${campaignId}/dossiers`, {})).json();
  const body = multipartBody({ name: 'projet.pdf', bytes: pdfBytes }, { fieldKey: 'projet' });
  const doc = await t.app.inject({ method: 'POST', url: `/api/dossiers/${d.id}/documents`, headers: { ...(await t.headers('establishment-staff')), 'content-type': body.contentType }, payload: body.payload });
  const r = await as(t, 'establishment-staff', 'POST', `/api/dossiers/${d.id}/submission`, { answers: { ...answers, projet: { documentId: doc.json().id, filename: 'projet.pdf' } }, version: d.version });
  expect(r.statusCode).toBe(200);
};

const csvOf = async (user: TestUser, campaign = campaignId) => {
  const r = await as(t, user, 'GET', `/api/campaigns/${campaign}/dossiers/export?format=csv`);
  return { r, lines: r.body.replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(';')) };
};

beforeAll(async () => {
  t = await testApp({ clock: () => new Date('2027-01-10T11:00:00Z') });
  const campaign = await openProjectCall(t, 'export-test', { partnerIds: [t.ids.academy.tenantId] });
  campaignId = campaign.id;
  code = campaign.code;
  await fileWith({ titre: 'Tablettes; en SVT', eleves: 60 });
  await publish(v2Form);
  await submittedWith({ titre: 'Robotique', eleves: 12, chariot: false, referent: 'Claire Martin', budget: 123_450 });
});
afterAll(() => t?.close());

describe('dossier exports', () => {
  it('gives the instructors every answer of every version as a column, in CSV with BOM and « ; »', async () => {
    const { r, lines } = await csvOf('authority-admin');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/csv/);
    expect(r.headers['content-disposition']).toMatch(`dossiers-${code}-2027-01-10.csv`);
    expect(r.headers['x-export-rows']).toBe('2');
    expect(r.body.startsWith('\uFEFF')).toBe(true);
    const header = lines[0]!;
    expect(header.slice(0, 4)).toEqual(['N° de dossier', 'État', 'Demandeur', 'Version du formulaire']);
    // the union of versions, newest label, no section column, annotations last
    expect(header).toEqual(expect.arrayContaining(['Intitulé du projet', 'Élèves concernés', 'Nom du référent', 'Budget demandé', 'UAI', 'Établissement', 'Annotation : Avis interne']));
    expect(header).not.toContain('Titre du projet');
    expect(header).not.toContain('Le projet');
    const col = (name: string) => header.indexOf(name);
    const [first, second] = [lines[1]!, lines[2]!];
    expect(first[col('Version du formulaire')]).toBe('1');
    expect(first[col('État')]).toBe('brouillon');
    expect(r.body).toContain('"Tablettes; en SVT"');
    expect(first[col('Nom du référent')]).toBe('');
    expect(second[col('Version du formulaire')]).toBe('2');
    expect(second[col('État')]).toBe('en construction');
    expect(second[col('Projet pédagogique')]).toBe('projet.pdf');
    expect(second[col('Chariot mobile ?')]).toBe('Non');
    expect(second[col('Nom du référent')]).toBe('Claire Martin');
    expect(second[col('Budget demandé')]).toBe('1234.5');
    expect(second[col('UAI')]).toBe(t.ids.staffSchool.uai);
  });

  it('hides personal fields and annotations from partners and readers; the group instructor keeps them', async () => {
    for (const user of ['academy-staff', 'auditor', 'steering'] as const) {
      const { r, lines } = await csvOf(user);
      expect(r.statusCode, user).toBe(200);
      expect(lines[0], user).not.toContain('Nom du référent');
      expect(lines[0], user).not.toContain('Annotation : Avis interne');
      expect(lines[0], user).toContain('Budget demandé');
      expect(r.body, user).not.toContain('Claire Martin');
    }
    const technician = await csvOf('technician');
    expect(technician.r.statusCode).toBe(200);
    expect(technician.lines[0]).toContain('Nom du référent');
    expect(technician.r.body).toContain('Claire Martin');
    // the draft is routed to no group yet: the group's instructor exports only the submitted file
    expect(technician.lines).toHaveLength(2);
  });

  it('refuses those who may not export, and other tenants', async () => {
    expect((await as(t, 'establishment-staff', 'GET', `/api/campaigns/${campaignId}/dossiers/export`)).statusCode).toBe(403);
    expect((await as(t, 'admin-b', 'GET', `/api/campaigns/${campaignId}/dossiers/export`)).statusCode).toBe(404);
    expect((await as(t, 'authority-admin', 'GET', `/api/campaigns/${campaignId}/dossiers/export?format=pdf`)).statusCode).toBe(400);
  });

  it('writes the same columns in XLSX, numbers as numbers', async () => {
    const r = await as(t, 'authority-admin', 'GET', `/api/campaigns/${campaignId}/dossiers/export?format=xlsx`);
    expect(r.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Dossiers')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('Budget demandé');
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(3).getCell(header.indexOf('Budget demandé') + 1).value).toBe(1234.5);
  });

  it('keeps a family’s identity, income and tax notice to the instructors of a family aid campaign', async () => {
    const aid = await insertFamilyAidCampaign(t, { code: 'aide-export' });
    await insertAidFile(t, aid);
    const admin = await csvOf('authority-admin', aid.campaign.id);
    expect(admin.lines[0]).toEqual(expect.arrayContaining(['Demandeur', 'Nom de l’élève', 'Revenu fiscal de référence (€)', 'Avis d’imposition', 'Aide (€)']));
    const row = admin.lines[1]!;
    expect(row[admin.lines[0]!.indexOf('Revenu fiscal de référence (€)')]).toBe('20000');
    expect(row[admin.lines[0]!.indexOf('Aide (€)')]).toBe('224.5');
    const auditor = await csvOf('auditor', aid.campaign.id);
    expect(auditor.r.statusCode).toBe(200);
    expect(auditor.lines[0]).toContain('Aide (€)');
    for (const hidden of ['Demandeur', 'Nom de l’élève', 'Prénom de l’élève', 'Revenu fiscal de référence (€)', 'Avis d’imposition']) expect(auditor.lines[0]).not.toContain(hidden);
    expect(auditor.r.body).not.toContain('Inès');
    expect(auditor.r.body).not.toContain('Famille essai');
  });
});
