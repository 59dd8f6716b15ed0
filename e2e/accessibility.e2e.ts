import { describe, expect, it } from 'vitest';
import { accounts, login, openPage, screenshot, seriousViolations, useApp } from './support/app';

const app = useApp();

describe('accessibilité (axe, WCAG 2.1 A et AA)', () => {
  it('la page de connexion n’a aucune violation grave', async () => {
    const { context, page } = await openPage(app);
    await page.goto('/connexion');
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').waitFor();
    await screenshot(page, 'connexion');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('la liste, la fiche, le formulaire de modification et l’import n’ont aucune violation grave', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.admin);
    await screenshot(page, 'accueil');
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto('/etablissements');
    await page.getByRole('table').waitFor();
    await screenshot(page, 'liste');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('table').locator('tbody tr').first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Historique des modifications' }).waitFor();
    await page.getByRole('table', { name: /Historique/ }).waitFor();
    await screenshot(page, 'fiche');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Modifier', exact: true }).click();
    await page.getByRole('heading', { name: 'Modifier l’établissement' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto('/imports');
    await page.getByRole('heading', { name: 'Derniers imports' }).waitFor();
    await screenshot(page, 'import');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('les pages d’administration n’ont aucune violation grave', async () => {
    const { context, page } = await openPage(app);
    await login(page, accounts.admin);
    const pages: [string, string][] = [
      ['/unites', 'Unités territoriales'],
      ['/organisations', 'Organisations partenaires'],
      ['/utilisateurs', 'Utilisateurs'],
      ['/jetons', 'Jetons d’API'],
      ['/journal', 'Journal des modifications'],
      ['/compte', 'Mon compte'],
    ];
    for (const [path, title] of pages) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, path.slice(1));
      expect({ path, violations: await seriousViolations(page) }).toEqual({ path, violations: [] });
    }
    await page.goto('/utilisateurs');
    await page.getByRole('button', { name: 'Ajouter une personne' }).click();
    await page.getByLabel('Rôle', { exact: true }).selectOption('technician');
    await page.getByRole('heading', { name: 'Ajouter une personne' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto('/jetons');
    await page.getByRole('button', { name: 'Créer un jeton' }).click();
    await page.getByLabel(/^Nom/).fill('GLPI secteur 1');
    await page.getByRole('button', { name: 'Créer le jeton' }).click();
    await page.getByText(/Copiez ce secret maintenant/).waitFor();
    expect(await page.getByLabel('Secret du jeton').textContent()).toMatch(/^coh_/);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('se lit sur une tablette en mode portrait, avec un lien d’évitement', async () => {
    const { context, page } = await openPage(app, { width: 768, height: 1024 });
    await login(page, accounts.technician);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Aller au contenu' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.goto('/etablissements');
    await page.getByRole('table').waitFor();
    await screenshot(page, 'tablette-liste');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Unités territoriales' }).click();
    await page.getByRole('heading', { level: 1, name: 'Unités territoriales' }).waitFor();
    await page.getByText('Agence Nord', { exact: true }).waitFor();
    await page.waitForTimeout(400); // the menu's closing transition
    await screenshot(page, 'tablette-unites');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
