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
    // the figures are kept up to 15 s: « Recalculer » asks for them again now
    const recomputed = page.waitForResponse((r) => r.url().includes('/api/pilotage/dashboard?fresh=true') && r.status() === 200);
    await page.getByRole('button', { name: 'Recalculer' }).click();
    await recomputed;
    await page.getByText(/^Calculé le /).waitFor();
    // the targets behind the figures: each profile's versions, and a new version from the last one's thresholds
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Profils cibles' }).click();
    await page.getByRole('heading', { level: 1, name: 'Profils cibles' }).waitFor();
    const profiles = (await (await page.request.get('/api/pilotage/target-profiles')).json()).items as { id: string; name: string; versions: { number: number }[] }[];
    const profile = profiles[0];
    const section = page.locator('section', { has: page.getByRole('heading', { level: 2, name: new RegExp(`^${profile.name} \\(`) }) });
    const last = profile.versions[profile.versions.length - 1].number;
    await section.getByRole('table', { name: new RegExp(`^${profile.name}, version ${last}`) }).waitFor();
    await section.getByRole('button', { name: 'Nouvelle version' }).click();
    await section.getByRole('button', { name: 'Créer la version' }).click();
    await section.getByRole('table', { name: new RegExp(`^${profile.name}, version ${last + 1}`) }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('l’administrateur compare côte à côte les deux scénarios du PPI : coût par année sous les plafonds, établissements à la cible, équité, financement', async () => {
    const { context, page } = await openPage(app, { width: 1440, height: 1000 });
    await login(page, accounts.admin);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Plan pluriannuel (PPI)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Plan pluriannuel d’investissement' }).waitFor();
    const scenarios = (await (await page.request.get('/api/pilotage/ppi/scenarios')).json()).items as { id: string; name: string; status: string }[];
    const [first, second] = scenarios;
    expect(scenarios.map((s) => s.status).sort()).toEqual(['draft', 'voted']);
    const compared = (await (await page.request.get(`/api/pilotage/ppi/compare?ids=${first.id},${second.id}`)).json()).items as {
      scenario: { name: string };
      years: { year: number; costCents: number; ceilingCents: number }[];
    }[];
    // the demo's works fill both budgets (8 and 6 MEUR a year) without ever going over a ceiling
    for (const c of compared) {
      const cost = c.years.reduce((sum, y) => sum + y.costCents, 0);
      const ceilings = c.years.reduce((sum, y) => sum + y.ceilingCents, 0);
      expect(c.years.every((y) => y.costCents <= y.ceilingCents)).toBe(true);
      expect(cost / ceilings).toBeGreaterThan(0.85);
    }
    const section = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Comparaison de scénarios' }) });
    // the two scenarios side by side: their year tables on one line, left to right
    const yearTable = (name: string) => section.getByRole('table', { name: `Par année : ${name}` });
    await yearTable(second.name).waitFor();
    const [left, right] = [await yearTable(first.name).boundingBox(), await yearTable(second.name).boundingBox()];
    expect(Math.abs(left!.y - right!.y)).toBeLessThan(2);
    expect(right!.x).toBeGreaterThan(left!.x + left!.width);
    expect(await yearTable(first.name).getByRole('row').count()).toBe(compared[0].years.length + 1);
    for (const name of [first.name, second.name]) {
      await section.getByRole('table', { name: `Équité : ${name}` }).getByRole('rowheader', { name: 'Tous les établissements' }).waitFor();
      await section.getByRole('table', { name: `Financement : ${name}` }).waitFor();
    }
    // the chart's text alternative holds both scenarios' yearly figures
    const chart = section.getByRole('img', { name: /^Diagramme en barres du coût programmé chaque année par scénario/ });
    expect(await chart.getAttribute('aria-label')).toContain(second.name);
    expect(await seriousViolations(page)).toEqual([]);
    // the same scenario chosen twice: one column, the other one's tables go
    await section.getByRole('textbox', { name: 'Second scénario' }).click();
    await page.getByRole('option', { name: new RegExp(`^${first.name.replace(/[()]/g, '\\$&')}`) }).click();
    await yearTable(second.name).waitFor({ state: 'detached' });
    await yearTable(first.name).waitFor();
    expect(await section.getByRole('table', { name: /^Par année : / }).count()).toBe(1);
    await context.close();
  });
});

