import { describe, expect, it } from 'vitest';
import { accounts, seriousViolations, screenshot, useApp, useSignedInSessions } from './support/app';

const app = useApp();
const signedIn = useSignedInSessions(app);
const contractor = 'contractor.prestataire-demo@demo.coherence.fr';

describe('bons de commande des marchés', () => {
  it('un membre commande sur le bordereau, voit le refus du plafond, signe et envoie ; le coordonnateur lit la consommation', async () => {
    const { page, context } = await signedIn(accounts.admin);
    const schools = await (await context.request.get('/api/establishments?pageSize=1&departmentCode=59')).json();
    const uai: string = schools.items[0].uai;

    await page.goto('/marches/commandes');
    await page.getByRole('heading', { level: 1, name: 'Bons de commande' }).waitFor();
    await page.getByRole('table', { name: 'Bons de commande' }).locator('tbody tr').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Nouvelle commande' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle commande' }).waitFor();
    await page.getByRole('textbox', { name: 'Marché' }).click();
    await page.getByRole('option', { name: /^HDF-2016-THD/ }).click();
    await page.getByRole('textbox', { name: 'Lot' }).click();
    await page.getByRole('option', { name: /^Lot 1 :/ }).click();
    // the broadband contract ran from 2016 to 2020: the order is dated within its term, charged to the Région's FEDER 2018 line (60,000 EUR)
    await page.getByLabel('Date de la commande').fill('2018-09-03');
    await page.getByRole('textbox', { name: 'Article (ligne 1)' }).click();
    await page.getByRole('option', { name: /^FIB400-ABO/ }).click();
    await page.getByRole('textbox', { name: 'Quantité (ligne 1)' }).fill('24');
    await page.getByRole('textbox', { name: 'Site (ligne 1)' }).fill(uai);
    await page.getByRole('option', { name: new RegExp(uai) }).click();
    await expect.poll(() => page.getByTestId('total-ht').textContent()).toMatch(/^81\s600/);
    await page.getByRole('button', { name: 'Enregistrer la commande' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Commande refusée' });
    await refusal.getByText(/il reste 60\s000,00\s€ HT, la commande en demande 81\s600,00\s€ HT/).waitFor();
    await screenshot(page, 'commande-refusee');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('textbox', { name: 'Quantité (ligne 1)' }).fill('12');
    await page.getByRole('button', { name: 'Enregistrer la commande' }).click();
    await page.getByRole('heading', { level: 1, name: /^Bon de commande BC-2018-/ }).waitFor();
    await page.getByRole('cell', { name: new RegExp(`\\(${uai}\\)`) }).waitFor();
    await page.getByRole('button', { name: 'Signer' }).click();
    await page.getByRole('button', { name: 'Envoyer au titulaire' }).click();
    await page.getByText('Envoyé au titulaire', { exact: true }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto('/marches/consommation');
    await page.getByRole('heading', { level: 1, name: 'Consommation des marchés' }).waitFor();
    const perMember = page.getByRole('table', { name: 'Consommation par lot et par membre' });
    await perMember.getByRole('cell', { name: 'HDF-2016-THD' }).first().waitFor();
    expect(await page.locator('#par-lot [role="img"]').first().getAttribute('aria-label')).toMatch(/HDF-2016-THD lot 1 .* consommés/);
    await page.getByRole('table', { name: /Lignes budgétaires/ }).getByRole('cell', { name: 'FEDER très haut débit 2018', exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'consommation');
    expect(await seriousViolations(page)).toEqual([]);
    // drill-down: the FEDER line's orders
    await page.getByRole('link', { name: /commande\(s\) de la ligne FEDER très haut débit 2018/ }).click();
    await page.getByRole('table', { name: 'Bons de commande' }).getByRole('link', { name: /^BC-2018-/ }).waitFor();
  });

  it('le titulaire accuse réception et livre par fichier : rapport ligne à ligne, puis équipements au parc', async () => {
    const { page } = await signedIn(contractor);
    await page.goto('/marches/commandes?status=sent');
    await page.getByRole('heading', { level: 1, name: 'Commandes reçues' }).waitFor();
    // the oldest sent order of the page is the demo's (with its set-up fee): the member's journey above has just sent a newer one
    await page.getByRole('table', { name: 'Bons de commande' }).getByRole('link').last().click();
    await page.getByRole('heading', { level: 1, name: /^Bon de commande / }).waitFor();
    await page.getByRole('button', { name: 'Accuser réception' }).click();
    await page.getByText(/Reçu par le titulaire le/).waitFor();
    const setUpCode = ((await page.getByRole('cell', { name: /-FAS · / }).first().textContent()) ?? '').split(' ·')[0];
    expect(setUpCode).toMatch(/^FIB\d+-FAS$/);

    const bad = ['code;numéro de série', `${setUpCode};`, 'INCONNU-1;SN-E2E-0001'].join('\n');
    await page.setInputFiles('#fichier-livraison', { name: 'livraison.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
    await page.getByRole('button', { name: 'Déposer le fichier' }).click();
    const report = page.getByRole('table', { name: 'Lignes refusées' });
    await report.getByRole('cell', { name: 'Numéro de série manquant.' }).waitFor();
    await report.getByRole('cell', { name: /« INCONNU-1 » ne figure pas sur la commande/ }).waitFor();
    await screenshot(page, 'livraison-refusee');
    expect(await seriousViolations(page)).toEqual([]);

    const serial = `RTR-E2E-${Date.now().toString(36).toUpperCase()}`;
    await page.setInputFiles('#fichier-livraison', { name: 'livraison.csv', mimeType: 'text/csv', buffer: Buffer.from(`code;numéro de série;type\n${setUpCode};${serial};router\n`, 'utf8') });
    await page.getByRole('button', { name: 'Déposer le fichier' }).click();
    await page.getByText('Livré en partie', { exact: true }).first().waitFor();
    await page.getByRole('table', { name: 'Livraisons de la commande' }).getByRole('cell', { name: 'Fichier' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('le coordonnateur publie une révision du bordereau d’un lot : refus de date sur son champ, puis la version en vigueur à une date', async () => {
    const { page, context } = await signedIn(accounts.admin);
    const contract = (await (await context.request.get('/api/contracts?search=HDF-2016-THD')).json()).items[0];
    await page.goto(`/marches/${contract.id}`);
    await page.getByRole('heading', { level: 1, name: 'Marché HDF-2016-THD' }).waitFor();
    await page.getByRole('button', { name: 'Nouvelle version du bordereau du lot 4' }).click();
    const form = page.getByRole('form', { name: 'Nouvelle version du bordereau du lot 4' });
    // prefilled with the version in force: a revision changes a few prices
    expect(await form.getByRole('textbox', { name: 'Code (prix 1)' }).inputValue()).toMatch(/^FIB\d+-(ABO|FAS)$/);
    await form.getByLabel('En vigueur à partir du').fill('2016-01-01');
    await form.getByRole('textbox', { name: 'Prix unitaire HT en € (prix 1)' }).fill('1234,5');
    await form.getByRole('button', { name: 'Publier la version' }).click();
    await form.getByText('Date antérieure à la version en vigueur.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await form.getByLabel('En vigueur à partir du').fill('2019-01-01');
    await form.getByRole('button', { name: 'Publier la version' }).click();
    await page.getByText('Nouvelle version du bordereau du lot 4 enregistrée.').waitFor();
    await page.getByLabel('Bordereaux en vigueur le').fill('2019-06-01');
    await expect.poll(() => page.getByTestId('lot-4-in-force').textContent()).toMatch(/bordereau v2, en vigueur depuis le 01\/01\/2019/);
    await page.getByRole('table', { name: 'Bordereau v2 du lot 4' }).getByRole('cell', { name: /^1\s234,50\s€$/ }).waitFor();
    await page.getByLabel('Bordereaux en vigueur le').fill('2018-06-01');
    await expect.poll(() => page.getByTestId('lot-4-in-force').textContent()).toMatch(/bordereau v1/);
    await screenshot(page, 'bordereau-revision');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
