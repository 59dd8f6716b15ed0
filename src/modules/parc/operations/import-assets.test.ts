import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../server/platform/db-schema.js';
import { AppError } from '../../../server/platform/errors.js';
import { testApp, type TestApp } from '../../../test/app.js';
import { assets } from '../db/schema.js';
import { frenchCsv, xlsxOf } from '../import/testing-files.js';
import { importAssets } from './import-assets.js';
import { previewAssetImport } from './preview-asset-import.js';
import { actingAs, historyOf, insertAsset, insertRoom, uniqueSerial } from './testing-assets.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const header = ['N° de série', 'N° d’inventaire', 'UAI', 'Salle', 'Type', 'Statut', 'Date d’achat', 'Prix', 'Fin de garantie', 'Fournisseur', 'Financement'];

const bySerial = async (serials: string[]) =>
  t.ctx.db.select().from(assets).where(and(eq(assets.tenantId, t.ids.a.tenantId), inArray(assets.serial, serials)));

describe('importAssets', () => {
  it('creates, updates by serial or inventory number, leaves unchanged and rejects line by line', async () => {
    const admin = await actingAs(t, 'authority-admin');
    const school = t.ids.establishments.unit1[0];
    await insertRoom(t, school.id, 'B12');
    const known = await insertAsset(t, { establishmentId: school.id, serial: uniqueSerial('KN'), inventoryNumber: null, supplier: 'Ancien' });
    const byInventory = await insertAsset(t, { establishmentId: school.id, serial: null, inventoryNumber: `INV-${Date.now()}` });
    const untouched = await insertAsset(t, { establishmentId: school.id, serial: uniqueSerial('UN'), supplier: 'Même' });
    const [n1, n2] = [uniqueSerial('NEW'), uniqueSerial('NEW')];
    const file = frenchCsv([
      header,
      [n1.toLowerCase(), '', school.uai, 'B12', 'Ordinateur portable', 'En service', '01/09/2025', '1 249,90 €', '2030-09-01', 'UGAP', 'FEDER'],
      [known.serial!, '', '', '', '', 'En réparation', '', '', '', 'Nouveau', ''],
      ['', byInventory.inventoryNumber!, '', '', '', '', '', '899,00', '', '', ''],
      [untouched.serial!, '', '', '', '', '', '', '', '', 'Même', ''],
      [n2, '', school.uai, 'Z99', 'Tablette', '', '', '', '', '', ''],
      [uniqueSerial(), '', school.uai, '', 'Grille-pain', '', '31/02/2025', 'gratuit', '', '', ''],
      ['', '', school.uai, '', 'Tablette', '', '', '', '', '', ''],
      [n1, '', school.uai, '', 'Tablette', '', '', '', '', '', ''],
    ]);
    const report = await importAssets(admin, { bytes: file, filename: 'parc.csv', mode: 'apply-valid' });
    expect(report.status).toBe('applied');
    expect(report.totals).toEqual({ rows: 8, created: 1, updated: 2, unchanged: 1, rejected: 4 });
    expect(report.rejected.map((r) => r.line)).toEqual([6, 7, 8, 9]);
    expect(report.rejected[0].reason).toMatch(/Salle « Z99 » inconnue/);
    expect(report.rejected[1].reason).toMatch(/Grille-pain.*; .*31\/02\/2025.*; .*gratuit/);
    expect(report.rejected[2].reason).toMatch(/Ni numéro de série ni numéro d’inventaire/);
    expect(report.rejected[3].reason).toMatch(/ligne 2/);

    const [created] = await bySerial([n1]);
    expect(created).toMatchObject({ assetClass: 'laptop', status: 'in-service', purchaseDate: '2025-09-01', purchasePrice: '1249.90', warrantyEnd: '2030-09-01', fundingSource: 'feder', establishmentId: school.id });
    expect(created.roomId).not.toBeNull();
    expect((await historyOf(t, created.id)).map((e) => [e.kind, e.source])).toEqual([['install', 'import']]);
    const [updated] = await bySerial([known.serial!]);
    expect(updated).toMatchObject({ status: 'in-repair', supplier: 'Nouveau', version: 2 });
    expect((await historyOf(t, known.id)).map((e) => e.kind)).toEqual(['status', 'change']);
    const [priced] = await t.ctx.db.select().from(assets).where(eq(assets.id, byInventory.id));
    expect(priced.purchasePrice).toBe('899.00');
    const audit = await t.ctx.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'import'), inArray(auditEvents.entityId, [created.id, known.id, byInventory.id, untouched.id])));
    expect(audit).toHaveLength(3);
  });

  it('writes nothing in all-or-nothing mode when a line is rejected, and everything once it is fixed', async () => {
    const admin = await actingAs(t, 'authority-admin');
    const school = t.ids.establishments.unit2[0];
    const [a, b] = [uniqueSerial(), uniqueSerial()];
    const rows = (bad: string) => [header, [a, '', school.uai, '', 'PC', '', '', '', '', '', ''], [b, '', school.uai, '', bad, '', '', '', '', '', '']];
    const refused = await importAssets(admin, { bytes: frenchCsv(rows('Fusée')), filename: 'f.csv', mode: 'all-or-nothing' });
    expect(refused).toMatchObject({ status: 'refused', totals: { created: 0, rejected: 1 } });
    expect(await bySerial([a, b])).toHaveLength(0);
    const applied = await importAssets(admin, { bytes: frenchCsv(rows('Serveur')), filename: 'f.csv', mode: 'all-or-nothing' });
    expect(applied).toMatchObject({ status: 'applied', totals: { created: 2, rejected: 0 } });
    const again = await importAssets(admin, { bytes: frenchCsv(rows('Serveur')), filename: 'f.csv', mode: 'all-or-nothing' });
    expect(again.totals).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('reads an XLSX file with a mapping chosen by hand', async () => {
    const admin = await actingAs(t, 'authority-admin');
    const serial = uniqueSerial('XL');
    const bytes = await xlsxOf([
      ['Equipement', 'Numéro', 'Etablissement', 'Acheté le', 'Coût'],
      ['Vidéoprojecteur', serial, t.ids.establishments.noUnitLille.uai, new Date(Date.UTC(2024, 0, 15)), 649.5],
    ]);
    const preview = await previewAssetImport(admin, { bytes });
    expect(preview).toMatchObject({ format: 'xlsx', totalRows: 1, suggestedMapping: {} });
    expect(preview.rows[0].cells).toEqual(['Vidéoprojecteur', serial, t.ids.establishments.noUnitLille.uai, '2024-01-15', '649.5']);
    const report = await importAssets(admin, {
      bytes,
      filename: 'parc.xlsx',
      mode: 'all-or-nothing',
      mapping: { class: 'Equipement', serial: 'Numéro', uai: 'Etablissement', purchaseDate: 'Acheté le', purchasePrice: 'Coût' },
    });
    expect(report.totals.created).toBe(1);
    expect((await bySerial([serial]))[0]).toMatchObject({ assetClass: 'projector', purchaseDate: '2024-01-15', purchasePrice: '649.50' });
  });

  it('keeps a technician to their units: rows of other schools and devices outside are rejected', async () => {
    const tech = await actingAs(t, 'technician');
    const outsideDevice = await insertAsset(t, { establishmentId: t.ids.establishments.unit2[0].id });
    const mine = uniqueSerial();
    const report = await importAssets(tech, {
      bytes: frenchCsv([
        header,
        [mine, '', t.ids.establishments.unit1[1].uai, '', 'PC', '', '', '', '', '', ''],
        [uniqueSerial(), '', t.ids.establishments.unit2[0].uai, '', 'PC', '', '', '', '', '', ''],
        [outsideDevice.serial!, '', '', '', '', 'Réformé', '', '', '', '', ''],
        [uniqueSerial(), '', '', '', 'PC', '', '', '', '', '', ''],
      ]),
      filename: 'tech.csv',
      mode: 'apply-valid',
    });
    expect(report.totals).toMatchObject({ created: 1, rejected: 3 });
    expect(report.rejected.map((r) => r.reason)).toEqual([
      expect.stringMatching(/inconnu ou hors de votre périmètre/),
      expect.stringMatching(/hors de votre périmètre/),
      expect.stringMatching(/Établissement \(UAI\) » vide/),
    ]);
    const [outsideAfter] = await t.ctx.db.select().from(assets).where(eq(assets.id, outsideDevice.id));
    expect(outsideAfter.status).toBe('in-service');
  });

  it('refuses unreadable files and a mapping that names a missing column, writing nothing', async () => {
    const admin = await actingAs(t, 'authority-admin');
    const refusal = async (promise: Promise<unknown>) => {
      try {
        await promise;
      } catch (error) {
        return error as AppError;
      }
      throw new Error('expected a refusal');
    };
    const latin1 = Buffer.from('N° de série;Type\r\nABC;Vidéoprojecteur\r\n', 'latin1');
    expect((await refusal(importAssets(admin, { bytes: latin1, filename: 'x.csv', mode: 'apply-valid' }))).message).toMatch(/Windows-1252/);
    const csv = frenchCsv([['N° de série', 'Type'], ['ABC', 'PC']]);
    const mapped = await refusal(importAssets(admin, { bytes: csv, filename: 'x.csv', mode: 'apply-valid', mapping: { serial: 'Serial' } }));
    expect(mapped.code).toBe('VALIDATION');
    expect((await refusal(importAssets(await actingAs(t, 'contractor'), { bytes: csv, filename: 'x.csv', mode: 'apply-valid' }))).code).toBe('FORBIDDEN');
  });
});
