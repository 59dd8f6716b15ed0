import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { accounts, seriousViolations, useApp, useSignedInSessions } from './support/app';
import { repoRoot } from './support/server';

/** What agents send is data: hostile tags and agent ids are shown as text; the logged-in user only while the authority keeps it. */

const app = useApp();
const signedIn = useSignedInSessions(app);

const example = JSON.parse(readFileSync(join(repoRoot, 'fixtures/inventory/glpi-inventory-format/examples/computer_1.json'), 'utf8'));
const markup = '<img src=x onerror="window.__xss=1">';
const injection = "'; DROP TABLE parc.assets; --";

let sequence = 0;
/** The real GLPI Agent example as a new machine: its own serial, UUID and MACs. */
function inventory(values: { name: string; tag: string; deviceid: string; lastUser?: string }) {
  const doc = structuredClone(example);
  const n = `${Date.now().toString(16)}${(++sequence).toString(16)}`.slice(-6).padStart(6, '0');
  doc.deviceid = values.deviceid;
  doc.tag = values.tag;
  doc.content.bios.ssn = `XSS${n.toUpperCase()}`;
  doc.content.bios.msn = `XSS${n.toUpperCase()}`;
  doc.content.hardware.uuid = randomUUID();
  doc.content.hardware.name = values.name;
  if (values.lastUser) doc.content.hardware.lastloggeduser = values.lastUser;
  for (const net of doc.content.networks as { mac?: string }[]) if (net.mac) net.mac = `02:e2:${n.slice(0, 2)}:${n.slice(2, 4)}:${n.slice(4, 6)}:01`;
  return doc;
}

/** What a deployed GLPI Agent does: POST its JSON to /api/v1/inventory, without credentials. */
async function send(doc: unknown) {
  const response = await fetch(`${app.server.url}/api/v1/inventory`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'GLPI-Agent_v1.7' },
    body: JSON.stringify(doc),
  });
  return response.status;
}

async function updateSettings(request: APIRequestContext, changes: Record<string, unknown>) {
  const settings = await (await request.get('/api/inventory/settings')).json();
  const saved = await request.put('/api/inventory/settings', { data: { ...settings, ...changes } });
  expect(saved.status()).toBe(200);
}

/** Nothing the agent sent became markup or ran: no injected image, no flag set by its handler. */
async function expectNoInjection(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
}

let school = '';
beforeAll(async () => {
  const { context } = await signedIn(accounts.admin);
  school = ((await (await context.request.get('/api/establishments?pageSize=1')).json()).items[0] as { uai: string }).uai;
});

describe('agents : chaînes hostiles et dernier utilisateur', () => {
  it('montre comme du texte l’étiquette et l’identifiant d’agent hostiles, dans la file d’attente puis sur la fiche', async () => {
    const admin = await signedIn(accounts.admin);
    const grandEst = await signedIn(accounts.grandEstAdmin);
    // both authorities declare this machine's network: the report is theirs to claim, it waits in the queue
    await updateSettings(admin.context.request, { networks: ['127.0.0.1/32'] });
    await updateSettings(grandEst.context.request, { networks: ['127.0.0.1/32'] });
    const name = `hostile-${Date.now().toString(36)}`;
    const deviceid = `${injection}${markup}`;
    expect(await send(inventory({ name, tag: markup, deviceid }))).toBe(401);
    expect(await send(inventory({ name: `${name}-bis`, tag: injection, deviceid: markup }))).toBe(401);

    const { page } = admin;
    await page.goto('/parc/agents');
    const queue = page.locator('#en-attente');
    const row = queue.getByRole('row', { name: new RegExp(`Rattacher ${name}$`) });
    await row.waitFor();
    const agentLine = row.getByText(/^Identifiant de l’agent :/);
    expect(await agentLine.innerText()).toBe(`Identifiant de l’agent : ${deviceid} — Étiquette : ${markup}`);
    const other = queue.getByRole('row', { name: new RegExp(`Rattacher ${name}-bis$`) });
    expect(await other.getByText(/^Identifiant de l’agent :/).innerText()).toBe(`Identifiant de l’agent : ${markup} — Étiquette : ${injection}`);
    await expectNoInjection(page);
    expect(await seriousViolations(page)).toEqual([]);

    await row.getByRole('button', { name: `Rattacher ${name}` }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    const identity = page.locator('#identite');
    const agentId = identity.getByText(deviceid, { exact: true });
    expect(await agentId.innerText()).toBe(deviceid);
    await expectNoInjection(page);
    expect(await seriousViolations(page)).toEqual([]);
    // the table the SQL named is still there, with the device in it
    const listed = await (await admin.context.request.get(`/api/assets?search=${encodeURIComponent(name)}`)).json();
    expect(listed.total).toBe(1);

    await updateSettings(admin.context.request, { networks: [] });
    await updateSettings(grandEst.context.request, { networks: [] });
  });

  it('affiche le dernier utilisateur connecté tant que la collectivité le conserve, et l’efface quand elle y renonce', async () => {
    const { context, page } = await signedIn(accounts.admin);
    await updateSettings(context.request, { storeLastUser: true, acceptTaggedAgents: true });
    const name = `poste-eleve-${Date.now().toString(36)}`;
    const deviceid = `${name}-2026-01-05-08-00-00`;
    expect(await send(inventory({ name, tag: school, deviceid, lastUser: 'eleve.dupont' }))).toBe(200);
    const id = (await (await context.request.get(`/api/assets?search=${name}`)).json()).items[0].id as string;
    await page.goto(`/parc/${id}`);
    const identity = page.locator('#identite');
    await identity.getByText('Dernier utilisateur connecté').waitFor();
    await identity.getByText('eleve.dupont', { exact: true }).waitFor();

    await page.goto('/parc/agents');
    const settings = page.locator('#reglages');
    await settings.getByText(/efface aussitôt les utilisateurs déjà conservés/).waitFor();
    await settings.getByLabel('Conserver le dernier utilisateur connecté').uncheck();
    await settings.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    await page.getByText('Réglages enregistrés.').waitFor();
    await page.goto(`/parc/${id}`);
    await page.getByRole('heading', { level: 1, name }).waitFor();
    expect(await identity.textContent()).not.toContain('eleve.dupont');
    expect(await identity.textContent()).not.toContain('Dernier utilisateur connecté');
    // erased, not hidden: keeping it again does not bring it back
    await updateSettings(context.request, { storeLastUser: true });
    expect((await (await context.request.get(`/api/assets/${id}`)).json()).lastUser).toBeNull();
    await updateSettings(context.request, { storeLastUser: false });
  });
});
