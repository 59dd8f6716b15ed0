import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seriousViolations, useApp, useSignedInSessions } from './support/app';

const app = useApp();
const signedIn = useSignedInSessions(app);

describe('pilotage : gouvernance et services de la Métropole', () => {
  it('le pilotage de la Région ouvre une réunion, émet un nouveau dossier de séance et télécharge celui qui a été émis', async () => {
    const { page } = await signedIn('steering.hauts-de-france@demo.coherence.fr');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Gouvernance' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gouvernance' }).waitFor();
    for (const body of ['Groupe projet hebdomadaire', 'Comité technique semestriel', 'Comité de pilotage annuel']) await page.getByRole('heading', { level: 2, name: body }).waitFor();
    await page.getByText('En retard').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Comité de pilotage annuel' }) }).getByRole('link', { name: /Réunion du/ }).first().click();
    await page.getByRole('heading', { level: 1, name: /Comité de pilotage annuel — réunion du/ }).waitFor();
    await page.getByText('Adoptée').waitFor();
    await page.getByRole('button', { name: 'Télécharger la version 1 (PDF)' }).waitFor();
    await page.getByRole('button', { name: 'Émettre un nouveau dossier' }).click();
    await page.getByRole('button', { name: 'Télécharger la version 2 (PDF)' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger la version 1 (PDF)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^dossier-comite-de-pilotage-annuel-\d{4}-\d{2}-\d{2}-v1\.pdf$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('une commune voit le service rendu à ses écoles et sa part des coûts, jamais les chiffres d’une autre', async () => {
    const metropole = await signedIn('authority-admin.rennes-metropole@demo.coherence.fr');
    const all = (await (await metropole.context.request.get('/api/metropole/communes')).json()) as { communeId: string; name: string; status: string }[];
    expect(all.filter((c) => c.status === 'refused').map((c) => c.name)).toEqual(['Commune de Thorigné-Fouillard']);
    const bruz = all.find((c) => c.name === 'Commune de Bruz')!;

    const { page, context } = await signedIn('steering.cesson-sevigne@demo.coherence.fr');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Services de la Métropole' }).click();
    await page.getByRole('heading', { level: 1, name: 'Services de la Métropole' }).waitFor();
    const rows = page.getByRole('table', { name: 'Communes' }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByRole('link', { name: 'Commune de Cesson-Sévigné' }).click();
    await page.getByRole('heading', { level: 1, name: /Service rendu à la commune de Cesson-Sévigné/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Niveau de service obtenu face au catalogue' }).waitFor();
    await expect.poll(() => page.locator('svg.recharts-surface').count()).toBeGreaterThanOrEqual(2);
    await page.getByRole('img', { name: /Maintenance des postes/ }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // another commune's page, by its real id: not found, nothing of Bruz shown
    const refused = await context.request.get(`/api/metropole/communes/${bruz.communeId}/service`);
    expect(refused.status()).toBe(404);
    expect(await refused.text()).not.toContain('Bruz');
    await page.goto(`/pilotage/metropole/communes/${bruz.communeId}`);
    await page.getByText('Commune introuvable.').waitFor();
  });
});
