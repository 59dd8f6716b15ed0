import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { accounts, login, openPage, screenshot, seriousViolations, useApp } from './support/app';
import { repoRoot } from './support/server';

const app = useApp();

/** A real GLPI Agent inventory (the format's own example), made into a new machine each time. */
const example = JSON.parse(readFileSync(join(repoRoot, 'fixtures/inventory/glpi-inventory-format/examples/computer_1.json'), 'utf8'));

interface Machine {
  name: string;
  serial: string;
  deviceId: string;
  tag: string;
  macs: string[];
  memoryMb: number;
}

let sequence = 0;
function newMachine(tag: string): Machine {
  const stamp = `${Date.now().toString(36)}${(++sequence).toString(36)}`.toUpperCase();
  const hex = stamp.replace(/[^0-9A-F]/g, '0').padStart(8, '0').slice(-8).toLowerCase();
  const mac = (last: string) => `00:1b:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}:${last}`;
  return { name: `e2e-${stamp.toLowerCase()}`, serial: `E2E${stamp}`, deviceId: `e2e-${stamp.toLowerCase()}-2026-01-05-08-00-00`, tag, macs: [mac('a1'), mac('b2')], memoryMb: 8192 };
}

/** The example with this machine's identity: serial, UUID, agent id, name, physical MACs, memory modules. */
function inventoryOf(m: Machine) {
  const doc = structuredClone(example);
  doc.deviceid = m.deviceId;
  doc.tag = m.tag;
  doc.content.bios.ssn = m.serial;
  doc.content.bios.msn = `/${m.serial}/`;
  doc.content.hardware.uuid = randomUUID();
  doc.content.hardware.name = m.name;
  // one new MAC per physical interface (the agent lists an interface once per address)
  const byInterface = new Map<string, string>();
  for (const n of doc.content.networks as { description: string; virtualdev?: boolean; mac?: string }[]) {
    if (n.virtualdev !== false || !n.mac) continue;
    if (!byInterface.has(n.description)) byInterface.set(n.description, m.macs[byInterface.size % m.macs.length]);
    n.mac = byInterface.get(n.description);
  }
  // the system's total is what counts; the modules add up to it on this machine
  doc.content.hardware.memory = m.memoryMb;
  doc.content.memories = (doc.content.memories as { capacity: number }[]).map((mem) => ({ ...mem, capacity: m.memoryMb / 2 }));
  return doc;
}

/** What a deployed GLPI Agent does: POST its JSON to /api/v1/inventory, with or without credentials. */
async function sendInventory(m: Machine, authorization?: string) {
  const response = await fetch(`${app.server.url}/api/v1/inventory`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'GLPI-Agent_v1.7', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(inventoryOf(m)),
  });
  return { status: response.status, body: await response.text() };
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const statusText = (page: Page) => page.getByRole('status').filter({ hasText: /équipements? trouvés?|Aucun équipement/ });

/** Searches the device list the way a person does, and waits for the count to settle. */
async function searchList(page: Page, text: string) {
  await page.getByRole('searchbox', { name: /Rechercher/ }).fill(text);
  await page.waitForURL(new RegExp(`search=${encodeURIComponent(text)}`));
  await page.getByRole('table').and(page.locator('[aria-busy="false"]')).waitFor();
}

/** A school of sector 1 (the demo technician's) and one of sector 2, of the Hauts-de-France demo. */
const schools = { inSector1: '', inSector2: '' };

beforeAll(async () => {
  const { context, page } = await openPage(app);
  await login(page, accounts.admin);
  const units = (await (await context.request.get('/api/units')).json()).items as { id: string; parentId: string | null; code: string; establishmentCount: number }[];
  const subtree = (rootCode: string) => {
    const ids = new Set([units.find((u) => u.code === rootCode)!.id]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const u of units) if (u.parentId && ids.has(u.parentId) && !ids.has(u.id)) (ids.add(u.id), (grew = true));
    }
    return units.filter((u) => ids.has(u.id) && u.establishmentCount > 0);
  };
  const firstSchool = async (unitId: string) =>
    ((await (await context.request.get(`/api/establishments?unitId=${unitId}&pageSize=1`)).json()).items[0] as { uai: string }).uai;
  schools.inSector1 = await firstSchool(subtree('S1')[0].id);
  schools.inSector2 = await firstSchool(subtree('S2')[0].id);
  await context.close();
});

describe('parc informatique', () => {
  const seen = newMachine('');

  it('reçoit l’inventaire d’un agent étiqueté ; la liste le montre, la recherche par n° de série le trouve, la fiche donne mémoire et logiciels', async () => {
    seen.tag = schools.inSector2;
    const sent = await sendInventory(seen);
    expect(sent, app.server.output()).toMatchObject({ status: 200 });
    expect(JSON.parse(sent.body).status).toBe('ok');

    const { context, page } = await openPage(app);
    await login(page, accounts.admin);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Parc informatique' }).click();
    await page.getByRole('heading', { level: 1, name: 'Parc informatique' }).waitFor();
    await statusText(page).filter({ hasText: 'trouvés' }).waitFor();

    // by date of last inventory, oldest first: the demo's three agents, then this one (never-inventoried devices come last)
    await page.goto('/parc?sort=lastInventoryAt&order=asc');
    expect(await page.getByRole('columnheader', { name: /Dernier inventaire/ }).getAttribute('aria-sort')).toBe('ascending');
    await page.getByRole('table').getByRole('link', { name: seen.name }).waitFor();
    await screenshot(page, 'parc-liste');
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto('/parc');
    await searchList(page, seen.serial);
    await statusText(page).filter({ hasText: '1 équipement trouvé' }).waitFor();
    const row = page.getByRole('table').locator('tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain(seen.serial);
    // the MAC address finds it too
    await searchList(page, seen.macs[0]);
    await statusText(page).filter({ hasText: '1 équipement trouvé' }).waitFor();

    await page.getByRole('table').getByRole('link', { name: seen.name }).click();
    await page.getByRole('heading', { level: 1, name: seen.name }).waitFor();
    await page.getByRole('heading', { name: 'Logiciels installés (6)' }).waitFor();
    const hardware = page.locator('#materiel');
    await hardware.getByText('8 Go', { exact: true }).waitFor();
    await hardware.getByText(/Intel\(R\) Core\(TM\) i5-6200U/).waitFor();
    expect(await page.locator('#identite').textContent()).toContain(seen.serial);
    expect(await page.locator('#identite').textContent()).toContain(schools.inSector2);
    // the software table filters as one types
    await page.getByRole('searchbox', { name: 'Rechercher un logiciel' }).fill('calc');
    await page.getByRole('status').filter({ hasText: '1 logiciel sur 6' }).waitFor();
    await page.locator('#historique').getByText('Découvert par l’inventaire automatique').waitFor();
    await screenshot(page, 'parc-fiche');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('rapproche le rapport d’un agent réinstallé (même n° de série), l’inscrit dans l’historique et permet d’annuler le rapprochement', async () => {
    const reinstalled = { ...seen, deviceId: `${seen.deviceId}-bis`, memoryMb: 16384 };
    const { context, page } = await openPage(app);
    await login(page, accounts.admin);
    // a new agent id re-identifies the device: only an agent with the authority's credentials may
    // (an anonymous one would leave a proposal, see the trust model in the README)
    const credentials = await context.request.post('/api/inventory/credentials', {
      data: { username: 'hauts-de-france/e2e-reinstall', label: 'Poste réinstallé (recette)', password: 'Reinstall-E2e-2026!' },
    });
    expect(credentials.status()).toBe(201);
    expect((await sendInventory(reinstalled, basic('hauts-de-france/e2e-reinstall', 'Reinstall-E2e-2026!'))).status).toBe(200);

    const list = await (await context.request.get(`/api/assets?search=${seen.serial}`)).json();
    expect(list.total).toBe(1);
    await page.goto(`/parc/${list.items[0].id}`);
    await page.getByRole('heading', { level: 1, name: seen.name }).waitFor();
    await page.locator('#materiel').getByText('16 Go', { exact: true }).waitFor();
    const timeline = page.getByRole('list', { name: /Historique IMAC/ });
    await timeline.getByText('Mémoire : 8192 Mo → 16384 Mo').waitFor();
    await timeline.getByText(/Rapproché d’un nouvel agent/).waitFor();
    const matches = page.locator('#rapprochements');
    await matches.getByRole('cell', { name: 'Actif' }).waitFor();

    page.once('dialog', (dialog) => void dialog.accept());
    await matches.getByRole('button', { name: /Annuler ce rapprochement/ }).click();
    await page.getByText('Rapprochement annulé.').waitFor();
    await matches.getByRole('cell', { name: 'Annulé' }).waitFor();
    expect(await matches.getByRole('button', { name: /Annuler ce rapprochement/ }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('modifie la fiche (champ verrouillé contre l’agent), signale la modification concurrente (409) et propose de recharger', async () => {
    const first = await openPage(app);
    const second = await openPage(app);
    await login(first.page, accounts.admin);
    await login(second.page, accounts.admin);
    const id = (await (await first.context.request.get(`/api/assets?search=${seen.serial}`)).json()).items[0].id as string;

    await first.page.goto(`/parc/${id}`);
    await first.page.getByRole('button', { name: 'Modifier', exact: true }).click();
    await first.page.getByRole('heading', { name: 'Modifier l’équipement' }).waitFor();
    expect(await seriousViolations(first.page)).toEqual([]);
    await first.page.getByLabel('Numéro d’inventaire').fill('INV-E2E-0001');
    await first.page.getByRole('textbox', { name: 'Nom', exact: true }).fill(`${seen.name}-cdi`);
    await first.page.getByLabel('Motif de la modification').fill('Étiquette posée au CDI');
    await first.page.getByRole('button', { name: 'Enregistrer' }).click();
    await first.page.getByText('Modifications enregistrées.').waitFor();
    await first.page.getByRole('heading', { level: 1, name: `${seen.name}-cdi` }).waitFor();
    await first.page.getByText(/Champs verrouillés contre l’agent.*Nom/).waitFor();
    await first.page.getByRole('list', { name: /Historique IMAC/ }).getByText(/Étiquette posée au CDI/).waitFor();

    // both open the form on the same version; the second saves first
    await first.page.getByRole('button', { name: 'Modifier', exact: true }).click();
    await second.page.goto(`/parc/${id}`);
    await second.page.getByRole('button', { name: 'Modifier', exact: true }).click();
    await second.page.getByLabel('Fournisseur').fill('Titulaire du lot 2');
    await second.page.getByRole('button', { name: 'Enregistrer' }).click();
    await second.page.getByText('Modifications enregistrées.').waitFor();

    await first.page.getByLabel('Bon de commande').fill('BC-2026-001');
    await first.page.getByRole('button', { name: 'Enregistrer' }).click();
    const conflict = first.page.getByRole('alert').filter({ hasText: 'Modification concurrente' });
    await conflict.waitFor();
    await screenshot(first.page, 'parc-conflit');
    expect(await seriousViolations(first.page)).toEqual([]);
    await first.page.getByRole('button', { name: 'Recharger la version actuelle' }).click();
    await first.page.locator('#administratif').getByText('Titulaire du lot 2').waitFor();

    // the agent's next report does not overwrite the locked name
    expect((await sendInventory({ ...seen, deviceId: `${seen.deviceId}-ter` })).status).toBe(200);
    const after = await (await first.context.request.get(`/api/assets/${id}`)).json();
    expect(after.name).toBe(`${seen.name}-cdi`);
    await first.context.close();
    await second.context.close();
  });

  it('prête puis rend une sélection d’équipements (action groupée) depuis la liste', async () => {
    const cart = [newMachine(schools.inSector1), newMachine(schools.inSector1)];
    for (const m of cart) expect((await sendInventory(m)).status).toBe(200);
    const { context, page } = await openPage(app);
    await login(page, accounts.admin);
    await page.goto('/parc');
    await searchList(page, 'e2e-');
    for (const m of cart) await page.getByRole('checkbox', { name: `Sélectionner ${m.name}` }).check();
    const actions = page.getByRole('region', { name: 'Actions sur la sélection' });
    await actions.getByText('2 équipements sélectionnés').waitFor();
    await actions.getByRole('button', { name: 'Prêter' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Prêter' }).click();
    await dialog.getByText('Indiquez à qui le matériel est prêté (classe, projet, enseignant).').waitFor();
    await dialog.getByText('Indiquez la date de retour prévue.').waitFor();
    await dialog.getByLabel('Prêté à').fill('Projet radio de la classe de 2nde B');
    await dialog.getByLabel('Retour prévu le').fill('2099-12-15');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Prêter' }).click();
    await page.getByText('2 équipements modifiés.').waitFor();
    for (const m of cart) {
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: m.name }) });
      await row.getByText('Prêté', { exact: true }).waitFor();
    }
    // the device's page says to whom and until when
    await page.getByRole('link', { name: cart[0].name }).click();
    await page.getByText('Prêt en cours').waitFor();
    await page.getByText('Projet radio de la classe de 2nde B', { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goBack();
    await searchList(page, 'e2e-');

    for (const m of cart) await page.getByRole('checkbox', { name: `Sélectionner ${m.name}` }).check();
    await actions.getByRole('button', { name: 'Retour de prêt' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Enregistrer le retour' }).click();
    await page.getByText('2 équipements modifiés.').last().waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: cart[0].name }) });
    await row.getByText('En service', { exact: true }).waitFor();
    // the notifications gone before the next dialog's accessibility check (fading out, their text is half-transparent)
    await expect.poll(() => page.getByText('2 équipements modifiés.').count(), { timeout: 20_000 }).toBe(0);

    // a mobile cart of the school: the two devices go in it, and the cart's page lists them
    const cartName = `Classe mobile ${cart[0].name}`;
    const created = await context.request.post('/api/assets', { data: { class: 'mobile-cart', status: 'in-service', name: cartName, uai: schools.inSector1 } });
    expect(created.status(), await created.text()).toBe(201);
    for (const m of cart) await page.getByRole('checkbox', { name: `Sélectionner ${m.name}` }).check();
    await actions.getByRole('button', { name: 'Ranger dans une classe mobile' }).click();
    const cartDialog = page.getByRole('dialog');
    await cartDialog.getByRole('option', { name: cartName }).waitFor({ state: 'attached' });
    await cartDialog.getByLabel('Classe mobile').selectOption({ label: cartName });
    expect(await seriousViolations(page)).toEqual([]);
    await cartDialog.getByRole('button', { name: 'Ranger' }).click();
    await page.getByText('2 équipements modifiés.').last().waitFor();
    await page.goto(`/parc/${(await created.json()).id}`);
    const contents = page.getByRole('region', { name: 'Contenu de la classe mobile' });
    for (const m of cart) await contents.getByRole('link', { name: m.name }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('ne montre pas au technicien du secteur 1 l’équipement d’un lycée du secteur 2', async () => {
    const mine = newMachine(schools.inSector1);
    expect((await sendInventory(mine)).status).toBe(200);
    const { context, page } = await openPage(app);
    await login(page, accounts.technician);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Parc informatique' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Agents d’inventaire' }).count()).toBe(0);

    await page.goto('/parc');
    await searchList(page, seen.serial);
    await statusText(page).filter({ hasText: 'Aucun équipement trouvé' }).waitFor();
    await searchList(page, mine.serial);
    await statusText(page).filter({ hasText: '1 équipement trouvé' }).waitFor();

    const admin = await openPage(app);
    await login(admin.page, accounts.admin);
    const outside = (await (await admin.context.request.get(`/api/assets?search=${seen.serial}`)).json()).items[0].id as string;
    await admin.context.close();
    await page.goto(`/parc/${outside}`);
    await page.getByRole('heading', { level: 1, name: 'Équipement introuvable' }).waitFor();
    expect((await context.request.get(`/api/assets/${outside}`)).status()).toBe(404);
    await context.close();
  });

  it('tableau de bord : graphiques avec leur alternative textuelle, par collectivité et par établissement', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.admin);
    await page.getByRole('heading', { name: 'Parc informatique' }).waitFor(); // the home page's fleet card
    await page.getByRole('link', { name: /Tableau de bord du parc/ }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord du parc' }).waitFor();
    await page.getByRole('heading', { name: 'Pyramide des âges' }).waitFor();
    await page.getByRole('table', { name: /Prévision de renouvellement/ }).waitFor();
    const byClass = page.locator('#par-type');
    expect(await byClass.locator('[role="img"]').first().getAttribute('aria-label')).toMatch(/Ordinateur portable \d/);
    await byClass.getByText('Voir les données en tableau').click();
    await byClass.getByRole('table', { name: 'Équipements en parc par type' }).getByRole('rowheader', { name: 'Ordinateur portable' }).waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'parc-tableau-de-bord');
    expect(await seriousViolations(page)).toEqual([]);

    // one school: pick it by its UAI
    await page.getByRole('textbox', { name: 'Établissement', exact: true }).fill(schools.inSector2);
    await page.getByRole('option', { name: new RegExp(schools.inSector2) }).click();
    await page.waitForURL(new RegExp(`uai=${schools.inSector2}`));
    await page.getByText(new RegExp(`Périmètre : .*\\(${schools.inSector2}\\)`)).waitFor();
    const stats = await (await context.request.get(`/api/fleet/stats?uai=${schools.inSector2}`)).json();
    await page.locator(`#par-type [role="img"][aria-label*="des ${stats.fleet} équipements"]`).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('agents : identifiants affichés une fois, rapport en attente rattaché, réglages enregistrés', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.admin);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Agents d’inventaire' }).click();
    await page.getByRole('heading', { level: 1, name: 'Agents d’inventaire' }).waitFor();

    await page.getByRole('button', { name: 'Créer des identifiants' }).click();
    await page.getByLabel('Nom de l’utilisateur').fill('e2e-lycees');
    await page.getByLabel(/^Libellé/).fill('Agents de la recette');
    await page.getByRole('button', { name: 'Créer les identifiants' }).click();
    await page.getByText(/il ne sera plus jamais affiché/).waitFor();
    const password = (await page.getByLabel('Mot de passe de l’agent').textContent())!;
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(await seriousViolations(page)).toEqual([]);
    const withCredentials = newMachine('');
    expect((await sendInventory(withCredentials, basic('hauts-de-france/e2e-lycees', password))).status).toBe(200);
    expect((await sendInventory(newMachine(''), basic('hauts-de-france/e2e-lycees', 'mauvais'))).status).toBe(401);

    // tags no longer accepted: a tagged report waits in the queue until someone attaches it
    const settings = page.locator('#reglages');
    await settings.getByLabel('Accepter les agents étiquetés').uncheck();
    await settings.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    await page.getByText('Réglages enregistrés.').waitFor();
    const waiting = newMachine(schools.inSector1);
    expect((await sendInventory(waiting)).status).toBe(401);
    await page.reload();
    const queue = page.locator('#en-attente');
    await queue.getByRole('button', { name: `Rattacher ${waiting.name}` }).waitFor();
    await screenshot(page, 'parc-agents');
    expect(await seriousViolations(page)).toEqual([]);
    await queue.getByRole('button', { name: `Rattacher ${waiting.name}` }).click();
    await page.getByRole('heading', { level: 1, name: waiting.name }).waitFor();
    expect(await page.locator('#identite').textContent()).toContain(schools.inSector1);

    // restore the demo's setting
    await page.goto('/parc/agents');
    await page.locator('#reglages').getByLabel('Accepter les agents étiquetés').check();
    await page.locator('#reglages').getByRole('button', { name: 'Enregistrer les réglages' }).click();
    await page.getByText('Réglages enregistrés.').waitFor();
    expect((await sendInventory(newMachine(schools.inSector1))).status).toBe(200);
    await context.close();
  });

  it('déploiements : avancement par site et sites en retard mis en évidence', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.admin);
    const serials = Array.from({ length: 4 }, (_, i) => `DPL${Date.now().toString(36).toUpperCase()}${i}`);
    const late = await context.request.post('/api/deployments', {
      data: { uai: schools.inSector2, label: 'Vague e2e en retard', assetClass: 'desktop', expectedCount: 10, deliveredAt: new Date(Date.now() - 72 * 3600_000).toISOString(), deadlineHours: 48, serials },
    });
    expect(late.status()).toBe(201);
    await page.goto('/parc/deploiements');
    await page.getByRole('heading', { level: 1, name: 'Déploiements' }).waitFor();
    const card = page.getByRole('listitem').filter({ hasText: 'Vague e2e en retard' });
    await card.getByText(/En retard de \d/).waitFor();
    expect(await card.textContent()).toContain('Livré : 4');
    await card.getByRole('button', { name: /Faire avancer/ }).click();
    await page.getByRole('menuitem', { name: 'Installé' }).click();
    await card.getByText('Installé : 4').waitFor();
    await page.getByLabel('Seulement les sites en retard').check();
    await page.waitForURL(/late=true/);
    await card.waitFor();
    await screenshot(page, 'parc-deploiements');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('logiciels : le catalogue mène à « où ce logiciel est-il installé », jusqu’à la fiche de l’équipement', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.admin);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Logiciels du parc' }).click();
    await page.getByRole('heading', { name: 'Logiciels du parc' }).waitFor();
    await page.getByRole('searchbox', { name: 'Rechercher un logiciel' }).fill('gnome-calculator');
    await page.getByRole('status').filter({ hasText: /^1 logiciel$/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'gnome-calculator' }).click();
    await page.getByRole('heading', { name: 'gnome-calculator' }).waitFor();
    await page.getByText(/installé sur \d+ équipements?/).waitFor();
    const devices = page.getByRole('region', { name: 'Équipements qui ont ce logiciel' }).getByRole('link');
    await devices.first().waitFor();
    await screenshot(page, 'parc-logiciel-installations');
    expect(await seriousViolations(page)).toEqual([]);
    const name = (await devices.first().textContent())!.trim();
    await devices.first().click();
    await page.getByRole('heading', { name }).waitFor();
    await page.getByRole('searchbox', { name: 'Rechercher un logiciel' }).fill('gnome-calculator');
    await page.getByRole('status').filter({ hasText: '1 logiciel sur' }).waitFor();
    await context.close();
  });
});
