import { simpleParser, type ParsedMail } from 'mailparser';
import { PDFDocument } from 'pdf-lib';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, demoPassword, openPage, seriousViolations, useApp, useSignedInSessions } from './support/app';

/**
 * A family applies for the Lycée 4.0 equipment aid on a tablet: a link by e-mail (caught by a real
 * SMTP server the application sends to), its file filled, the aid and the schedule computed by the
 * server, the tax notice attached as a real PDF, the file submitted.
 */
const caught: ParsedMail[] = [];
let smtp: SMTPServer;

// registered before useApp's: the server starts with this SMTP address (and the variable is removed after)
beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        caught.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  process.env.COHERENCE_SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
});
afterAll(async () => {
  delete process.env.COHERENCE_SMTP_URL;
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const app = useApp();
const signedIn = useSignedInSessions(app);

async function linkSentTo(email: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const mail = caught.find((m) => m.to && JSON.stringify(m.to).includes(email));
    const link = mail?.text?.match(/https?:\/\/\S+#jeton=[\w-]+/)?.[0];
    if (link) return link;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no sign-in link mailed to ${email}`);
}

async function taxNoticePdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText('Avis d’impôt 2026 — revenu fiscal de référence : 30 000 €'.replace('’', "'").replace('—', '-').replace('€', 'EUR'));
  return Buffer.from(await pdf.save());
}

describe('aide aux familles : une famille fait sa demande sur une tablette', () => {
  it('reçoit un lien, remplit son dossier, voit l’aide et l’échéancier, joint l’avis d’imposition et dépose', async () => {
    // a Grand Est lycée the family names by its UAI, as on the certificate of schooling
    const admin = await signedIn(accounts.grandEstAdmin);
    const schools = await (await admin.page.request.get('/api/establishments?pageSize=1')).json();
    const uai: string = schools.items[0].uai;

    const { page } = await openPage(app, { width: 768, height: 1024 });
    const email = `famille-${Date.now()}@exemple.fr`;
    await page.goto('/famille/grand-est/connexion');
    await page.getByRole('heading', { level: 1, name: 'Connexion des familles' }).waitFor();
    await page.getByLabel('Adresse électronique').fill('pas-une-adresse');
    await page.getByRole('button', { name: 'Recevoir le lien' }).click();
    await page.getByText('Indiquez une adresse électronique valide.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByRole('button', { name: 'Recevoir le lien' }).click();
    await page.getByText('Lien envoyé').waitFor();

    await page.goto(await linkSentTo(email));
    await page.getByRole('heading', { level: 1, name: 'Mes demandes d’aide' }).waitFor();
    expect(page.url()).not.toContain('jeton');
    await page.getByRole('button', { name: 'Commencer ma demande' }).click();
    await page.getByRole('heading', { level: 1, name: /Dossier n° \d+/ }).waitFor();

    await page.getByLabel('Prénom de l’élève').fill('Léa');
    await page.getByLabel('Nom de l’élève', { exact: true }).fill('Martin');
    await page.getByLabel('Classe', { exact: true }).fill('seconde');
    await page.getByLabel('UAI du lycée').fill('12');
    await page.getByRole('button', { name: 'Enregistrer et calculer l’aide' }).click();
    await page.getByText('UAI : 7 chiffres et une lettre (sur le certificat de scolarité).').waitFor();
    await page.getByLabel('UAI du lycée').fill(uai);
    await page.getByRole('radio', { name: /449,00/ }).check();
    await page.getByLabel('Revenu fiscal de référence du foyer (€)').fill('30000');
    await page.getByLabel('Nombre de mensualités (1 à 36)').fill('10');
    await page.getByLabel(/Souscrire l’assurance/).check();
    await page.getByRole('button', { name: 'Enregistrer et calculer l’aide' }).click();

    // 50 % of 449 EUR is 224.50, under the 225 EUR cap; the family pays the rest and the insurance over 10 months
    const figures = page.getByRole('region', { name: 'Aide calculée' });
    await figures.getByText(/^224,50\s€$/).first().waitFor();
    expect(await figures.getByText('Échéancier (10 mensualités)').count()).toBe(1);
    const amounts = await figures.locator('tbody tr td:last-child').allTextContents();
    const total = amounts.reduce((sum, text) => sum + Math.round(Number(text.replace(/[^\d,]/g, '').replace(',', '.')) * 100), 0);
    expect(total).toBe(22_450 + 5_600);
    await page.getByText('Pour déposer, il manque encore :').waitFor();

    await page.setInputFiles('#avis-imposition-fichier', { name: 'avis-imposition.pdf', mimeType: 'application/pdf', buffer: await taxNoticePdf() });
    await page.getByRole('button', { name: 'Envoyer le document' }).click();
    await page.getByRole('link', { name: 'avis-imposition.pdf' }).waitFor();
    await page.getByText('Tout est renseigné : vous pouvez déposer votre demande.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Déposer ma demande' }).click();
    await page.getByRole('heading', { name: 'Dossier déposé' }).waitFor();
    expect(await page.getByText('En construction').count()).toBeGreaterThan(0);
    // nothing wider than the tablet's screen: the page reads without scrolling sideways
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
  });

  it('mène la famille de démonstration, connectée par mot de passe, à ses propres pages et non à l’accueil des agents', async () => {
    const { page } = await openPage(app, { width: 768, height: 1024 });
    await page.goto('/connexion');
    await page.getByLabel('Adresse e-mail').fill('family.grand-est@demo.coherence.fr');
    await page.getByLabel(/^Mot de passe/).fill(demoPassword);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes demandes d’aide' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/famille/grand-est');
    expect(await page.getByRole('link', { name: /Dossier n° \d+/ }).count()).toBeGreaterThan(0);
  });
});
