import { describe, expect, it } from 'vitest';
import { accounts, screenshot, seriousViolations, useApp, useSignedInSessions } from './support/app';

/** Digital resources: the authority puts a title in the catalogue, a school chooses its licences on its own page. */

const app = useApp();
const signedIn = useSignedInSessions(app);

describe('marchés : ressources numériques', () => {
  it('un établissement choisit un titre du catalogue pour un niveau, déclare son effectif et voit ses licences par élève ; une quantité négative est refusée sur le champ', async () => {
    const admin = await signedIn(accounts.admin);
    const found = await (await admin.context.request.get('/api/contracts?search=HDF-2017-ENT')).json();
    const contract = await (await admin.context.request.get(`/api/contracts/${found.items[0].id}`)).json();
    const lot = contract.lots[0];
    const title = `Manuel numérique ${Date.now().toString(36).toUpperCase()}`;
    const created = await admin.context.request.post('/api/resource-titles', {
      data: { contractId: contract.id, lotId: lot.id, title, publisher: 'Éditions Essai', levels: ['2de', '1re'], throughGar: true, digital: true, priceItemId: lot.priceItems[0].id },
    });
    expect(created.status()).toBe(201);

    const { context, page } = await signedIn(accounts.staff);
    const uai = ((await (await context.request.get('/api/establishments?pageSize=1')).json()).items[0] as { uai: string }).uai;
    await page.goto('/marches/ressources');
    await page.getByRole('heading', { level: 1, name: 'Ressources numériques et ENT' }).waitFor();
    await page.getByRole('textbox', { name: /^Établissement/ }).click();
    await page.getByRole('option', { name: new RegExp(uai) }).click();
    const form = page.getByRole('form', { name: `Choix pour ${title}` });
    await form.getByRole('textbox', { name: 'Quantité' }).fill('-3');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await form.getByText('Une quantité positive.').waitFor();
    await form.getByRole('textbox', { name: 'Quantité' }).fill('120');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    const mine = page.getByRole('region', { name: /Choix de l’établissement/ }).getByRole('table');
    await mine.getByRole('row', { name: new RegExp(title) }).getByText('En attente').waitFor();
    expect(await mine.getByRole('row', { name: new RegExp(title) }).textContent()).toContain('120');
    // the school declares its 2de pupils (the référentiel counts none): the licences tab counts per pupil with it
    const headcount = page.getByRole('form', { name: 'Effectif déclaré' });
    await headcount.getByRole('textbox', { name: 'Élèves du niveau' }).fill('240');
    await headcount.getByRole('button', { name: 'Déclarer l’effectif' }).click();
    await page.getByText(/Effectif de 2de : 240 élève\(s\) enregistré\(s\)/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'marches-ressources');
    await page.getByRole('tab', { name: 'Licences' }).click();
    const licences = page.getByRole('table', { name: /Licences par établissement/ });
    const row = licences.getByRole('row', { name: new RegExp(uai) });
    await row.getByText(/Déclaré \(2de : 240\)/).waitFor();
    expect(await row.textContent()).toContain('240');
    expect(await seriousViolations(page)).toEqual([]);
    // the school sees its own choices only, and cannot consolidate
    const choices = await (await context.request.get('/api/resource-choices')).json();
    expect(new Set(choices.items.map((c: { uai: string }) => c.uai))).toEqual(new Set([uai]));
    expect((await context.request.post('/api/resource-consolidations', { data: { contractId: contract.id } })).status()).toBe(403);
  });
});
