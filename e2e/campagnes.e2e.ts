import { describe, expect, it } from 'vitest';
import { accounts, login, openPage, seriousViolations, useApp } from './support/app';

const app = useApp();

describe('campagnes : l’administrateur de la Région instruit les dossiers d’une campagne', () => {
  it('ouvre la campagne Lycée 4.0 et voit ses dossiers, filtrables par état', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.grandEstAdmin);
    await page.goto('/campagnes');
    await page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Lycée 4.0 — aide à l’équipement individuel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lycée 4.0 — aide à l’équipement individuel' }).waitFor();
    const rows = page.getByRole('region', { name: /Dossiers de la campagne/ }).locator('tbody tr');
    await rows.first().getByRole('link', { name: /^n° \d+$/ }).waitFor();
    expect(await rows.count()).toBeGreaterThan(1);
    await page.getByRole('checkbox', { name: 'Choisir tous les dossiers de la page' }).check();
    await page.getByRole('button', { name: 'Accepter' }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('textbox', { name: 'État' }).click();
    await page.getByRole('option', { name: 'Accepté', exact: true }).click();
    await page.getByText(/sur \d/).first().waitFor();
    await expect.poll(async () => (await rows.locator('td:nth-child(4)').allTextContents()).every((t) => t.startsWith('Accepté'))).toBe(true);

    const first = rows.first().getByRole('link', { name: /^n° \d+$/ });
    const label = (await first.textContent())!;
    await first.click();
    await page.getByRole('heading', { level: 1, name: `Dossier ${label}` }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Historique' }).waitFor();
    await page.getByRole('button', { name: 'Rouvrir' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('une famille simule son aide sans compte', async () => {
    const { context, page } = await openPage(app);
    await page.goto('/campagnes/simulateur');
    await page.getByRole('button', { name: 'Simuler' }).click();
    await page.getByText('Reste à la charge de la famille').waitFor();
    expect(await page.getByRole('region', { name: /Échéancier \(10 mensualités\)/ }).locator('tbody tr').count()).toBe(10);
    await page.getByLabel(/Nombre de mensualités/).fill('40');
    await page.getByRole('button', { name: 'Simuler' }).click();
    await page.getByText('Entre 1 et 36 échéances.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('la Région règle les groupes d’instructeurs et les établissements éligibles, demande des avis en masse, et retrouve les quantités accordées dans les déploiements', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.admin);
    await page.goto('/campagnes');
    await page.getByRole('link', { name: 'Renouvellement des équipements des lycées — 2027' }).click();
    await page.getByRole('heading', { level: 2, name: 'Groupes d’instructeurs' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Établissements éligibles' }).waitFor();

    // a group routed by département: a wrong code is refused on its field, before anything is sent
    await page.getByRole('button', { name: 'Ajouter un groupe' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouveau groupe d’instructeurs' });
    await dialog.getByRole('textbox', { name: 'Nom' }).fill('Lycées du Nord');
    await dialog.getByRole('button', { name: 'Ajouter une règle' }).click();
    await dialog.getByRole('textbox', { name: 'Critère de la règle 1' }).click();
    await page.getByRole('option', { name: 'Département', exact: true }).click();
    const codes = dialog.getByRole('textbox', { name: 'Codes de département' });
    await codes.fill('Nord');
    await codes.press('Enter');
    await dialog.getByRole('button', { name: 'Enregistrer le groupe' }).click();
    await dialog.getByText(/Département : son code/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await codes.press('Backspace');
    await codes.fill('59');
    await codes.press('Enter');
    await dialog.getByRole('button', { name: 'Enregistrer le groupe' }).click();
    await page.getByRole('listitem').filter({ hasText: 'Lycées du Nord' }).getByText('Département : 59').waitFor();

    // experts asked on every file of the page at once
    await page.getByRole('checkbox', { name: 'Choisir tous les dossiers de la page' }).check();
    await page.getByRole('button', { name: 'Demander des avis' }).click();
    const ask = page.getByRole('dialog', { name: /^Demander des avis sur \d+ dossier/ });
    await ask.getByRole('button', { name: 'Demander les avis' }).click();
    await ask.getByText('Choisissez au moins un expert.').waitFor();
    await ask.getByRole('textbox', { name: 'Experts' }).fill('academy');
    await page.getByRole('option', { name: /academy-staff\.ac-lille/ }).first().click();
    await ask.getByRole('textbox', { name: 'Question posée' }).fill('Le besoin est-il justifié ?');
    expect(await seriousViolations(page)).toEqual([]);
    await ask.getByRole('button', { name: 'Demander les avis' }).click();
    await page.getByText(/\d+ dossier\(s\) : avis demandé\(s\)\./).waitFor();

    // the quantities granted on accepted files wait in the fleet's deployments; a delivery starts from one
    await page.goto('/parc/deploiements');
    const planned = page.getByRole('region', { name: 'Déploiements prévus' });
    await planned.locator('tbody tr').first().waitFor();
    await expect.poll(() => page.locator('.mantine-Notification-root').count(), { timeout: 20_000 }).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    const before = await planned.locator('tbody tr').count();
    await planned.locator('tbody tr').first().getByRole('button', { name: /^Enregistrer la livraison/ }).click();
    await page.getByRole('heading', { level: 2, name: /^Livraison pour : / }).waitFor();
    expect(Number(await page.getByRole('textbox', { name: 'Équipements attendus' }).inputValue())).toBeGreaterThan(0);
    await page.locator('#nouvelle-livraison').getByRole('button', { name: 'Enregistrer la livraison' }).click();
    await page.getByText('Livraison enregistrée.').waitFor();
    await expect.poll(() => planned.locator('tbody tr').count().catch(() => 0)).toBe(before - 1);
    await context.close();
  });
});
