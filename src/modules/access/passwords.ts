import argon2 from 'argon2';
import { AppError } from '../../server/platform/errors.js';

/** CNIL: a password used alone needs at least 12 characters (with enough variety). */
export const minPasswordLength = 12;

export function checkPasswordPolicy(password: string): void {
  if (password.length < minPasswordLength) {
    throw new AppError('VALIDATION', `Le mot de passe doit compter au moins ${minPasswordLength} caractères.`, {
      issues: [{ path: 'password', message: `Au moins ${minPasswordLength} caractères.` }],
    });
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) {
    throw new AppError(
      'VALIDATION',
      'Le mot de passe doit mêler au moins trois types de caractères parmi minuscules, majuscules, chiffres et caractères spéciaux.',
      { issues: [{ path: 'password', message: 'Trois types de caractères au moins.' }] },
    );
  }
}

// OWASP's argon2id profile (19 MiB, 2 passes) keeps a login under ~50 ms on a small server.
const options = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, options);
}

let dummyHash: Promise<string> | null = null;

/** Verifies against a real hash, or a dummy one for unknown accounts so both take the same time. */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= argon2.hash('coherence-dummy-password', options);
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}
