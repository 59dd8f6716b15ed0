import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accounts, login, openPage, screenshot, seriousViolations, useApp } from './support/app';
import { repoRoot } from './support/server';
import { displayName } from '../src/shared/display-name';

const app = useApp();

const statusText = (page: import('playwright-core').Page) => page.getByRole('status').filter({ hasText: /établissements? trouvés?|Aucun établissement/ });
const totalOf = async (page: import('playwright-core').Page) => Number(((await statusText(page).textContent()) ?? '').replace(/\D/g, ''));

describe('liste et fiche des établissements', () => {
  it('filtre la liste (recherche, nature), trie par en-tête, garde l’état dans l’URL et ouvre une fiche', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.admin);
    await page.goto('/etablissements');
    await statusText(page).filter({ hasText: 'trouvés' }).waitFor();
    const all = await totalOf(page);
    expect(all).toBeGreaterThan(100);

    await page.getByLabel('Nature').selectOption('320');
    await page.waitForURL(/natureCode=320/);
    await page.waitForFunction((n) => !document.body.innerText.includes(`${n} établissements trouvés`), all);
    const professional = await totalOf(page);
    expect(professional).toBeGreaterThan(0);
    expect(professional).toBeLessThan(all);

    await page.getByRole('searchbox', { name: /Rechercher/ }).fill('lille');
    await page.waitForURL(/search=lille/);
    await page.waitForFunction((n) => !document.body.innerText.includes(`${n} établissement`), professional);
    const inLille = await totalOf(page);
    expect(inLille).toBeGreaterThan(0);
    expect(inLille).toBeLessThan(professional);
    const communes = await page.getByRole('table').locator('tbody tr td:nth-child(4)').allTextContents();
    expect(communes.every((c) => /lille|59/i.test(c))).toBe(true);

    const nameHeader = page.getByRole('columnheader', { name: /Nom/ });
    expect(await nameHeader.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await page.getByRole('table').locator('tbody tr td:nth-child(2) a').allTextContents();
    await nameHeader.getByRole('button').click();
    await page.waitForURL(/order=desc/);
    expect(await nameHeader.getAttribute('aria-sort')).toBe('descending');
    await page.waitForFunction((firstName) => document.querySelector('tbody tr td:nth-child(2) a')?.textContent !== firstName, ascending[0]);
    const descending = await page.getByRole('table').locator('tbody tr td:nth-child(2) a').allTextContents();
    expect(descending).toEqual([...ascending].reverse());
    await page.getByRole('table').getByText('Établissements, triés par nom (ordre décroissant)').waitFor();

    // the state survives a reload
    await page.reload();
    await statusText(page).filter({ hasText: 'trouvé' }).waitFor();
    expect(await totalOf(page)).toBe(inLille);
    expect(await page.getByLabel('Nature').inputValue()).toBe('320');

    const first = page.getByRole('table').locator('tbody tr').first().getByRole('link');
    const name = (await first.textContent())!;
    await first.click();
    // the page names the school with its accents and case restored, the directory's spelling beneath
    await page.getByRole('heading', { level: 1, name: displayName(name) }).waitFor();
    if (displayName(name) !== name) await page.getByText(`Nom dans l’annuaire : ${name}`).waitFor();
    await page.getByRole('heading', { name: 'Identité' }).waitFor();
    await page.getByRole('heading', { name: 'Historique des modifications' }).waitFor();
    expect(await page.getByText(/° N, .*° E/).count()).toBe(1);
    await context.close();
  });

  it('au-delà des cinq premières pages, passe à la page suivante ou précédente par curseur', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.admin);
    const namesAt = async (url: string) => {
      await page.goto(url);
      await statusText(page).filter({ hasText: 'trouvés' }).waitFor();
      return page.getByRole('table').locator('tbody tr td:nth-child(2) a').allTextContents();
    };
    const page6 = await namesAt('/etablissements?page=6');
    const page5 = await namesAt('/etablissements?page=5');
    expect(await totalOf(page)).toBeGreaterThan(6 * 25);
    await page.getByRole('button', { name: 'Page suivante' }).click();
    await page.waitForURL(/after=/);
    expect(page.url()).toMatch(/page=6/);
    await page.waitForFunction((first) => document.querySelector('tbody tr td:nth-child(2) a')?.textContent === first, page6[0]);
    expect(await page.getByRole('table').locator('tbody tr td:nth-child(2) a').allTextContents()).toEqual(page6);
    await page.getByRole('button', { name: 'Page suivante' }).click();
    await page.waitForURL(/page=7/);
    await page.getByRole('button', { name: 'Page précédente' }).click();
    await page.waitForURL(/before=.*page=6|page=6.*before=/);
    await page.waitForFunction((first) => document.querySelector('tbody tr td:nth-child(2) a')?.textContent === first, page6[0]);
    expect(await page.getByRole('table').locator('tbody tr td:nth-child(2) a').allTextContents()).toEqual(page6);
    // back within the first pages, by number again
    await page.getByRole('button', { name: 'Page précédente' }).click();
    await page.waitForURL((url) => url.searchParams.get('page') === '5' && !url.searchParams.has('before') && !url.searchParams.has('after'));
    await page.waitForFunction((first) => document.querySelector('tbody tr td:nth-child(2) a')?.textContent === first, page5[0]);
    await context.close();
  });

  it('exporte la liste filtrée en CSV (BOM UTF-8, séparateur « ; »)', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.admin);
    await page.goto('/etablissements?natureCode=306');
    await statusText(page).filter({ hasText: 'trouvé' }).waitFor();
    const expected = await totalOf(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^etablissements-.*\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0].split(';')).toContain('UAI');
    expect(lines.length - 1).toBe(expected);
    expect(lines.slice(1).every((l) => l.includes(';306;'))).toBe(true);
    await context.close();
  });

  it('enregistre une modification, puis signale la modification concurrente (409) et propose de recharger', async () => {
    const first = await openPage(app);
    const second = await openPage(app);
    await login(first.page, accounts.admin);
    await login(second.page, accounts.admin);
    const list = await (await first.context.request.get('/api/establishments?natureCode=300&pageSize=1')).json();
    const uai: string = list.items[0].uai;

    // a plain edit
    await first.page.goto(`/etablissements/${uai}`);
    await first.page.getByRole('button', { name: 'Modifier', exact: true }).click();
    await first.page.getByLabel('Téléphone').fill('03 20 00 00 01');
    await first.page.getByRole('button', { name: 'Enregistrer' }).click();
    await first.page.getByText('Modifications enregistrées.').waitFor();
    await first.page.getByRole('link', { name: '03 20 00 00 01' }).waitFor();

    // both open the form on the same version; the second saves first
    await first.page.getByRole('button', { name: 'Modifier', exact: true }).click();
    await second.page.goto(`/etablissements/${uai}`);
    await second.page.getByRole('button', { name: 'Modifier', exact: true }).click();
    await second.page.getByLabel('Commune').fill('Commune modifiée ailleurs');
    await second.page.getByRole('button', { name: 'Enregistrer' }).click();
    await second.page.getByText('Modifications enregistrées.').waitFor();

    await first.page.getByLabel('Téléphone').fill('03 20 00 00 02');
    await first.page.getByRole('button', { name: 'Enregistrer' }).click();
    const conflict = first.page.getByRole('alert').filter({ hasText: 'Modification concurrente' });
    await conflict.waitFor();
    await screenshot(first.page, 'conflit');
    expect(await conflict.textContent()).toMatch(/modifié par quelqu'un d'autre/);
    expect(await seriousViolations(first.page)).toEqual([]);
    await first.page.getByRole('button', { name: 'Recharger la version actuelle' }).click();
    await first.page.getByText('Commune modifiée ailleurs', { exact: true }).first().waitFor();
    // the trail shows both saves
    const history = first.page.locator('#historique');
    await history.getByText('Commune modifiée ailleurs').waitFor();
    await first.context.close();
    await second.context.close();
  });

  it('refuse sur son champ, en français, un téléphone en lettres et un nombre d’élèves négatif, sans rien envoyer', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.admin);
    const list = await (await context.request.get('/api/establishments?natureCode=300&pageSize=1')).json();
    const uai: string = list.items[0].uai;
    const before = await (await context.request.get(`/api/establishments/${uai}`)).json();
    await page.goto(`/etablissements/${uai}`);
    await page.getByRole('button', { name: 'Modifier', exact: true }).click();
    const patches: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH') patches.push(request.url());
    });
    await page.getByLabel('Téléphone').fill('abc');
    await page.getByLabel('Nombre d’élèves').fill('-5');
    await page.getByLabel('Courriel').fill('pas-une-adresse');
    await page.getByRole('button', { name: 'Enregistrer' }).click();

    // each message sits under its own field, tied to it for screen readers
    const fieldError = async (label: string) => {
      const input = page.getByLabel(label);
      await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
      const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
      const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
      return texts.join(' ');
    };
    expect(await fieldError('Téléphone')).toMatch(/Numéro de téléphone invalide/);
    expect(await fieldError('Nombre d’élèves')).toMatch(/ne peut pas être négatif/);
    expect(await fieldError('Courriel')).toMatch(/adresse e-mail invalide/i);
    expect(await page.locator('body').innerText()).not.toMatch(/Invalid|Too small/);
    await screenshot(page, 'erreurs-de-champ');
    expect(await seriousViolations(page)).toEqual([]);
    expect(patches).toEqual([]);
    // the server refuses the same values with the same words (the form's schema is the operation's)
    const refused = await context.request.patch(`/api/establishments/${uai}`, { data: { version: before.version, phone: 'abc', pupils: -5 } });
    expect(refused.status()).toBe(400);
    const issues = (await refused.json()).error.issues as { path: string; message: string }[];
    expect(issues.find((i) => i.path === 'body.phone')?.message).toMatch(/Numéro de téléphone invalide/);
    expect(issues.find((i) => i.path === 'body.pupils')?.message).toMatch(/ne peut pas être négatif/);
    expect((await (await context.request.get(`/api/establishments/${uai}`)).json()).version).toBe(before.version);
    await context.close();
  });

  it('laisse le personnel de l’établissement décrire ses bâtiments et ses salles', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.staff);
    await page.goto('/etablissements');
    await statusText(page).filter({ hasText: '1 établissement trouvé' }).waitFor();
    await page.getByRole('table').locator('tbody tr').first().getByRole('link').click();
    const premisesHeading = page.getByRole('heading', { name: /Bâtiments et salles/ });
    await premisesHeading.waitFor();
    expect(await page.getByRole('button', { name: 'Modifier', exact: true }).count()).toBe(0);
    // the demo may already describe the school's premises: the counts grow by what is added here
    const counts = async () => {
      const text = (await premisesHeading.textContent()) ?? '';
      const buildings = /(\d[\d\s\u202f]*) bâtiments?/.exec(text)?.[1] ?? '0';
      const rooms = /(\d[\d\s\u202f]*) salles?/.exec(text)?.[1] ?? '0';
      return [Number(buildings.replace(/\D/g, '')), Number(rooms.replace(/\D/g, ''))];
    };
    const [buildingsBefore, roomsBefore] = await counts();

    await page.getByRole('button', { name: 'Ajouter un bâtiment' }).click();
    await page.getByLabel(/Nom du bâtiment/).fill('Bâtiment A — externat');
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await page.getByRole('heading', { level: 3, name: /Bâtiment A — externat/ }).waitFor();

    await page.getByRole('button', { name: 'Ajouter une salle dans Bâtiment A — externat' }).click();
    await page.getByLabel(/Nom de la salle/).fill('Salle 101');
    await page.getByLabel('Type').selectOption({ label: 'Laboratoire' });
    await page.getByLabel('Étage').fill('1');
    await page.getByRole('button', { name: 'Ajouter la salle' }).click();
    const rooms = page.getByRole('table', { name: 'Salles du bâtiment Bâtiment A — externat' });
    await rooms.getByRole('cell', { name: 'Salle 101', exact: true }).waitFor();
    expect(await rooms.getByRole('cell', { name: 'Laboratoire', exact: true }).count()).toBe(1);
    await expect.poll(counts).toEqual([buildingsBefore + 1, roomsBefore + 1]);
    await screenshot(page, 'locaux');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Supprimer la salle Salle 101' }).click();
    await expect.poll(counts).toEqual([buildingsBefore + 1, roomsBefore]);
    await context.close();
  });

  it('montre au technicien les seuls établissements de son secteur', async () => {
    const admin = await openPage(app);
    await login(admin.page, accounts.admin);
    const units = (await (await admin.context.request.get('/api/units')).json()).items as { id: string; parentId: string | null; code: string; establishmentCount: number }[];
    const inSubtree = (rootCode: string) => {
      const root = units.find((u) => u.code === rootCode)!;
      const ids = new Set([root.id]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const u of units) if (u.parentId && ids.has(u.parentId) && !ids.has(u.id)) (ids.add(u.id), (grew = true));
      }
      return units.filter((u) => ids.has(u.id));
    };
    const sector1 = inSubtree('S1').reduce((s, u) => s + u.establishmentCount, 0);
    const otherZone = inSubtree('S2').find((u) => u.establishmentCount > 0)!;
    const outside = (await (await admin.context.request.get(`/api/establishments?unitId=${otherZone.id}&pageSize=1`)).json()).items[0].uai as string;
    await admin.context.close();

    const { context, page } = await openPage(app);
    await login(page, accounts.technician);
    await page.goto('/etablissements');
    await statusText(page).filter({ hasText: 'trouvé' }).waitFor();
    expect(await totalOf(page)).toBe(sector1);
    await page.goto(`/etablissements/${outside}`);
    await page.getByRole('heading', { level: 1, name: 'Établissement introuvable' }).waitFor();
    await context.close();
  });

  it('répond « introuvable » pour l’établissement d’une autre collectivité', async () => {
    const lycees = JSON.parse(readFileSync(join(repoRoot, 'fixtures/annuaire/lycees-2025.json'), 'utf8')) as { lycees: { uai: string; region: string }[] };
    const grandEst = lycees.lycees.find((l) => l.region === 'Grand Est')!.uai;
    const other = await openPage(app);
    await login(other.page, accounts.grandEstAdmin);
    expect((await other.context.request.get(`/api/establishments/${grandEst}`)).status()).toBe(200);
    await other.context.close();

    const { context, page } = await openPage(app);
    await login(page, accounts.admin);
    await page.goto(`/etablissements/${grandEst}`);
    await page.getByRole('heading', { level: 1, name: 'Établissement introuvable' }).waitFor();
    expect(await page.getByText(grandEst).count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Retour à la liste des établissements' }).click();
    await page.getByRole('heading', { level: 1, name: 'Établissements' }).waitFor();
    await context.close();
  });
});
