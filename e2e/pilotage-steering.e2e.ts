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

    // the draft's operations: one moved over its year's ceiling (refused, in French, on the field), then out of the plan
    const draft = scenarios.find((s) => s.status === 'draft')!;
    type Op = { id: string; name: string; uai: string; kind: string; quantity: number; costCents: number; year: number | null; financedCents: number };
    const operations = async () => (await (await page.request.get(`/api/pilotage/ppi/scenarios/${draft.id}/operations?pageSize=500`)).json()).items as Op[];
    const ops = await operations();
    const ceilings = (await (await page.request.get('/api/pilotage/ppi/scenarios')).json()).items.find((s: { id: string }) => s.id === draft.id) as { startYear: number; yearlyCeilingsCents: number[] };
    const spent = (year: number) => ops.filter((o) => o.year === year).reduce((sum, o) => sum + o.costCents, 0);
    const top = ops[0];
    const fullYear = ceilings.yearlyCeilingsCents.map((c, i) => ceilings.startYear + i).find((y) => y !== top.year && spent(y) + top.costCents > ceilings.yearlyCeilingsCents[y - ceilings.startYear]);
    expect(fullYear).toBeDefined();
    const opsSection = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Opérations d’un scénario' }) });
    await opsSection.getByRole('table', { name: /opérations/ }).waitFor();
    // the server's page of 25 and its total, then a year of the plan: its own total, counted by the server
    const totalOf = async (query: string) => (await (await page.request.get(`/api/pilotage/ppi/scenarios/${draft.id}/operations?pageSize=1${query}`)).json()).total as number;
    const allTotal = await totalOf('');
    const firstYear = ceilings.startYear;
    const yearTotal = await totalOf(`&year=${firstYear}`);
    expect(yearTotal).toBeLessThan(allTotal);
    const fr = (n: number) => new Intl.NumberFormat('fr-FR').format(n);
    await opsSection.getByText(`1–${fr(Math.min(25, allTotal))} sur ${fr(allTotal)}`).waitFor();
    await opsSection.getByLabel('Année', { exact: true }).selectOption(String(firstYear));
    await opsSection.getByRole('table', { name: `${yearTotal} opérations, par priorité` }).waitFor();
    await opsSection.getByLabel('Année', { exact: true }).selectOption('');
    await opsSection.getByRole('table', { name: `${allTotal} opérations, par priorité` }).waitFor();
    await opsSection.getByRole('button', { name: /^Modifier : / }).first().click();
    const editor = page.getByRole('region', { name: /^Opération : / });
    const move = editor.getByRole('form', { name: 'Programmation de l’opération' });
    await move.getByLabel('Année de programmation').selectOption(String(fullYear));
    await move.getByRole('button', { name: 'Reprogrammer' }).click();
    await move.getByText(new RegExp(`Le plafond de ${fullYear} .* serait dépassé : rien n’a été modifié\\.`)).waitFor();
    await move.getByLabel('Année de programmation').selectOption('hors-plan');
    await move.getByRole('button', { name: 'Reprogrammer' }).click();
    await page.getByText('Opération reprogrammée.').waitFor();
    await expect.poll(async () => (await operations()).find((o) => o.id === top.id)!.year).toBeNull();

    // its financing: lines one euro short are refused by the server, then the lines that make its cost are kept
    const financing = page.getByRole('region', { name: /^Opération : / }).getByRole('form', { name: 'Financement de l’opération' });
    const euros = (cents: number) => (cents / 100).toFixed(2);
    while ((await financing.getByRole('button', { name: /^Retirer la ligne/ }).count()) > 0) await financing.getByRole('button', { name: /^Retirer la ligne/ }).first().click();
    await financing.getByRole('button', { name: 'Ajouter une ligne' }).click();
    await financing.getByLabel('Source 1').selectOption('own');
    await financing.getByLabel('Montant 1 (€)').fill(euros(top.costCents - 200));
    await financing.getByLabel('Source 2').selectOption('feder');
    await financing.getByLabel('Montant 2 (€)').fill('1');
    await financing.getByRole('button', { name: 'Enregistrer le financement' }).click();
    await financing.getByRole('alert').filter({ hasText: /ne font pas le coût de l’opération .* rien n’a été modifié/ }).waitFor();
    await financing.getByLabel('Montant 2 (€)').fill('2');
    await financing.getByRole('button', { name: 'Enregistrer le financement' }).click();
    await page.getByText('Financement enregistré : ses lignes font le coût de l’opération.').waitFor();
    const financed = (await operations()).find((o) => o.id === top.id)! as Op & { financing: { source: string; amountCents: number }[] };
    expect(financed.financedCents).toBe(top.costCents);
    expect(financed.financing.map((l) => [l.source, l.amountCents])).toEqual([['own', top.costCents - 200], ['feder', 200]]);
    await expect.poll(() => page.locator('.mantine-Notification-root').count(), { timeout: 20_000 }).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // the voted version is frozen: said so, and nothing to edit
    const voted = scenarios.find((s) => s.status === 'voted')!;
    await opsSection.getByRole('textbox', { name: 'Scénario' }).click();
    await page.getByRole('option', { name: `${voted.name} (voté)`, exact: true }).click();
    await opsSection.getByText(/ses opérations et leur financement sont figés/).waitFor();
    expect(await opsSection.getByRole('button', { name: /^Modifier : / }).count()).toBe(0);
    await context.close();
  });
});

