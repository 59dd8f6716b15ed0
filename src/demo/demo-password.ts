import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A password for the demo accounts that nobody else knows: 20 random characters, readable (no
 * 0/O or 1/l) with the classes the password rules ask for.
 */
export function generateDemoPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(20);
  const body = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  return `${body.slice(0, 5)}-${body.slice(5, 10)}-${body.slice(10, 15)}-${body.slice(15)}-Aa9`;
}

/** Where a generated password is kept for later starts (PGlite's directory only: the owner's machine). */
export function demoPasswordFile(dataDir: string): string {
  return join(dataDir, 'demo-password.txt');
}

export async function rememberDemoPassword(dataDir: string, password: string): Promise<void> {
  await writeFile(demoPasswordFile(dataDir), password + '\n', { mode: 0o600 });
}

export async function recallDemoPassword(dataDir: string): Promise<string | null> {
  return readFile(demoPasswordFile(dataDir), 'utf8').then((text) => text.trim() || null, () => null);
}
