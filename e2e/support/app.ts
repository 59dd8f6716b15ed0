import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchBrowser, newPage } from './browser';
import { ensureWebBuilt } from './build';
import { demoPassword, startServer, type RunningServer } from './server';

export { demoPassword };

export const accounts = {
  admin: 'authority-admin.hauts-de-france@demo.coherence.fr',
  technician: 'technician.hauts-de-france@demo.coherence.fr',
  staff: 'establishment-staff.hauts-de-france@demo.coherence.fr',
  academy: 'academy-staff.ac-lille@demo.coherence.fr',
  auditor: 'auditor.hauts-de-france@demo.coherence.fr',
  grandEstAdmin: 'authority-admin.grand-est@demo.coherence.fr',
};

export interface E2e {
  server: RunningServer;
  browser: Browser;
}

/**
 * One server and one browser for a test file: build the web if stale, start both, stop both. The
 * server starts on a copy of the demo global-setup.ts seeded for the run.
 */
export function useApp(): E2e {
  const state = {} as E2e;
  beforeAll(async () => {
    ensureWebBuilt();
    const [server, browser] = await Promise.all([startServer({ demo: inject('e2eDemo') }), launchBrowser()]);
    state.server = server;
    state.browser = browser;
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.server?.stop();
  });
  return state;
}

export async function openPage(app: E2e, options?: { width?: number; height?: number }) {
  return newPage(app.browser, app.server.url, options);
}

/**
 * Signed-in sessions for a test file: signedIn(email) opens a fresh context and signs in through
 * the form; every context is closed after the file (before useApp's afterAll stops the browser).
 */
export function useSignedInSessions(app: E2e) {
  const sessions: Awaited<ReturnType<typeof openPage>>[] = [];
  afterAll(async () => {
    for (const s of sessions) await s.context.close().catch(() => undefined);
  });
  return async function signedIn(email: string) {
    const session = await openPage(app);
    sessions.push(session);
    await login(session.page, email);
    return session;
  };
}

/** Signs in through the login form and waits for the home page. */
export async function login(page: Page, email: string, password = demoPassword) {
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel(/^Mot de passe/).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
}

export interface AxeSummary {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** Serious and critical WCAG 2.1 A/AA violations on the current page. */
export async function seriousViolations(page: Page): Promise<AxeSummary[]> {
  // a dialog still fading in has half-transparent text: axe would report its contrast
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 5_000 }).catch(() => undefined);
  // a notification sliding in is moved by a JS-driven transition that getAnimations() may not see yet
  await page
    .waitForFunction(
      () =>
        [...document.querySelectorAll('.mantine-Notification-root')].every((el) => {
          for (let node: Element | null = el; node; node = node.parentElement) if (getComputedStyle(node).opacity !== '1') return false;
          return true;
        }),
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
  // Legacy mode runs axe.run() in the page itself, same-origin frames included (the app has no other):
  // the default runs it in parts and then opens a blank page to inject axe again and finish there,
  // about twice the time per check. Only the violations are read, so only they are gathered in full.
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .options({ resultTypes: ['violations'] })
    .setLegacyMode()
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `/tmp/coherence-${name}.png`, fullPage: true });
}
