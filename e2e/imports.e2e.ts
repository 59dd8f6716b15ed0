import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accounts, login, openPage, screenshot, seriousViolations, useApp } from './support/app';
import { repoRoot } from './support/server';

const app = useApp();
const dir = mkdtempSync(join(tmpdir(), 'coherence-e2e-import-'));

/**
 * 20 schools of the Ille-et-Vilaine annuaire, one of them with a wrong UAI check letter (rejected),
 * plus a guidance centre (not a school: skipped). Line numbers count the header as line 1.
 */
function subsetFile(): { path: string; badUai: string; badLine: number } {
  const text = readFileSync(join(repoRoot, 'fixtures/annuaire/fr-en-annuaire-education-ille-et-vilaine.csv'), 'utf8');
  const lines = text.split('\r\n');
  const schools = lines.slice(1, 21);
  const centre = lines.find((l) => l.includes(';Information et orientation;'))!;
  const good = schools[4].slice(0, 8);
  const badUai = good.slice(0, 7) + (good[7] === 'A' ? 'B' : 'A');
  schools[4] = badUai + schools[4].slice(8);
  const path = join(dir, 'annuaire-extrait.csv');
  writeFileSync(path, [lines[0], ...schools, centre].join('\r\n') + '\r\n');
  return { path, badUai, badLine: 6 };
}

describe("import de l'annuaire", () => {
  it('refuse tout en mode « tout ou rien », puis applique les lignes valides et détaille les rejets', async () => {
    const { path, badUai, badLine } = subsetFile();
    const { context, page } = await openPage(app);
    await login(page, accounts.admin);
    await page.goto('/imports');
    await page.getByRole('heading', { level: 1, name: 'Import de l’annuaire' }).waitFor();

    await page.getByLabel(/Fichier à importer/).setInputFiles(path);
    await page.getByText(/annuaire-extrait\.csv \(/).waitFor();
    await page.getByRole('button', { name: 'Importer le fichier' }).click();
    await page.getByRole('alert').filter({ hasText: 'Import refusé : rien n’a été modifié' }).waitFor({ timeout: 60_000 });
    const rejected = page.getByRole('table', { name: /Lignes rejetées/ });
    await rejected.waitFor();
    const row = rejected.locator('tbody tr').filter({ hasText: badUai });
    expect(await row.locator('td').first().textContent()).toBe(String(badLine));

    await page.getByLabel('Appliquer les lignes valides').check();
    // Ille-et-Vilaine is not Hauts-de-France's: its schools are written only on confirmation
    await page.getByLabel('Écrire aussi les lignes hors compétence').check();
    await page.getByRole('button', { name: 'Importer le fichier' }).click();
    await page.getByRole('status').filter({ hasText: 'Import terminé' }).waitFor({ timeout: 60_000 });
    const totals = async (label: string) => Number((await page.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd').textContent())!.replace(/\D/g, ''));
    await screenshot(page, 'import-rapport');
    expect(await totals('Lignes lues')).toBe(21);
    expect(await totals('Créés')).toBe(19);
    expect(await totals('Rejetés')).toBe(1);
    expect(await totals('Écartés')).toBe(1);
    await page.getByRole('table', { name: /Lignes rejetées/ }).getByRole('cell', { name: badUai, exact: true }).waitFor();
    await page.getByRole('table', { name: /Lignes écartées/ }).getByText(/Pas un établissement scolaire/).waitFor();
    await page.getByRole('table', { name: /Derniers imports/ }).locator('tbody tr').filter({ hasText: 'annuaire-extrait.csv' }).first().getByRole('cell', { name: 'Appliqué', exact: true }).waitFor();

    // the new schools are in the list
    await page.goto('/etablissements?academyCode=14');
    await page.getByRole('status').filter({ hasText: '19 établissements trouvés' }).waitFor();
    await context.close();
  });

  it('explique en français pourquoi un fichier illisible est refusé', async () => {
    const path = join(dir, 'pas-un-annuaire.csv');
    writeFileSync(path, 'nom;prenom;age\nDupont;Jean;42\n');
    const { context, page } = await openPage(app);
    await login(page, accounts.admin);
    await page.goto('/imports');
    await page.getByLabel(/Fichier à importer/).setInputFiles(path);
    await page.getByRole('button', { name: 'Importer le fichier' }).click();
    const alert = page.getByRole('alert').filter({ hasText: /illisible|refusé|format/i });
    await alert.waitFor({ timeout: 60_000 });
    await screenshot(page, 'import-illisible');
    expect(await alert.textContent()).toMatch(/en-tête|format/i);
    await context.close();
  });

  it("signale les 946 établissements d'Ille-et-Vilaine hors compétence de la Région Hauts-de-France : aperçu, puis import sans rien créer", async () => {
    const path = join(repoRoot, 'fixtures/annuaire/fr-en-annuaire-education-ille-et-vilaine.csv');
    const { context, page } = await openPage(app);
    await login(page, accounts.admin);
    const rennesSchools = async () => {
      await page.goto('/etablissements?academyCode=14');
      const status = page.getByRole('status').filter({ hasText: /trouvé/ });
      await status.waitFor();
      return status.textContent();
    };
    const before = await rennesSchools(); // the journey above may have confirmed some
    await page.goto('/imports');
    await page.getByRole('heading', { level: 2, name: 'Compétence de la collectivité' }).waitFor();
    await page.getByText('Lille (09), Amiens (20)').waitFor();
    await page.getByLabel(/Fichier à importer/).setInputFiles(path);
    await page.getByLabel('Appliquer les lignes valides').check();
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    const preview = page.getByRole('status').filter({ hasText: 'Aperçu : rien n’a encore été écrit' });
    await preview.waitFor({ timeout: 60_000 });
    const totals = async (label: string) => Number((await page.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd').textContent())!.replace(/\D/g, ''));
    expect(await preview.textContent()).toContain('Cet import créerait 0 établissement');
    expect(await preview.textContent()).toContain('946 lignes hors compétence de la collectivité seront écartées');
    expect(await totals('Hors compétence')).toBe(946);
    expect(await totals('Créés')).toBe(0);
    const outOfScope = page.getByRole('table', { name: /Lignes hors compétence de la collectivité \(écartées\)/ });
    await outOfScope.locator('tbody tr').first().getByText(/académie 14 hors du territoire \(09, 20\)/i).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'import-apercu-hors-competence');

    await preview.getByRole('button', { name: 'Appliquer cet import' }).click();
    await page.getByRole('status').filter({ hasText: 'Import terminé' }).waitFor({ timeout: 60_000 });
    expect(await totals('Créés')).toBe(0);
    expect(await totals('Hors compétence')).toBe(946);
    expect(await rennesSchools()).toBe(before);
    await context.close();
  });
});
