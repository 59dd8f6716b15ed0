import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seriousViolations, useApp, useSignedInSessions } from './support/app';

const app = useApp();
const signedIn = useSignedInSessions(app);

describe('pilotage : gouvernance et services de la Métropole', () => {
  it('le pilotage de la Région ouvre une réunion, émet un nouveau dossier de séance et télécharge celui qui a été émis', async () => {
    const { page, context } = await signedIn('steering.hauts-de-france@demo.coherence.fr');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Gouvernance' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gouvernance' }).waitFor();
    for (const body of ['Groupe projet hebdomadaire', 'Comité technique semestriel', 'Comité de pilotage annuel']) await page.getByRole('heading', { level: 2, name: body }).waitFor();
    await page.getByText('En retard').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Comité de pilotage annuel' }) }).getByRole('link', { name: /Réunion du/ }).first().click();
    await page.getByRole('heading', { level: 1, name: /Comité de pilotage annuel — réunion du/ }).waitFor();
    await page.getByText('Adoptée').waitFor();
    await page.getByRole('button', { name: 'Télécharger la version 1 (PDF)' }).waitFor();
    await page.getByRole('button', { name: 'Émettre un nouveau dossier' }).click();
    await page.getByRole('button', { name: 'Télécharger la version 2 (PDF)' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger la version 1 (PDF)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^dossier-comite-de-pilotage-annuel-\d{4}-\d{2}-\d{2}-v1\.pdf$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await seriousViolations(page)).toEqual([]);

    // the meeting's forms: agenda, attendance and minutes, a decision and its vote, an action
    const agenda = page.getByRole('form', { name: 'Modifier l’ordre du jour' });
    const points = await agenda.getByLabel('Ordre du jour (un point par ligne)').inputValue();
    await agenda.getByLabel('Ordre du jour (un point par ligne)').fill(`${points}\nPoint ajouté en séance`);
    await agenda.getByRole('button', { name: 'Enregistrer l’ordre du jour' }).click();
    await page.getByText('Ordre du jour enregistré.').waitFor();
    await page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Ordre du jour' }) }).getByRole('listitem').filter({ hasText: 'Point ajouté en séance' }).waitFor();

    const attendance = page.getByRole('form', { name: 'Présences et compte rendu' });
    const meetingUrl = `/api/governance/meetings/${page.url().split('/').pop()}`;
    type Member = { id: string; name: string; present: boolean };
    const before = (await (await context.request.get(meetingUrl)).json()).members as Member[];
    // one more member present (or, all there, the last one leaves)
    const changed = before.find((m) => !m.present) ?? before[before.length - 1];
    await attendance.getByRole('checkbox', { name: new RegExp(`^${changed.name},`) }).click();
    await attendance.getByLabel('Compte rendu').fill('Séance ouverte à 10 h ; le plan 2027 est présenté.');
    await attendance.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Présences et compte rendu enregistrés.').waitFor();
    const after = (await (await context.request.get(meetingUrl)).json()) as { members: Member[]; minutes: string };
    expect(after.members.find((m) => m.id === changed.id)!.present).toBe(!changed.present);
    expect(after.minutes).toBe('Séance ouverte à 10 h ; le plan 2027 est présenté.');
    const voter = after.members.find((m) => m.present)!;

    const decisions = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Décisions et votes' }) });
    const newDecision = decisions.getByRole('form', { name: 'Nouvelle décision' });
    await newDecision.getByRole('button', { name: 'Soumettre au vote' }).click();
    await newDecision.getByText('Intitulé trop court.').waitFor();
    await newDecision.getByLabel('Nouvelle décision soumise au vote').fill('Adopter le plan de câblage 2027');
    await newDecision.getByRole('button', { name: 'Soumettre au vote' }).click();
    await decisions.getByText('Adopter le plan de câblage 2027').waitFor();
    const vote = decisions.getByRole('form', { name: 'Enregistrer un vote' }).last();
    await vote.getByRole('textbox', { name: 'Membre' }).click();
    await page.getByRole('option', { name: voter.name, exact: true }).click();
    await vote.getByRole('button', { name: 'Enregistrer le vote' }).click();
    await page.getByText('Vote enregistré.').waitFor();
    await decisions.getByText(/Pour 1, contre 0, abstention 0/).waitFor();
    await vote.getByRole('button', { name: 'Clore le vote' }).click();
    await page.getByText(/^Décision (adoptée|rejetée)\.$/).waitFor();

    const actions = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Actions décidées' }) });
    const newAction = actions.getByRole('form', { name: 'Nouvelle action' });
    await newAction.getByRole('textbox', { name: 'Nouvelle action' }).fill('Chiffrer le câblage des ateliers');
    await newAction.getByRole('textbox', { name: 'Porteur' }).click();
    await page.getByRole('option').first().click();
    await newAction.getByLabel('Échéance').fill('2027-06-30');
    await newAction.getByRole('button', { name: 'Ajouter' }).click();
    await actions.getByRole('listitem').filter({ hasText: 'Chiffrer le câblage des ateliers' }).filter({ hasText: 'échéance 30 juin 2027' }).waitFor();
    await page.getByRole('button', { name: 'Émettre un nouveau dossier' }).click();
    await page.getByRole('button', { name: 'Télécharger la version 3 (PDF)' }).waitFor();
    await expect.poll(() => page.locator('.mantine-Notification-root').count(), { timeout: 20_000 }).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('une commune voit le service rendu à ses écoles et sa part des coûts, jamais les chiffres d’une autre', async () => {
    const metropole = await signedIn('authority-admin.rennes-metropole@demo.coherence.fr');
    const all = (await (await metropole.context.request.get('/api/metropole/communes')).json()) as { communeId: string; name: string; status: string }[];
    expect(all.filter((c) => c.status === 'refused').map((c) => c.name)).toEqual(['Commune de Thorigné-Fouillard']);
    const bruz = all.find((c) => c.name === 'Commune de Bruz')!;
    // the Métropole's manager edits a service's unit cost from the page (the commune's account below has no such form)
    await metropole.page.goto('/pilotage/metropole');
    await metropole.page.getByRole('heading', { level: 1, name: 'Services de la Métropole' }).waitFor();
    await metropole.page.getByText('Modifier : ENT des écoles').click();
    const ent = metropole.page.getByRole('form', { name: 'Modifier le service ENT des écoles' });
    await ent.getByLabel('Niveau promis : tickets résolus dans les délais (%)').fill('92');
    await ent.getByRole('button', { name: 'Enregistrer le service' }).click();
    await metropole.page.getByText('Service modifié.').waitFor();
    const catalogue = (await (await metropole.context.request.get('/api/metropole/catalogue')).json()) as { services: { code: string; resolveWithinTarget: number }[] };
    expect(catalogue.services.find((x) => x.code === 'ent')!.resolveWithinTarget).toBe(0.92);
    await metropole.page.getByRole('heading', { level: 2, name: 'Adhésions et souscriptions des communes' }).waitFor();

    const { page, context } = await signedIn('steering.cesson-sevigne@demo.coherence.fr');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Services de la Métropole' }).click();
    await page.getByRole('heading', { level: 1, name: 'Services de la Métropole' }).waitFor();
    const rows = page.getByRole('table', { name: 'Communes' }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(2);
    // a commune reads the catalogue; its forms are the Métropole's
    expect(await page.getByText(/^Modifier : /).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Adhésions et souscriptions des communes' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Commune de Cesson-Sévigné' }).click();
    await page.getByRole('heading', { level: 1, name: /Service rendu à la commune de Cesson-Sévigné/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Niveau de service obtenu face au catalogue' }).waitFor();
    await expect.poll(() => page.locator('svg.recharts-surface').count()).toBeGreaterThanOrEqual(2);
    await page.getByRole('img', { name: /Maintenance des postes/ }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // another commune's page, by its real id: not found, nothing of Bruz shown
    const refused = await context.request.get(`/api/metropole/communes/${bruz.communeId}/service`);
    expect(refused.status()).toBe(404);
    expect(await refused.text()).not.toContain('Bruz');
    await page.goto(`/pilotage/metropole/communes/${bruz.communeId}`);
    await page.getByText('Commune introuvable.').waitFor();
  });
});
