import { describe, expect, it } from 'vitest';
import { accounts, login, openPage, seriousViolations, useApp } from './support/app';

const app = useApp();

describe('pilotage : atteinte des cibles', () => {
  it('l’administrateur de la Région ouvre le tableau de bord du pilotage et voit la carte des écarts', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.admin);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Pilotage des cibles' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pilotage : atteinte des cibles' }).waitFor();
    await page.locator('svg[data-testid="carte-ecarts"] circle').first().waitFor();
    // a demo without target profiles says so; with profiles, each indicator's attainment is charted
    const dashboard = await (await page.request.get('/api/pilotage/dashboard')).json();
    const targeted = dashboard.indicators.find((i: { met: number; notMet: number; unknown: number }) => i.met + i.notMet + i.unknown > 0);
    if (targeted) await page.getByRole('heading', { level: 2, name: 'Atteinte des cibles par indicateur' }).waitFor();
    else await page.getByText(/Aucun profil cible ne s’applique encore/).waitFor();
    expect(await page.locator('svg[data-testid="carte-ecarts"]').getAttribute('aria-label')).toMatch(/^Carte des écarts de /);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
