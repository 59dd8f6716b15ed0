import type { APIRequestContext } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { accounts, screenshot, seriousViolations, useApp, useSignedInSessions } from './support/app';

/** The fleet screens over routes that were API-only: device file import, merge of two records, one delivery's serials. */

const app = useApp();
const signedIn = useSignedInSessions(app);

const stamp = () => Date.now().toString(36).toUpperCase() + Math.random().toString(36).slice(2, 5).toUpperCase();

/** A school the demo authority administrator reaches (the first of the list). */
let school = '';
beforeAll(async () => {
  const { context } = await signedIn(accounts.admin);
  school = ((await (await context.request.get('/api/establishments?pageSize=1')).json()).items[0] as { uai: string }).uai;
});

async function createDevice(request: APIRequestContext, values: Record<string, unknown>): Promise<string> {
  const response = await request.post('/api/assets', { data: { class: 'desktop', status: 'in-service', uai: school, ...values } });
  expect(response.status()).toBe(201);
  return (await response.json()).id;
}

describe('parc : écrans ajoutés', () => {
  it('importe un fichier d’équipements : aperçu, correspondance des colonnes modifiée, refus tout-ou-rien puis lignes valides et rapport ligne à ligne', async () => {
    const { context, page } = await signedIn(accounts.admin);
    const s = stamp();
    const csv = ['Numéro machine;UAI;Type;Nom', `IMP${s}1;${school};desktop;poste-import-1`, `IMP${s}2;${school};laptop;poste-import-2`, `IMP${s}3;0000000A;desktop;poste-import-3`].join('\r\n');
    await page.goto('/parc');
    await page.getByRole('link', { name: 'Importer un fichier' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import d’équipements' }).waitFor();
    await page.setInputFiles('#fichier-equipements', { name: 'livraison.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Lire le fichier' }).click();
    await page.getByRole('heading', { name: '2. Correspondance des colonnes' }).waitFor();
    // the suggestion found UAI and Type, not the serial under an unusual header: the person maps it
    expect(await page.getByLabel('Établissement (UAI)', { exact: true }).inputValue()).toBe('UAI');
    expect(await page.getByLabel('Numéro de série', { exact: true }).inputValue()).toBe('');
    await page.getByText('Associez une colonne au numéro de série').waitFor();
    expect(await page.getByRole('button', { name: 'Importer 3 lignes' }).isDisabled()).toBe(true);
    await page.getByLabel('Numéro de série', { exact: true }).selectOption('Numéro machine');
    await page.getByRole('region', { name: 'Premières lignes du fichier' }).getByText('poste-import-2').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Importer 3 lignes' }).click();
    await page.getByText('Import refusé : rien n’a été enregistré').waitFor();
    const rejected = page.getByRole('region', { name: 'Lignes rejetées' });
    expect(await rejected.getByRole('row').nth(1).textContent()).toMatch(/^4.*0000000A/);
    expect((await (await context.request.get(`/api/assets?search=IMP${s}`)).json()).total).toBe(0);

    await page.getByLabel('Appliquer les lignes valides').check();
    await page.getByRole('button', { name: 'Importer 3 lignes' }).click();
    await page.getByText('Import terminé').waitFor();
    expect(await page.locator('#rapport').textContent()).toContain('2 équipements créés');
    await screenshot(page, 'parc-import');
    expect(await seriousViolations(page)).toEqual([]);
    const created = (await (await context.request.get(`/api/assets?search=IMP${s}`)).json()) as { total: number; items: { serial: string; class: string }[] };
    expect(created.total).toBe(2);
    expect(created.items.map((i) => i.class).sort()).toEqual(['desktop', 'laptop']);

    // the file's bad input gets a French message, not a crash
    await page.setInputFiles('#fichier-equipements', { name: 'vide.csv', mimeType: 'text/csv', buffer: Buffer.from('', 'utf8') });
    await page.getByRole('button', { name: 'Lire le fichier' }).click();
    await page.getByRole('alert').filter({ hasText: /Fichier|Import impossible/ }).first().waitFor();
    expect(await page.getByRole('heading', { name: '2. Correspondance des colonnes' }).count()).toBe(0);
  });

  it('ne montre l’import qu’aux rôles qui peuvent modifier le parc', async () => {
    const { context, page } = await signedIn(accounts.auditor);
    await page.goto('/parc');
    await page.getByRole('heading', { level: 1, name: 'Parc informatique' }).waitFor();
    expect(await page.getByRole('link', { name: 'Importer un fichier' }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Import d’équipements' }).count()).toBe(0);
    const refused = await context.request.post('/api/assets/import/preview', { multipart: { file: { name: 'a.csv', mimeType: 'text/csv', buffer: Buffer.from('Serial\nX') } } });
    expect(refused.status()).toBe(403);
  });

  it('fusionne deux fiches choisies dans la liste, puis une fiche avec une autre trouvée par recherche ; l’historique le dit et la fusion s’annule', async () => {
    const { context, page } = await signedIn(accounts.admin);
    const s = stamp();
    const kept = await createDevice(context.request, { name: `fusion-${s}-garde`, serial: `FUS${s}A` });
    const absorbed = await createDevice(context.request, { name: `fusion-${s}-double`, inventoryNumber: `INV-${s}`, supplier: 'UGAP' });
    const third = await createDevice(context.request, { name: `fusion-${s}-troisieme`, serial: `FUS${s}C` });

    await page.goto(`/parc?search=fusion-${s}`);
    await page.getByRole('checkbox', { name: `Sélectionner fusion-${s}-garde` }).check();
    expect(await page.getByRole('button', { name: 'Fusionner', exact: true }).count()).toBe(0); // one selected: nothing to merge
    await page.getByRole('checkbox', { name: `Sélectionner fusion-${s}-double` }).check();
    await page.getByRole('checkbox', { name: `Sélectionner fusion-${s}-troisieme` }).check();
    expect(await page.getByRole('button', { name: 'Fusionner', exact: true }).count()).toBe(0); // three: neither
    await page.getByRole('checkbox', { name: `Sélectionner fusion-${s}-troisieme` }).uncheck();
    await page.getByRole('button', { name: 'Fusionner', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Fusionner deux fiches d’un même équipement' });
    await dialog.getByRole('radio', { name: new RegExp(`fusion-${s}-garde`) }).check();
    await dialog.getByText(`La fiche « fusion-${s}-garde » est conservée. La fiche « fusion-${s}-double » disparaît`).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByLabel('Motif').fill('Doublon de la livraison');
    await dialog.getByRole('button', { name: 'Fusionner', exact: true }).click();
    await page.waitForURL(new RegExp(`/parc/${kept}$`));
    await page.getByRole('heading', { level: 1, name: `fusion-${s}-garde` }).waitFor();
    const history = page.locator('#historique');
    await history.getByText(/Fusion manuelle avec l’équipement « fusion-.*-double.*Doublon de la livraison/).waitFor();
    expect(await page.locator('#identite').textContent()).toContain(`INV-${s}`); // an empty field filled from the absorbed record
    expect((await context.request.get(`/api/assets/${absorbed}`)).status()).toBe(404);

    // from the device page: search the other record, keep it, land on it
    await page.getByRole('button', { name: 'Fusionner avec…' }).click();
    const dialog2 = page.getByRole('dialog', { name: 'Fusionner deux fiches d’un même équipement' });
    await dialog2.getByLabel('Autre fiche du même équipement').fill(`FUS${s}C`);
    await dialog2.getByRole('radio', { name: new RegExp(`fusion-${s}-troisieme`) }).check();
    await dialog2.getByRole('radiogroup', { name: 'Fiche conservée' }).getByRole('radio', { name: new RegExp(`fusion-${s}-troisieme`) }).check();
    await dialog2.getByText(`La fiche « fusion-${s}-troisieme » est conservée. La fiche « fusion-${s}-garde » disparaît`).waitFor();
    await screenshot(page, 'parc-fusion');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog2.getByRole('button', { name: 'Fusionner', exact: true }).click();
    await page.waitForURL(new RegExp(`/parc/${third}$`));
    await page.getByRole('heading', { level: 1, name: `fusion-${s}-troisieme` }).waitFor();

    // the merge is undone from the kept record: the absorbed one comes back
    page.once('dialog', (d) => void d.accept());
    await page.locator('#rapprochements').getByRole('row', { name: new RegExp(`fusion-${s}-garde`) }).getByRole('button', { name: /Annuler ce rapprochement/ }).click();
    await page.locator('#rapprochements').getByText('La fiche absorbée est rétablie').waitFor();
    expect((await context.request.get(`/api/assets/${kept}`)).status()).toBe(200);
  });

  it('détail d’une livraison : numéros de série, étape et retard de chacun, et avancement des seuls numéros choisis', async () => {
    const { context, page } = await signedIn(accounts.admin);
    const s = stamp();
    const serials = Array.from({ length: 4 }, (_, i) => `LOT${s}${i}`);
    const created = await context.request.post('/api/deployments', {
      data: { uai: school, label: `Vague ${s}`, assetClass: 'laptop', expectedCount: 4, deliveredAt: new Date(Date.now() - 72 * 3600_000).toISOString(), deadlineHours: 48, serials },
    });
    expect(created.status()).toBe(201);
    const id = (await created.json()).id as string;
    await page.goto('/parc/deploiements');
    await page.getByRole('link', { name: `Vague ${s}` }).click();
    await page.waitForURL(new RegExp(`/parc/deploiements/${id}$`));
    await page.getByRole('heading', { level: 1, name: new RegExp(`Vague ${s}`) }).waitFor();
    await page.getByText(/En retard de \d+ h/).first().waitFor();
    const table = page.getByRole('region', { name: 'Équipements de la livraison' });
    for (const serial of serials) await table.getByRole('row', { name: new RegExp(serial) }).getByText('Livré').waitFor();
    expect(await table.getByText('En retard').count()).toBe(4);
    expect(await seriousViolations(page)).toEqual([]);

    await table.getByRole('checkbox', { name: `Choisir ${serials[0]}` }).check();
    await table.getByRole('checkbox', { name: `Choisir ${serials[2]}` }).check();
    await page.getByText('2 équipements choisis').waitFor();
    await page.getByLabel('Faire passer à l’étape').selectOption('imaged');
    await page.getByRole('button', { name: 'Faire avancer la sélection' }).click();
    await table.getByRole('row', { name: new RegExp(serials[0]) }).getByText('Masterisé').waitFor();
    await table.getByRole('row', { name: new RegExp(serials[2]) }).getByText('Masterisé').waitFor();
    expect(await table.getByRole('row', { name: new RegExp(serials[1]) }).textContent()).toContain('Livré');
    expect(await table.getByRole('row', { name: new RegExp(serials[3]) }).textContent()).toContain('Livré');
    const detail = (await (await context.request.get(`/api/deployments/${id}`)).json()) as { items: { serial: string; step: string }[] };
    expect(detail.items.map((i) => i.step)).toEqual(['imaged', 'delivered', 'imaged', 'delivered']);
    await screenshot(page, 'parc-livraison');

    // the step filter narrows the list to the devices still to handle
    await page.getByLabel('Étape', { exact: true }).selectOption('delivered');
    expect(await table.getByRole('row').count()).toBe(3); // header + 2
    expect(await seriousViolations(page)).toEqual([]);

    // a read-only role sees the serials but cannot advance them
    const auditor = await signedIn(accounts.auditor);
    await auditor.page.goto(`/parc/deploiements/${id}`);
    await auditor.page.getByRole('heading', { level: 1, name: new RegExp(`Vague ${s}`) }).waitFor();
    await auditor.page.getByRole('region', { name: 'Équipements de la livraison' }).getByText(serials[3]).waitFor();
    expect(await auditor.page.getByRole('button', { name: 'Faire avancer la sélection' }).count()).toBe(0);
  });
});
