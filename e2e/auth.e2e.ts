import { describe, expect, it } from 'vitest';
import { accounts, demoPassword, login, openPage, seriousViolations, useApp } from './support/app';

const app = useApp();

describe('connexion', () => {
  it('refuse un mauvais mot de passe avec un message annoncé, sans ouvrir de session', async () => {
    const { context, page } = await openPage(app);
    await page.goto('/etablissements');
    await page.waitForURL(/\/connexion\?retour=/);
    await page.getByLabel('Adresse e-mail').fill(accounts.admin);
    await page.getByLabel(/^Mot de passe/).fill('pas-le-bon-mot-de-passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Connexion impossible/);
    expect(new URL(page.url()).pathname).toBe('/connexion');
    expect((await context.request.get('/api/auth/me')).status()).toBe(401);
    await context.close();
  });

  it('ouvre la session avec le bon mot de passe, revient à la page demandée, puis se déconnecte', async () => {
    const { context, page } = await openPage(app);
    await page.goto('/etablissements');
    await page.waitForURL(/\/connexion/);
    await page.getByLabel('Adresse e-mail').fill(accounts.admin);
    await page.getByLabel(/^Mot de passe/).fill(demoPassword);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Établissements' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Utilisateurs' }).count()).toBe(1);

    await page.getByRole('button', { name: /Compte de/ }).click();
    await page.getByRole('menuitem', { name: 'Se déconnecter', exact: true }).click();
    await page.waitForURL(/\/connexion/);
    await page.getByText('Vous êtes déconnecté.').waitFor();
    expect((await context.request.get('/api/auth/me')).status()).toBe(401);
    await context.close();
  });

  it('« se déconnecter de tous les appareils » ferme aussi la session ouverte ailleurs', async () => {
    const tablet = await openPage(app);
    const desktop = await openPage(app);
    await login(tablet.page, accounts.auditor);
    await login(desktop.page, accounts.auditor);
    await tablet.page.goto('/etablissements');
    await tablet.page.getByRole('table').waitFor();

    await desktop.page.getByRole('button', { name: /Compte de/ }).click();
    await desktop.page.getByRole('menuitem', { name: 'Se déconnecter de tous les appareils' }).click();
    await desktop.page.getByText('Vous êtes déconnecté de tous vos appareils.').waitFor();

    // the other device's next call gets a 401: back to the login page, which explains why, then back to the list
    await tablet.page.getByLabel('Nature').selectOption('306');
    await tablet.page.waitForURL(/\/connexion\?/);
    await tablet.page.getByRole('alert').filter({ hasText: 'Votre session a expiré ou a été fermée' }).waitFor();
    await tablet.page.getByLabel('Adresse e-mail').fill(accounts.auditor);
    await tablet.page.getByLabel(/^Mot de passe/).fill(demoPassword);
    await tablet.page.getByRole('button', { name: 'Se connecter' }).click();
    await tablet.page.waitForURL(/\/etablissements\?natureCode=306/);
    await tablet.page.getByRole('table').waitFor();
    await tablet.context.close();
    await desktop.context.close();
  });

  it('n’affiche dans le menu que ce que le rôle permet', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.staff);
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    expect(await nav.getByRole('link', { name: 'Établissements' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: "Import de l'annuaire" }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Utilisateurs' }).count()).toBe(0);
    await page.goto('/imports');
    await page.getByRole('alert').filter({ hasText: 'Accès non autorisé' }).waitFor();
    await context.close();
  });

  it('propose de changer de collectivité à qui travaille pour plusieurs', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.academy);
    const switcher = page.getByLabel('Collectivité active');
    const options = await switcher.locator('option').allTextContents();
    expect(options.length).toBeGreaterThan(1);
    await switcher.selectOption({ label: 'Département du Nord' });
    await page.getByText('Département du Nord —').waitFor();
    const me = await (await context.request.get('/api/auth/me')).json();
    expect(me.activeTenant.code).toBe('nord');
    await context.close();
  });
});
