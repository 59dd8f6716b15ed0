import { describe, expect, it } from 'vitest';
import { accounts, login, openPage, seriousViolations, useApp } from './support/app';

const app = useApp();

const statusColors: Record<string, string> = { met: '#087f5b', not_met: '#c92a2a', unknown: '#495057' };

describe('pilotage : atteinte des cibles', () => {
  it('l’administrateur de la Région voit la carte des écarts sur les contours des départements, ouvre un chiffre et l’exporte', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.admin);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Pilotage des cibles' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pilotage : atteinte des cibles' }).waitFor();
    const map = page.locator('svg[data-testid="carte-ecarts"]');
    await map.locator('g[data-uai]').first().waitFor();
    // the outlines shipped with the application, only the départements of the Région's schools
    await map.locator('path[data-departement]').first().waitFor();
    const dashboard = await (await page.request.get('/api/pilotage/dashboard')).json();
    const departments = new Set(dashboard.points.map((p: { departmentCode: string | null }) => p.departmentCode).filter(Boolean));
    expect(await map.locator('path[data-departement]').count()).toBe(departments.size);
    expect(await map.getAttribute('aria-label')).toMatch(/^Carte de .* sur les contours de /);
    // a school's marker carries its status in its colour (and shape)
    const placed = dashboard.points.find((p: { latitude: number | null }) => p.latitude !== null);
    const marker = map.locator(`g[data-uai="${placed.uai}"]`);
    expect(await marker.getAttribute('data-statut')).toBe(placed.status);
    const painted = await marker.locator('circle, path').first().evaluate((el) => [el.getAttribute('fill'), el.getAttribute('stroke')]);
    expect(painted).toContain(statusColors[placed.status]);
    // drill-down: the schools behind a status, as many as the figure says, then exported
    const [status, word] = dashboard.statuses.notMet > 0 ? ['notMet', 'avec un écart'] : dashboard.statuses.unknown > 0 ? ['unknown', 'au statut inconnu'] : ['met', 'aux cibles atteintes'];
    await page.getByRole('button', { name: new RegExp(`^${dashboard.statuses[status]} ${word}`) }).click();
    const detail = page.getByRole('region', { name: /^Détail : / });
    await detail.getByRole('table').waitFor();
    await detail.getByText(new RegExp(`^${dashboard.statuses[status]} établissements`)).first().waitFor();
    const download = page.waitForEvent('download');
    await detail.getByRole('button', { name: 'Exporter CSV' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.csv$/);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
