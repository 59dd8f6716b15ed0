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
    await context.close();
  });
});
