import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, newPage } from '../e2e/support/browser.js';
import { ensureWebBuilt } from '../e2e/support/build.js';
import { demoPassword, repoRoot, startServer } from '../e2e/support/server.js';
import { seconds, type BenchRow } from './lib/table.js';

/** The main pages a newcomer opens first, each measured on a cold browser cache. */
const pages: [string, string][] = [
  ['Accueil', '/'],
  ['Établissements', '/etablissements'],
  ['Parc informatique', '/parc'],
  ['Tableau de bord du parc', '/parc/tableau-de-bord'],
  ['Tickets', '/guichet'],
  ['Tableau de bord du guichet', '/guichet/tableau-de-bord'],
  ['Campagnes', '/campagnes'],
  ['Marchés', '/marches'],
  ['Bons de commande', '/marches/commandes'],
  ['Pilotage', '/pilotage'],
];
const pageTargetMs = 1000;
const firstPageTargetMs = 180_000;

/** In the page, before its scripts: the time of the last node or text the page puts on screen. */
function recordLastChange() {
  const w = window as unknown as { lastChangeAt: number };
  w.lastChangeAt = 0;
  new MutationObserver(() => (w.lastChangeAt = performance.now())).observe(document, { subtree: true, childList: true, characterData: true });
}

/**
 * In the page, once the network has been idle: when its content was complete, from the start of the
 * navigation. That is the later of its last answer (code and data) and its last change on screen;
 * the half-second of silence Playwright waits to call the network idle is not the user's wait.
 */
function contentCompleteAt() {
  const lastAnswer = Math.max(0, ...performance.getEntriesByType('resource').map((e) => (e as PerformanceResourceTiming).responseEnd));
  return Math.max(lastAnswer, (window as unknown as { lastChangeAt: number }).lastChangeAt);
}

/**
 * First visit of each main page: a fresh browser context (nothing cached), signed in, from the
 * navigation until its content is complete (its code and data loaded, and drawn). Then, with `full`, the
 * time a newcomer waits from `npm ci` in a fresh clone to the first page served by `npm start`.
 */
export async function benchFirstVisit(options: { full: boolean; log: (line: string) => void }): Promise<BenchRow[]> {
  ensureWebBuilt();
  const [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const rows: BenchRow[] = [];
  try {
    for (const [label, path] of pages) {
      const { context, page } = await newPage(browser, server.url);
      await page.request.post('/api/auth/login', { data: { email: 'authority-admin.hauts-de-france@demo.coherence.fr', password: demoPassword } });
      await page.addInitScript(recordLastChange);
      await page.goto(path, { waitUntil: 'networkidle' });
      const elapsed = await page.evaluate(contentCompleteAt);
      rows.push({ measure: `première visite : ${label} (${path})`, value: `${Math.round(elapsed)} ms`, target: `< ${pageTargetMs} ms`, ok: elapsed < pageTargetMs });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  if (options.full) rows.push(await npmCiToFirstPage(options.log));
  else rows.push({ measure: 'de npm ci à la première page', value: 'non mesuré', target: `< ${seconds(firstPageTargetMs)} (npm run bench -- first-visit full)`, ok: null });
  return rows;
}

/** A fresh clone of HEAD, `npm ci`, `npm start`, and the first answer of its home page. */
async function npmCiToFirstPage(log: (line: string) => void): Promise<BenchRow> {
  const dir = mkdtempSync(join(tmpdir(), 'coherence-first-day-'));
  const port = String(3700 + Math.floor(Math.random() * 200));
  try {
    execFileSync('git', ['clone', '--quiet', '--local', '--no-hardlinks', repoRoot, dir]);
    const started = performance.now();
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: dir, stdio: 'ignore' });
    log(`npm ci : ${seconds(performance.now() - started)}`);
    const child = spawn('npm', ['start'], { cwd: dir, env: { ...process.env, PORT: port, HOST: '127.0.0.1', COHERENCE_DATA_DIR: join(dir, 'data') }, stdio: 'ignore', detached: true });
    try {
      for (;;) {
        const ok = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.ok, () => false);
        if (ok) break;
        if (child.exitCode !== null) throw new Error('npm start s’est arrêté avant de servir la première page');
        if (performance.now() - started > 15 * 60_000) throw new Error('pas de première page en 15 minutes');
        await new Promise((r) => setTimeout(r, 250));
      }
      const elapsed = performance.now() - started;
      return { measure: 'de npm ci à la première page (clone neuf, démo chargée)', value: seconds(elapsed), target: `< ${seconds(firstPageTargetMs)}`, ok: elapsed < firstPageTargetMs };
    } finally {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
