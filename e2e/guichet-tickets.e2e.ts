import { beforeAll, describe, expect, it } from 'vitest';
import { accounts, seriousViolations, useApp, useSignedInSessions } from './support/app';

const app = useApp();

/** What the journeys share: the staff member's school, a room and a device there, the ticket they open. */
const world = { uai: '', schoolName: '', roomName: `Salle E2E ${Date.now().toString(36).toUpperCase()}`, device: { id: '', name: '' }, ticketId: '', ticketNumber: 0 };
const title = 'Vidéoprojecteur sans image en salle';
const privateNote = 'Note interne : lampe du vidéoprojecteur à commander chez le prestataire.';
const publicNote = 'Nous passons demain matin changer la lampe.';

/** « 2026-03-06T16:05 » as a datetime-local field reads it in the browser (Europe/Paris). */
const parisInput = (d: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(d).replace(' ', 'T');

const signedIn = useSignedInSessions(app);

beforeAll(async () => {
  // the staff member's own school, a room described there (they manage its premises) and one of its devices
  const { context } = await signedIn(accounts.staff);
  const schools = await (await context.request.get('/api/establishments?pageSize=2')).json();
  expect(schools.total).toBe(1);
  world.uai = schools.items[0].uai;
  world.schoolName = schools.items[0].name;
  const building = await (await context.request.post(`/api/establishments/${world.uai}/buildings`, { data: { name: 'Bâtiment E2E' } })).json();
  const room = await context.request.post(`/api/establishments/${world.uai}/rooms`, { data: { buildingId: building.id, name: world.roomName, kind: 'classroom', floor: '1' } });
  expect(room.status()).toBe(201);
  const devices = await (await context.request.get(`/api/assets?uai=${world.uai}&class=projector&pageSize=1`)).json();
  world.device = { id: devices.items[0].id, name: devices.items[0].name };
  await context.close();
});

describe('guichet : un ticket de bout en bout', () => {
  it('le référent de l’établissement signale un incident avec la salle et l’équipement ; la page du ticket montre priorité, équipe et échéances', async () => {
    const { page } = await signedIn(accounts.staff);
    await page.goto('/guichet/nouveau');
    await page.getByRole('heading', { level: 1, name: /Signaler un incident/ }).waitFor();
    // their own school is preselected
    await expect.poll(() => page.getByRole('textbox', { name: /^Établissement/ }).inputValue()).toContain(world.uai);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('textbox', { name: 'Salle' }).click();
    await page.getByRole('option', { name: new RegExp(world.roomName) }).click();
    await page.getByRole('textbox', { name: 'Équipements concernés' }).fill(world.device.name);
    await page.getByRole('option', { name: new RegExp(world.device.name) }).click();
    await page.keyboard.press('Escape');
    await page.getByLabel('Catégorie').selectOption('devices');
    await page.getByLabel('Urgence').selectOption('4');
    await page.getByRole('textbox', { name: 'Titre' }).fill(title);
    await page.getByRole('textbox', { name: 'Description' }).fill('Plus aucune image depuis ce matin, le voyant clignote orange.');

    // a refused attachment is said in French before anything is sent
    await page.locator('input[type="file"]').setInputFiles({ name: 'virus.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
    await page.getByText(/type de fichier refusé/).waitFor();
    await page.locator('input[type="file"]').setInputFiles({ name: 'constat.txt', mimeType: 'text/plain', buffer: Buffer.from('Voyant orange clignotant.\n') });

    await page.getByRole('button', { name: 'Envoyer le ticket' }).click();
    await page.waitForURL(/\/guichet\/[0-9a-f-]{36}$/);
    world.ticketId = page.url().split('/').pop()!;
    const heading = page.getByRole('heading', { level: 1, name: new RegExp(`Ticket n° \\d+ — ${title}`) });
    await heading.waitFor();
    world.ticketNumber = Number(/n° (\d+)/.exec((await heading.textContent())!)![1]);
    await page.getByText(/Priorité haute/).first().waitFor();
    await page.getByText(/— Secteur 1 /).first().waitFor();
    const own = page.getByRole('group', { name: 'Prise en charge' });
    await own.getByText(/échéance le/).waitFor();
    await page.getByRole('group', { name: 'Résolution' }).getByText(/échéance le/).waitFor();
    await page.getByText(world.roomName).waitFor();
    await page.getByRole('link', { name: world.device.name }).waitFor();
    await page.getByRole('button', { name: 'Télécharger constat.txt' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const api = await (await page.request.get(`/api/tickets/${world.ticketId}`)).json();
    expect(api).toMatchObject({ status: 'new', priority: 4, room: { name: world.roomName }, assets: [{ id: world.device.id }], category: { key: 'devices' } });
    expect(api.attachments).toHaveLength(1);
  });

  it('le technicien du secteur le prend en charge, ajoute un suivi privé et un public, et le résout', async () => {
    const { page } = await signedIn(accounts.technician);
    await page.goto('/guichet');
    await page.getByRole('heading', { level: 1, name: 'Guichet unique' }).waitFor();
    await page.getByRole('searchbox', { name: /Rechercher/ }).fill(String(world.ticketNumber));
    await page.waitForURL(new RegExp(`search=${world.ticketNumber}`));
    const row = page.getByRole('row').filter({ hasText: title });
    await row.getByText(/Dans les délais|Échéance proche|Délai dépassé/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await row.getByText(title).click(); // a click on the row opens the ticket
    await page.waitForURL(new RegExp(`/guichet/${world.ticketId}$`));

    // someone else starts it meanwhile: the page's version is stale, the server says 409 in French
    const read = await (await page.request.get(`/api/tickets/${world.ticketId}`)).json();
    await page.getByRole('button', { name: 'Prendre en charge' }).waitFor();
    expect((await page.request.post(`/api/tickets/${world.ticketId}/status`, { data: { action: 'start', version: read.version } })).status()).toBe(200);
    await page.getByRole('button', { name: 'Prendre en charge' }).click();
    await page.getByRole('alert').filter({ hasText: 'Le ticket a changé entre-temps' }).waitFor();
    await page.getByRole('button', { name: 'Démarrer' }).waitFor({ state: 'detached' }); // the page now shows the started ticket
    await page.getByRole('button', { name: 'Prendre en charge' }).click();
    await page.getByText('Attribué', { exact: true }).first().waitFor();
    await page.getByText('Vous', { exact: true }).waitFor();

    await page.getByRole('switch', { name: /Suivi privé/ }).check({ force: true });
    await page.getByRole('textbox', { name: 'Nouveau suivi' }).fill(privateNote);
    await page.getByRole('button', { name: 'Ajouter le suivi' }).click();
    await page.getByRole('article', { name: /Suivi privé/ }).getByText(privateNote).waitFor();
    await page.getByRole('textbox', { name: 'Nouveau suivi' }).fill(publicNote);
    await page.getByRole('button', { name: 'Ajouter le suivi' }).click();
    await page.getByRole('article', { name: /^Suivi de/ }).getByText(publicNote).waitFor();

    await page.getByRole('button', { name: 'Résoudre' }).click();
    // too short for the route's schema: refused on its field, in French, before sending
    const solution = page.getByRole('textbox', { name: 'Solution' });
    await solution.fill('ok');
    await page.getByRole('form', { name: 'Résoudre le ticket' }).getByRole('button', { name: 'Résoudre' }).click();
    await expect.poll(() => solution.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('form', { name: 'Résoudre le ticket' }).getByText('Décrivez la solution (3 caractères au moins).').waitFor();
    await solution.fill('Lampe remplacée, image revenue.');
    await page.getByRole('form', { name: 'Résoudre le ticket' }).getByRole('button', { name: 'Résoudre' }).click();
    await page.getByText('Résolu', { exact: true }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('le référent voit le suivi public et pas le privé, accepte la solution et donne son avis', async () => {
    const { page } = await signedIn(accounts.staff);
    await page.goto(`/guichet/${world.ticketId}`);
    await page.getByText(publicNote).waitFor();
    expect(await page.getByText(privateNote).count()).toBe(0);
    expect(await page.getByText(/Privé/).count()).toBe(0);
    // the desk's actions are not theirs
    expect(await page.getByRole('button', { name: 'Prendre en charge' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Accepter la solution' }).click();
    await page.getByText('Clos', { exact: true }).first().waitFor();
    await page.getByRole('radio', { name: /5 — Très satisfait/ }).check();
    await page.getByRole('textbox', { name: /Commentaire/ }).fill('Rapide et efficace.');
    await page.getByRole('button', { name: 'Envoyer mon avis' }).click();
    await page.getByText(/Note donnée : 5 sur 5/).waitFor();
    const api = await (await page.request.get(`/api/tickets/${world.ticketId}`)).json();
    expect(api).toMatchObject({ status: 'closed', satisfaction: { rating: 5, comment: 'Rapide et efficace.' } });
    expect(api.followups.map((f: { body: string }) => f.body)).not.toContain(privateNote);

    // the hotline is the desk's: not in their menu, refused at its address
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    expect(await nav.getByRole('link', { name: 'Signaler un incident' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Appel hotline' }).count()).toBe(0);
    await page.goto('/guichet/appel');
    await page.getByRole('alert').filter({ hasText: 'Accès non autorisé' }).waitFor();
  });

  it('la hotline saisit deux appels de suite au clavier, le second à l’heure où il a été reçu', async () => {
    const { page } = await signedIn(accounts.technician);
    await page.goto('/guichet/appel');
    const caller = page.getByRole('textbox', { name: 'Nom de l’appelant' });
    await expect.poll(() => caller.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    let previous: string | null = null;
    const call = async (name: string, summary: string, openedAt?: string) => {
      await page.keyboard.type(name);
      await page.keyboard.press('Tab');
      await page.keyboard.type('03 20 00 00 00');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.type(world.uai);
      // a UAI typed in full comes first in the answers
      const answers = page.getByRole('listbox').getByRole('option');
      await expect.poll(async () => ((await answers.count()) ? await answers.first().textContent() : '')).toContain(world.uai);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      if (openedAt) await page.getByLabel('Appel reçu le').fill(openedAt);
      await page.getByRole('textbox', { name: 'Description courte' }).focus();
      await page.keyboard.type(summary);
      await page.keyboard.press('Enter');
      const confirmation = page.getByRole('status').filter({ hasText: 'Dernier appel enregistré' });
      const link = confirmation.getByRole('link', { name: /^Ticket n° \d+$/ });
      await expect.poll(async () => ((await link.count()) ? await link.textContent() : null), { timeout: 15_000 }).not.toBe(previous);
      previous = await link.textContent();
      await expect.poll(() => caller.evaluate((el) => el === document.activeElement && (el as HTMLInputElement).value === '')).toBe(true);
      return Number(/(\d+)/.exec(previous!)![1]);
    };

    const first = await call('Mme Durand', 'Imprimante du CDI bloquée');
    // a call taken two hours ago, logged now
    const earlier = new Date(Date.now() - 2 * 3600_000);
    const second = await call('M. Martin', 'Pas de réseau en salle 204', parisInput(earlier));
    expect(second).toBe(first + 1);

    const found = await (await page.request.get(`/api/tickets?search=${second}`)).json();
    const detail = await (await page.request.get(`/api/tickets/${found.items[0].id}`)).json();
    expect(detail).toMatchObject({ channel: 'phone', requester: { name: 'M. Martin', contact: '03 20 00 00 00' }, title: 'Pas de réseau en salle 204', establishment: { uai: world.uai } });
    expect(Math.abs(new Date(detail.openedAt).getTime() - earlier.getTime())).toBeLessThan(60_000);

    // a call "taken" tomorrow is refused in French, nothing is recorded
    const tomorrow = new Date(Date.now() + 86_400_000);
    await caller.fill('M. Futur');
    await page.getByLabel('Appel reçu le').fill(parisInput(tomorrow));
    await page.getByRole('button', { name: 'Enregistrer l’appel' }).click();
    await page.getByText('L’heure de l’appel ne peut pas être dans le futur.').waitFor();
  });
});
