import { describe, expect, it } from 'vitest';
import { accounts, seriousViolations, useApp, useSignedInSessions } from './support/app';

/**
 * The notifications menu in the header and the desk's e-mail address in the desk settings,
 * against the demo server (npm start: jobs on, pg-boss on PGlite or PostgreSQL).
 */

const app = useApp();
const signedIn = useSignedInSessions(app);
describe('guichet : notifications et courriel', () => {
  it('le demandeur voit la réponse publique du guichet dans la cloche, l’ouvre et la marque lue', async () => {
    const staff = await signedIn(accounts.staff);
    const schools = await (await staff.context.request.get('/api/establishments?pageSize=1')).json();
    const title = `Imprimante E2E ${Date.now().toString(36)}`;
    const opened = await staff.context.request.post('/api/tickets', {
      data: { uai: schools.items[0].uai, title, description: 'Bourrage papier.', type: 'incident', urgency: 3, impact: 3 },
    });
    expect(opened.status()).toBe(201);
    const ticket = await opened.json();

    const desk = await signedIn(accounts.admin);
    const answered = await desk.context.request.post(`/api/tickets/${ticket.id}/followups`, { data: { body: 'Un technicien passe demain.' } });
    expect(answered.status()).toBe(201);
    const hidden = await desk.context.request.post(`/api/tickets/${ticket.id}/followups`, { data: { body: 'NOTE-PRIVEE-E2E', isPrivate: true } });
    expect(hidden.status()).toBe(201);

    const page = staff.page;
    await page.reload();
    const bell = page.getByRole('button', { name: /^Notifications : \d+ non lue/ });
    await bell.click();
    const dialog = page.getByRole('dialog', { name: 'Notifications' });
    const link = dialog.getByRole('link', { name: `[n° ${ticket.number}] Nouvelle réponse du guichet : ${title}` });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/guichet/${ticket.id}`);
    expect(await dialog.textContent()).not.toContain('NOTE-PRIVEE-E2E');
    expect(await seriousViolations(page)).toEqual([]);

    await dialog.getByRole('button', { name: `Marquer comme lue : [n° ${ticket.number}] Nouvelle réponse du guichet : ${title}` }).click();
    await dialog.getByRole('button', { name: /^Marquer comme lue/ }).first().waitFor({ state: 'detached' }).catch(() => undefined);
    await expect.poll(async () => (await (await page.request.get('/api/notifications')).json()).unread).toBe(0);
    await page.getByRole('button', { name: 'Notifications', exact: true }).waitFor();
  });

  it('l’administrateur voit et change l’adresse de réception du guichet dans les réglages', async () => {
    const { page } = await signedIn(accounts.admin);
    await page.goto('/guichet/configuration');
    await page.getByRole('heading', { level: 1, name: 'Configuration du guichet' }).waitFor();
    await page.getByRole('tab', { name: 'Réglages' }).click();
    const field = page.getByLabel('Adresse de réception');
    await expect.poll(() => field.inputValue()).toBe('guichet@hautsdefrance.coherence.localhost');
    expect(await seriousViolations(page)).toEqual([]);

    await field.fill('pas une adresse');
    await page.getByRole('button', { name: 'Enregistrer l’adresse' }).click();
    await page.getByText('Adresse électronique invalide').waitFor();
    await field.fill('guichet-e2e@hautsdefrance.coherence.localhost');
    await page.getByRole('button', { name: 'Enregistrer l’adresse' }).click();
    await page.getByText('Adresse du guichet enregistrée.').waitFor();
    expect((await (await page.request.get('/api/desk/mail')).json()).inboundAddress).toBe('guichet-e2e@hautsdefrance.coherence.localhost');
  });
});
