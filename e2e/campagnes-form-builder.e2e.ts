import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accounts, login, openPage, seriousViolations, useApp } from './support/app';

const app = useApp();

describe('campagnes : la Région construit le formulaire d’un appel', () => {
  it('ajoute un champ conditionnel, le voit apparaître dans l’aperçu, publie la version, puis exporte les dossiers', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.admin);
    const created = await context.request.post('/api/campaigns', {
      data: { code: 'e2e-formulaire', kind: 'project', title: 'Tablettes pour projets e2e', opensOn: '2027-01-01', closesOn: '2027-01-31' },
    });
    expect(created.status()).toBe(201);
    const campaign = (await created.json()) as { id: string };

    await page.goto(`/campagnes/${campaign.id}`);
    await page.getByRole('link', { name: 'Construire le formulaire' }).click();
    await page.getByRole('heading', { level: 1, name: 'Formulaire de la campagne' }).waitFor();
    const fields = page.getByRole('list', { name: 'Champs du formulaire' }).getByRole('listitem');
    const preview = page.getByRole('region', { name: 'Aperçu du formulaire' });

    const addField = async (kind: string, label: string) => {
      await page.getByRole('textbox', { name: 'Type du nouveau champ' }).click();
      await page.getByRole('option', { name: kind, exact: true }).click();
      await page.getByRole('button', { name: `Ajouter : ${kind}` }).click();
      await fields.last().getByRole('textbox', { name: 'Libellé' }).fill(label);
    };
    await addField('Oui / non', 'Chariot mobile ?');
    await fields.first().getByRole('checkbox', { name: 'Obligatoire' }).check();
    await addField('Nombre entier', 'Nombre de tablettes');
    const tablets = fields.nth(1);
    await tablets.getByRole('textbox', { name: 'Clé' }).fill('Nb tablettes');
    await tablets.getByRole('button', { name: 'Ajouter une condition' }).click();
    await tablets.getByRole('textbox', { name: 'Valeur' }).click();
    await page.getByRole('option', { name: 'Oui', exact: true }).click();
    await tablets.getByRole('textbox', { name: 'Maximum' }).fill('30');

    // the shared validator refuses the key on its field, before anything is sent
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await tablets.getByText(/Clé : lettres minuscules/).waitFor();
    await tablets.getByRole('textbox', { name: 'Clé' }).fill('nb_tablettes');

    // the preview follows the condition: the number appears once « Oui » is chosen, with its bound
    await preview.getByRole('radiogroup', { name: 'Chariot mobile ?' }).waitFor();
    expect(await preview.getByRole('textbox', { name: 'Nombre de tablettes' }).count()).toBe(0);
    await preview.getByRole('radio', { name: 'Oui' }).check();
    await preview.getByRole('textbox', { name: 'Nombre de tablettes' }).fill('40');
    await preview.getByRole('button', { name: 'Vérifier mes réponses' }).click();
    await preview.getByText('Au plus 30.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Publier la version 1' }).click();
    await page.getByText('Version 1 publiée : les nouveaux dossiers la prennent.').waitFor();
    // the builder goes on with the next draft, made from the published version
    await page.getByText(/Brouillon de la version 2/).waitFor();
    expect(await fields.count()).toBe(2);
    const form = (await (await context.request.get(`/api/campaigns/${campaign.id}/form`)).json()) as { versions: { number: number; publishedAt: string | null; fields: { key: string; condition?: unknown }[] }[] };
    const v1 = form.versions.find((v) => v.number === 1)!;
    expect(v1.publishedAt).not.toBeNull();
    expect(v1.fields.map((f) => f.key)).toEqual(['champ_1', 'nb_tablettes']);
    expect(v1.fields[1]!.condition).toEqual({ mode: 'and', clauses: [{ field: 'champ_1', op: 'equals', value: true }] });

    // the files list exports every answer as a column (axe once the publication's notice has gone)
    await page.getByRole('link', { name: /Tablettes pour projets e2e/ }).click();
    await page.getByRole('button', { name: 'Exporter XLSX' }).waitFor();
    await page.getByText(/les nouveaux dossiers la prennent/).waitFor({ state: 'detached', timeout: 10_000 });
    expect(await seriousViolations(page)).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter CSV' }).click()]);
    const header = readFileSync((await download.path())!, 'utf8').split('\r\n')[0]!;
    expect(header).toContain('Chariot mobile ?;Nombre de tablettes');
    await context.close();
  });
});
