import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { agentInstalled } from '../src/modules/parc/inventory/testing/run-agent';
import { accounts, login, openPage, screenshot, seriousViolations, useApp } from './support/app';
import { repoRoot } from './support/server';

const run = promisify(execFile);
const app = useApp();

/** The README's agent command line, word for word; only the port is the test server's. */
function readmeAgentCommand(port: number): string[] {
  const line = /^fusioninventory-agent .+$/m.exec(readFileSync(join(repoRoot, 'README.md'), 'utf8'))?.[0];
  if (!line) throw new Error('README : la commande fusioninventory-agent a disparu');
  expect(line).toBe('fusioninventory-agent --server=http://localhost:3000/front/inventory.php --tag=0590119J');
  return line.replace('localhost:3000', `localhost:${port}`).split(' ');
}

describe.skipIf(!agentInstalled('fusioninventory'))('premier jour : la commande d’agent du README', () => {
  it('envoie l’inventaire de cette machine au lycée Faidherbe de la démo, où l’administrateur la trouve', async () => {
    const [command, ...args] = readmeAgentCommand(app.server.port);
    const home = mkdtempSync(join(tmpdir(), 'coherence-agent-'));
    const env = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8', HOME: home };
    const { stdout, stderr } = await run(command, args, { env, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
    expect(stdout + stderr).not.toMatch(/\b(401|403|500)\b/);

    const { context, page } = await openPage(app);
    await login(page, accounts.admin);
    await page.goto(`/parc?search=${encodeURIComponent(hostname())}`);
    const row = page.getByRole('table').locator('tbody tr').filter({ hasText: hostname() });
    await row.first().waitFor({ timeout: 30_000 });
    expect(await row.first().textContent()).toMatch(/Faidherbe/i);
    await row.first().getByRole('link', { name: new RegExp(hostname(), 'i') }).first().click();
    await page.getByRole('heading', { level: 1, name: new RegExp(hostname(), 'i') }).waitFor();
    await page.getByRole('heading', { name: /Logiciels installés \([1-9]/ }).waitFor();
    await screenshot(page, 'premier-jour-agent');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('premier jour : des pages qui disent vrai sur une démo qui vaut le coup d’œil', () => {
  it('montre à la Région Grand Est ses 301 lycées, ses équipements jamais inventoriés et des systèmes connus', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.grandEstAdmin);
    const parc = page.locator('#parc');
    await parc.getByText(/équipements? jamais inventoriés?/).waitFor();
    expect(await parc.textContent()).not.toContain('inventaire automatique à jour');
    await page.goto('/etablissements');
    await page.getByRole('status').filter({ hasText: '301 établissements trouvés' }).waitFor();
    await page.goto('/parc/tableau-de-bord');
    await page.getByText(/Windows 11 Éducation/).first().waitFor();
    await page.goto('/parc');
    await page.getByRole('table').locator('tbody tr').first().waitFor();
    expect(await page.getByRole('table').textContent()).not.toMatch(/Desktop 20\d\d|Aruba Desktop/);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('premier jour : chacun arrive là où il agit', () => {
  it('ouvre le compte de l’Académie sur la Région, pas sur le Département du Nord', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.academy);
    const me = await (await page.request.get('/api/auth/me')).json();
    expect(me.activeTenant.code).toBe('hauts-de-france');
    expect(me.tenants.map((t: { code: string }) => t.code)).toEqual(['hauts-de-france', 'nord', 'pas-de-calais']);
    await context.close();
  });
});

describe('premier jour : des modules reliés', () => {
  it('montre sur la page d’un lycée son parc, ses tickets ouverts, ses liens réseau, ses bons de commande et ses dossiers de campagne, avec le chemin vers chacun', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.admin);
    await page.goto('/etablissements/0590119J');
    await page.getByRole('heading', { level: 1, name: 'Lycée Faidherbe' }).waitFor(); // « Lycee Faidherbe » in the open data
    await page.getByText('Nom dans l’annuaire : Lycee Faidherbe').waitFor();
    const fleet = page.locator('#parc-etablissement');
    await fleet.getByRole('heading', { name: 'Parc de l’établissement' }).waitFor();
    await fleet.getByText(/équipements? jamais inventoriés?/).waitFor();
    const tickets = page.locator('#tickets-etablissement');
    await tickets.getByText(/Aucun ticket ouvert|tickets? ouverts?\./).first().waitFor();
    const links = page.locator('#liens-etablissement');
    await links.getByText(/Aucun lien en service connu|liens? en service\./).waitFor();
    expect(await links.getByRole('link', { name: 'Liens et historique de l’établissement' }).getAttribute('href')).toBe('/marches/liens?uai=0590119J');
    const orders = page.locator('#commandes-etablissement');
    await orders.getByText(/Aucun bon de commande pour cet établissement|bons? de commande\./).waitFor();
    expect(await orders.getByRole('link', { name: 'Tous ses bons de commande' }).getAttribute('href')).toBe('/marches/commandes?uai=0590119J');
    // the calls' files of the school, across campaigns, as far as the reader may see them
    const files = page.locator('#dossiers-etablissement');
    const visible = (await (await context.request.get('/api/dossiers?uai=0590119J&pageSize=5')).json()) as { total: number; items: { number: number }[] };
    if (visible.total === 0) await files.getByText('Aucun dossier de campagne visible pour cet établissement.').waitFor();
    else await files.getByRole('link', { name: new RegExp(`^n° ${visible.items[0].number} — `) }).waitFor();
    expect(await files.getByRole('link', { name: 'Tous ses dossiers de campagne' }).getAttribute('href')).toBe('/campagnes/etablissement/0590119J');
    expect(await seriousViolations(page)).toEqual([]);
    await fleet.getByRole('link', { name: 'Voir ses équipements' }).click();
    await page.waitForURL(/\/parc\?.*uai=0590119J/);
    await page.getByRole('table').locator('tbody tr').first().waitFor();
    await context.close();
  });
});
