import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accounts, login, openPage, seriousViolations, useApp } from './support/app';

const app = useApp();

describe('campagnes : l’appel au renouvellement des lycées (Hauts-de-France)', () => {
  it('le référent voit le parc de son lycée à côté de sa demande et les dossiers de son lycée dans chaque appel, la Région arbitre face à l’enveloppe avec ses filtres', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.staff);
    await page.goto('/campagnes');
    await page.getByRole('link', { name: 'Renouvellement des équipements des lycées — 2027' }).click();
    await page.getByRole('heading', { level: 1, name: 'Renouvellement des équipements des lycées — 2027' }).waitFor();
    await page.getByRole('region', { name: /Dossiers de la campagne/ }).locator('tbody tr').first().getByRole('link', { name: /^n° \d+$/ }).click();
    await page.getByRole('link', { name: 'Demande de renouvellement et parc de l’établissement' }).click();
    await page.getByRole('table', { name: 'Parc de l’établissement par classe d’équipement' }).waitFor();
    expect(await page.getByRole('table', { name: 'Parc de l’établissement par classe d’équipement' }).locator('tbody tr').count()).toBeGreaterThan(0);
    await page.getByRole('textbox', { name: 'Justification' }).fill('');
    await page.getByRole('button', { name: 'Enregistrer la demande' }).click();
    await page.getByText(/Justifiez la demande/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('textbox', { name: 'Justification' }).fill('Postes de plus de sept ans en salle de technologie, hors garantie.');
    await page.getByRole('button', { name: 'Enregistrer la demande' }).click();
    await page.getByText('Demande enregistrée.').waitFor();
    const renewalId = new URL(page.url()).pathname.split('/').pop()!;
    const { school } = (await (await page.request.get(`/api/renewal-files/${renewalId}`)).json()) as { school: { uai: string } };

    // the referent starts the school's file in the tablet project call: the school now has files in two calls
    await page.goto('/campagnes');
    await page.getByRole('link', { name: 'Projets pédagogiques — prêt de tablettes et classes mobiles' }).click();
    await page.getByRole('button', { name: 'Commencer un dossier pour mon établissement' }).click();
    await page.waitForURL(/\/campagnes\/projets\/[0-9a-f-]{36}$/);

    // the school's page lists them across calls, and leads to all of them, then to each one
    await page.goto(`/etablissements/${school.uai}`);
    const files = page.locator('#dossiers-etablissement');
    await files.getByRole('link', { name: /^n° \d+ — Projets pédagogiques/ }).waitFor();
    await files.getByRole('link', { name: /^n° \d+ — Renouvellement des équipements des lycées — 2027$/ }).waitFor();
    await files.getByRole('link', { name: 'Tous ses dossiers de campagne' }).click();
    await page.getByRole('heading', { level: 1, name: `Dossiers de campagne — ${school.uai}` }).waitFor();
    const rows = page.getByRole('region', { name: /dossiers? de campagne$/ }).locator('tbody tr');
    await rows.filter({ hasText: 'Projets pédagogiques — prêt de tablettes et classes mobiles' }).first().waitFor();
    const renewalRow = rows.filter({ hasText: 'Renouvellement des équipements des lycées — 2027' });
    expect(await renewalRow.textContent()).toContain('Renouvellement');
    expect(await rows.filter({ hasText: 'Appel à projets' }).count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await renewalRow.getByRole('link', { name: /^n° \d+$/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Dossier n° \d+$/ }).waitFor();
    expect(page.url()).toContain(`/campagnes/dossiers/${renewalId}`);
    await context.close();

    const admin = await openPage(app);
    await login(admin.page, accounts.admin);
    await admin.page.goto('/campagnes');
    await admin.page.getByRole('link', { name: 'Renouvellement des équipements des lycées — 2027' }).click();
    await admin.page.getByRole('link', { name: 'Page d’arbitrage : demandes, parc et enveloppe' }).click();
    await admin.page.getByRole('heading', { level: 1, name: /^Arbitrage — / }).waitFor();
    await admin.page.getByText('Enveloppe').first().waitFor();
    expect(await admin.page.getByText('Demande au-delà du parc à renouveler').count()).toBeGreaterThan(0);
    // the files come a server page at a time; the export takes them all, beside each school's fleet
    await admin.page.getByText(/^1–\d+ sur \d+$/).waitFor();
    // filtered on the server: only the files asking beyond their fleet; the envelope stays the campaign's
    const granted = await admin.page.getByText(/^Accordé \(toute la campagne\)/).locator('..').textContent();
    await admin.page.getByRole('combobox', { name: 'Demande' }).selectOption('true');
    await admin.page.waitForURL(/overAsked=true/);
    await admin.page.getByRole('status').filter({ hasText: /^Sélection filtrée : \d+ dossiers?, demandé / }).waitFor();
    const cards = admin.page.getByRole('link', { name: /^Dossier n° \d+ — / });
    expect(await cards.count()).toBe(await admin.page.getByText('Demande au-delà du parc à renouveler', { exact: true }).count());
    expect(await admin.page.getByText(/^Accordé \(toute la campagne\)/).locator('..').textContent()).toBe(granted);
    expect(await seriousViolations(admin.page)).toEqual([]);
    const [download] = await Promise.all([admin.page.waitForEvent('download'), admin.page.getByRole('button', { name: 'Exporter CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^arbitrage-renouvellement-2027-.*\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').slice(1).split('\r\n')[0]).toMatch(/^N° de dossier;État;UAI;Établissement;.* : au parc;/);
    expect(await seriousViolations(admin.page)).toEqual([]);
    await admin.context.close();
  });
});
