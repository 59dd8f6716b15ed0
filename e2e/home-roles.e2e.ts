import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accounts, login, openPage, screenshot, seriousViolations, useApp } from './support/app';

const app = useApp();
const number = (n: number) => new Intl.NumberFormat('fr-FR').format(n);

/** The ids of the sections of <main>, top to bottom. */
const sectionOrder = (page: Page) => page.locator('main section[id]').evaluateAll((sections) => sections.map((s) => s.id));

/** Each figure of the desk's section, as the page writes it, is the one the API counts. */
async function expectDeskFigures(page: Page, figures: [string, keyof Counts][]) {
  const home = await (await page.request.get('/api/desk/home')).json();
  const text = (await page.locator('#guichet').textContent()) ?? '';
  for (const [label, key] of figures) expect(text, label).toContain(`${label}${number(home.counts[key])}`);
  return home;
}
type Counts = Record<'open' | 'late' | 'unowned' | 'assignedToMe' | 'requestedByMe' | 'solvedLast30Days', number>;

describe('accueil : chacun voit d’abord ce sur quoi il agit', () => {
  it('le référent d’un lycée voit ses tickets ouverts puis le parc de son lycée', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.staff);
    await page.getByRole('heading', { level: 2, name: 'Vos tickets en cours' }).waitFor();
    await page.locator('#parc').getByText('Équipements en parc').waitFor();
    expect((await sectionOrder(page)).slice(0, 2)).toEqual(['guichet', 'parc']);
    const home = await expectDeskFigures(page, [['Tickets ouverts', 'open'], ['Demandés par vous', 'requestedByMe'], ['En retard', 'late']]);
    expect(home.counts.requestedByMe).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    const first = home.tickets[0];
    await page.locator('#guichet').getByRole('link', { name: `n° ${first.number} — ${first.title}` }).click();
    await page.waitForURL(new RegExp(`/guichet/${first.id}$`));
    await context.close();
  });

  it('le technicien voit sa file, ses retards d’abord', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.technician);
    await page.getByRole('heading', { level: 2, name: 'Votre file' }).waitFor();
    expect((await sectionOrder(page))[0]).toBe('guichet');
    const home = await expectDeskFigures(page, [['Assignés à vous', 'assignedToMe'], ['Ouverts dans votre périmètre', 'open'], ['En retard', 'late'], ['Nouveaux à prendre en charge', 'unowned']]);
    expect(home.counts.assignedToMe).toBeGreaterThan(0);
    expect(home.counts.late).toBeGreaterThan(0);
    // the most urgent first: late tickets lead the list
    expect(home.tickets[0].sla.breached).toBe(true);
    await page.locator('#guichet').getByText(/en retard/).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('#guichet').getByRole('link', { name: 'Voir la liste' }).first().click();
    await page.waitForURL(/\/guichet\?.*mine=assigned/);
    await page.getByRole('table').locator('tbody tr').first().waitFor();
    await context.close();
  });

  it('l’administrateur de la Région voit le patrimoine puis le guichet, avec ses tickets en retard', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.admin);
    await page.getByRole('heading', { level: 2, name: 'Guichet' }).waitFor();
    await page.locator('#parc').getByText('Équipements en parc').waitFor();
    const order = await sectionOrder(page);
    expect(order.indexOf('parc')).toBeLessThan(order.indexOf('guichet'));
    const home = await expectDeskFigures(page, [['Tickets ouverts', 'open'], ['En retard', 'late'], ['Nouveaux à prendre en charge', 'unowned'], ['Résolus en 30 jours', 'solvedLast30Days']]);
    expect(home.counts.open).toBeGreaterThan(20);
    expect(home.tickets.every((t: { sla: { breached: boolean } }) => t.sla.breached)).toBe(true);
    await screenshot(page, 'accueil-administrateur');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
