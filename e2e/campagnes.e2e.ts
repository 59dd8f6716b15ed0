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
});
