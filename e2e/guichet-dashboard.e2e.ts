import AxeBuilder from '@axe-core/playwright';
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { accounts, login, openPage, screenshot, useApp } from './support/app';

const app = useApp();
let context: BrowserContext | undefined;

/**
 * Serious and critical WCAG 2.1 A/AA violations of the page's content (<main>): the header's
 * notifications menu, another area's work in progress, is checked by its own journeys.
 */
async function seriousViolationsInMain(page: Page) {
  const results = await new AxeBuilder({ page }).include('main').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}
afterAll(async () => {
  await context?.close().catch(() => undefined);
});

describe('guichet : tableau de bord', () => {
  it('l’administrateur de la Région voit ses indicateurs en graphiques, chacun avec ses données en tableau', async () => {
    const session = await openPage(app);
    context = session.context;
    const { page } = session;
    await login(page, accounts.admin);

    // a few tickets of the Région taken on the phone: two open, one solved (its requester has no account)
    const schools = (await (await context.request.get('/api/establishments?pageSize=2&sort=name')).json()).items as { uai: string }[];
    const opened = [];
    for (const [i, category] of ['devices', 'ent', 'devices'].entries()) {
      const response = await context.request.post('/api/tickets', {
        data: { uai: schools[i % schools.length].uai, title: `Tableau de bord e2e ${i}`, description: 'Pour le tableau de bord.', type: 'incident', urgency: 3, impact: 3, category, channel: 'phone', requester: { name: 'Accueil du lycée' } },
      });
      expect(response.status()).toBe(201);
      opened.push(await response.json());
    }
    const solved = await context.request.post(`/api/tickets/${opened[0].id}/status`, { data: { action: 'solve', version: opened[0].version, solution: 'Réparé.' } });
    expect(solved.status()).toBe(200);

    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Tableau de bord du guichet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord du guichet' }).waitFor();
    for (const title of ['Stock par équipe', 'Stock par niveau', 'Stock par catégorie', 'Délai de prise en charge', 'Délai de résolution', 'Tendance hebdomadaire', 'Satisfaction des demandeurs']) {
      // a chart is drawn as it comes near the screen: scroll down the page as a reader does
      await page.getByRole('heading', { level: 2, name: title }).scrollIntoViewIfNeeded();
    }
    // the charts are drawn (recharts' SVG), and each has its text alternative
    await expect.poll(() => page.locator('svg.recharts-surface').count()).toBeGreaterThanOrEqual(6);
    const stock = page.getByRole('img', { name: /Diagramme en barres, tickets ouverts par catégorie/ });
    await stock.waitFor();
    // the demo's months of tickets and the ones just opened: the chart says what the API counts
    const dashboard = await (await context.request.get('/api/desk/dashboard')).json();
    const ent = dashboard.backlog.byCategory.find((c: { key: string | null }) => c.key === 'ent').count as number;
    expect(ent).toBeGreaterThanOrEqual(1);
    expect(await stock.getAttribute('aria-label')).toMatch(new RegExp(`ENT \\(espace numérique de travail\\) ${ent}\\b`));
    await page.getByText('Satisfaction moyenne').waitFor();
    // the data table beside a chart opens
    await page.locator('#stock-categorie').getByText('Voir les données en tableau').click();
    await page.getByRole('table', { name: 'Tickets ouverts par catégorie' }).waitFor();
    expect(await seriousViolationsInMain(page)).toEqual([]);

    // a filter narrows the figures, kept in the address bar
    await page.getByRole('textbox', { name: 'Catégorie' }).click();
    await page.getByRole('option', { name: 'ENT (espace numérique de travail)' }).click();
    await page.waitForURL(/category=ent/);
    await expect.poll(async () => (await page.getByRole('img', { name: /tickets ouverts par catégorie/ }).getAttribute('aria-label')) ?? '').not.toMatch(/Parc informatique/);
    expect(await seriousViolationsInMain(page)).toEqual([]);
    await screenshot(page, 'guichet-tableau-de-bord');
  });
});
