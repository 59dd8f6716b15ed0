import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accounts, seriousViolations, useApp, useSignedInSessions } from './support/app';

const app = useApp();

const signedIn = useSignedInSessions(app);
async function configuration(context: BrowserContext) {
  const response = await context.request.get('/api/desk/configuration');
  expect(response.status()).toBe(200);
  return response.json();
}

describe('guichet : configuration par la collectivité', () => {
  it('l’administrateur modifie la matrice de priorité et une convention ; une modification concurrente est signalée', async () => {
    const { context, page } = await signedIn(accounts.admin);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Configuration du guichet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Configuration du guichet' }).waitFor();
    await page.getByRole('table', { name: 'Équipes de support du guichet' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // the 5 × 5 grid: urgency medium × impact medium becomes high
    await page.getByRole('tab', { name: 'Matrice de priorité' }).click();
    const cell = page.getByLabel('Priorité pour une urgence moyenne et un impact moyen');
    expect(await cell.inputValue()).toBe('3');
    expect(await seriousViolations(page)).toEqual([]);
    await cell.selectOption('4');
    await page.getByRole('button', { name: 'Publier la matrice' }).click();
    await page.getByText('Matrice de priorité publiée.').waitFor();
    const afterMatrix = await configuration(context);
    expect(afterMatrix.priorityMatrix.matrix[2][2]).toBe(4);
    expect(afterMatrix.priorityMatrix.version).toBe(2);

    // the agreement: medium priority resolved in 12 business hours instead of 16
    await page.getByRole('tab', { name: 'Conventions' }).click();
    const resolve = page.getByLabel('Résolution en heures — Toutes catégories, priorité moyenne');
    expect(await resolve.inputValue()).toBe('16');
    expect(await seriousViolations(page)).toEqual([]);
    await resolve.fill('12');
    await page.getByRole('button', { name: 'Publier la convention' }).click();
    await page.getByText('Convention publiée.').waitFor();
    const agreement = (await configuration(context)).agreements.find((a: { id: string }) => a.id === 'convention-demo');
    expect(agreement).toMatchObject({ version: 2, targets: { '3': { timeToOwnMinutes: 240, timeToResolveMinutes: 720 } } });

    // someone else publishes the matrix meanwhile: the stale page is told to reload
    await page.getByRole('tab', { name: 'Matrice de priorité' }).click();
    await expect.poll(() => page.getByLabel('Priorité pour une urgence moyenne et un impact moyen').inputValue()).toBe('4');
    const other = await context.request.put('/api/desk/priority-matrix', { data: { version: 2, matrix: afterMatrix.priorityMatrix.matrix } });
    expect(other.status()).toBe(200);
    await page.getByLabel('Priorité pour une urgence haute et un impact haut').selectOption('5');
    await page.getByRole('button', { name: 'Publier la matrice' }).click();
    await page.getByRole('alert').filter({ hasText: 'Modifié entre-temps' }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'rechargez' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Recharger' }).click();
    await page.getByText(/^Version 3, en vigueur depuis le/).waitFor();

    // the other tabs and the team form pass axe too
    await page.getByRole('tab', { name: 'Équipes' }).click();
    await page.getByRole('button', { name: 'Nouvelle équipe' }).click();
    await page.getByText('Nouvelle équipe', { exact: true }).last().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // the saves' notifications gone before the tabs' accessibility checks (fading out, their text is half-transparent)
    await expect.poll(() => page.locator('.mantine-Notification-root').count(), { timeout: 20_000 }).toBe(0);
    for (const [tab, marker] of [
      ['Catégories', 'Catégories de tickets et organisation responsable'],
      ['Calendriers', 'Heures d’ouverture'],
      ['Réglages', 'Pannes répétées'],
    ] as const) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByText(marker).first().waitFor();
      expect({ tab, violations: await seriousViolations(page) }).toEqual({ tab, violations: [] });
    }
    await page.getByRole('tab', { name: 'Calendriers' }).click();
    await page.screenshot({ path: '/tmp/coherence-guichet-calendriers.png', fullPage: true });
  });

  it('une équipe sans nom est refusée sur son champ, en français, sans rien envoyer', async () => {
    const { page } = await signedIn(accounts.admin);
    await page.goto('/guichet/configuration');
    await page.getByRole('tab', { name: 'Équipes' }).click();
    await page.getByRole('button', { name: 'Nouvelle équipe' }).click();
    const form = page.locator('form[aria-labelledby="equipe-form-titre"]');
    await form.waitFor();
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/api/desk/teams')) posts.push(request.url());
    });
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    const name = form.getByLabel('Nom');
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    const described = ((await name.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
    const texts = await Promise.all(described.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(texts.join(' ')).toContain('Le nom est obligatoire.');
    expect(await form.textContent()).not.toContain('Certaines valeurs envoyées ne sont pas valides');
    expect(await seriousViolations(page)).toEqual([]);
    expect(posts).toEqual([]);
  });

  it('un calendrier dont une plage finit avant de commencer est refusé sur son champ, en français', async () => {
    const { page } = await signedIn(accounts.admin);
    await page.goto('/guichet/configuration');
    await page.getByRole('tab', { name: 'Calendriers' }).click();
    const puts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PUT' && request.url().includes('/api/desk/calendars')) puts.push(request.url());
    });
    const end = page.getByLabel('Lundi, plage 1 : fin');
    await end.fill('07:00');
    await page.getByRole('button', { name: 'Publier le calendrier' }).click();
    await expect.poll(() => end.getAttribute('aria-invalid')).toBe('true');
    const described = ((await end.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
    const texts = await Promise.all(described.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(texts.join(' ')).toContain('L\'heure de fin doit être après l\'heure de début.');
    expect(puts).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('un technicien consulte la configuration sans pouvoir la modifier, et sans lien dans le menu', async () => {
    const { page } = await signedIn(accounts.technician);
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Configuration du guichet' }).count()).toBe(0);
    await page.goto('/guichet/configuration');
    await page.getByText('Consultation seule').waitFor();
    expect(await page.getByRole('button', { name: 'Nouvelle équipe' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Matrice de priorité' }).click();
    expect(await page.getByLabel('Priorité pour une urgence moyenne et un impact moyen').isDisabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
