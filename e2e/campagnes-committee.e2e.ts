import { describe, expect, it } from 'vitest';
import { accounts, login, openPage, seriousViolations, useApp } from './support/app';

const app = useApp();

describe('comité de sélection : la Région classe les candidatures Lycée 4.0 et tient sa séance', () => {
  it('coche des dossiers du classement, voit l’équilibre, relit la séance close et en tient une nouvelle', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.grandEstAdmin);
    await page.goto('/campagnes');
    await page.getByRole('link', { name: 'Lycée 4.0 — vague 2' }).click();
    await page.getByRole('link', { name: 'Classement et comité de sélection' }).click();
    await page.getByRole('heading', { level: 1, name: /^Classement — Lycée 4.0 — vague 2/ }).waitFor();
    const rows = page.getByRole('region', { name: 'Classement des candidatures' }).locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(25);
    await page.getByRole('checkbox', { name: /Sélectionner le dossier n° \d+/ }).nth(0).check();
    await page.getByRole('checkbox', { name: /Sélectionner le dossier n° \d+/ }).nth(1).check();
    await page.getByText(/^2 dossier\(s\), note moyenne/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Comité de sélection Lycée 4.0 — vague 2' }).click();
    await page.getByRole('heading', { level: 1, name: 'Comité de sélection Lycée 4.0 — vague 2' }).waitFor();
    await page.getByText('30 décision(s) de la séance').waitFor();
    await page.getByText(/le procès-verbal ne change plus/).waitFor();
    expect(await page.getByRole('button', { name: 'Clore la séance' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: '← Le classement' }).click();
    await page.getByLabel('Intitulé de la séance').fill('Séance de repêchage');
    await page.getByLabel('Date de la séance').fill('2027-03-01');
    await page.getByLabel('Participant pour Région Grand Est').fill('Vice-présidente en charge des lycées');
    await page.getByLabel('Participant pour Académie de Strasbourg').fill('DRANE');
    await page.getByRole('button', { name: 'Ouvrir la séance' }).click();
    await page.getByRole('link', { name: 'Séance de repêchage' }).click();
    await page.getByRole('heading', { level: 1, name: 'Séance de repêchage' }).waitFor();
    await page.getByLabel('Relevé des débats').fill('Aucun dossier repêché.');
    await page.getByRole('button', { name: 'Enregistrer le procès-verbal' }).click();
    await page.getByText('Procès-verbal enregistré.').waitFor();
    await page.getByRole('button', { name: 'Clore la séance' }).click();
    await page.getByText(/le procès-verbal ne change plus/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
