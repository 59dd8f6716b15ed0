import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { systemCtx } from '../../../server/platform/context.js';
import type { Database } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import { testDatabase } from '../../../test/database.js';
import { createOrganization } from '../../referentiel/operations/create-organization.js';
import { users } from '../db/schema.js';
import { manualClock } from '../testing.js';
import { createUser } from './create-user.js';
import { lockMinutes, loginWithPassword, maxFailures } from './login-with-password.js';
import { identityFromSession } from './resolve-actor.js';

const password = 'Correct-Horse-2026!';
let database: Database;
const time = manualClock();
const ctx = () => systemCtx(database, time.clock);

beforeAll(async () => {
  database = await testDatabase();
  const org = await createOrganization(ctx(), { code: 'region-login', kind: 'region', name: 'Région essai connexion' });
  for (const email of ['known@essai.fr', 'locked@essai.fr', 'timing@essai.fr']) {
    await createUser(ctx(), { tenantId: org.tenantId, email, displayName: email, password });
  }
});
afterAll(() => database.close());

async function failure(email: string, pass = 'wrong-password-123') {
  try {
    await loginWithPassword(ctx(), { email, password: pass });
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('login unexpectedly succeeded');
}

describe('loginWithPassword', () => {
  test('opens a server-side session with the right password, whatever the case of the e-mail', async () => {
    const { sessionToken } = await loginWithPassword(ctx(), { email: ' Known@Essai.fr ', password });
    const identity = await identityFromSession(ctx(), sessionToken);
    expect(identity?.user.email).toBe('known@essai.fr');
  });

  test('answers an unknown and a known e-mail alike', async () => {
    const unknown = await failure('nobody@essai.fr');
    const known = await failure('known@essai.fr');
    expect(unknown).toEqual(known);
    expect(known).toEqual({ code: 'UNAUTHENTICATED', message: 'Adresse e-mail ou mot de passe incorrect.' });
    // a success clears the counter of the known account
    await loginWithPassword(ctx(), { email: 'known@essai.fr', password });
  });

  test('takes about as long for an unknown as for a known e-mail (one argon2 verification each)', async () => {
    await failure('warm-up@essai.fr'); // builds the dummy hash once
    const known: number[] = [];
    const unknown: number[] = [];
    // interleaved, so both sides see the same load on the machine
    for (let i = 0; i < 4; i++) {
      for (const [email, times] of [['timing@essai.fr', known], [`unknown-timing-${i}@essai.fr`, unknown]] as const) {
        const started = performance.now();
        await failure(email, `wrong-${i}-password`);
        times.push(performance.now() - started);
      }
    }
    const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
    const ratio = median(unknown) / median(known);
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(2.5);
  });

  test(`locks an e-mail for ${lockMinutes} minutes after ${maxFailures} failures, even with the right password`, async () => {
    for (let i = 0; i < maxFailures; i++) expect((await failure('locked@essai.fr')).code).toBe('UNAUTHENTICATED');
    const locked = await failure('locked@essai.fr', password);
    expect(locked.code).toBe('TOO_MANY_REQUESTS');
    expect(locked.message).toContain('15 minutes');
    time.advance((lockMinutes - 1) * 60_000);
    expect((await failure('locked@essai.fr', password)).message).toContain('1 minute.');
    time.advance(60_000);
    const { sessionToken } = await loginWithPassword(ctx(), { email: 'locked@essai.fr', password });
    expect(sessionToken).toBeTruthy();
    // the counter starts again from zero after a success
    for (let i = 0; i < maxFailures - 1; i++) await failure('locked@essai.fr');
    await loginWithPassword(ctx(), { email: 'locked@essai.fr', password });
  });

  test('locks an unknown e-mail the same way, so a lock reveals nothing', async () => {
    for (let i = 0; i < maxFailures; i++) expect((await failure('ghost@essai.fr')).code).toBe('UNAUTHENTICATED');
    expect((await failure('ghost@essai.fr')).code).toBe('TOO_MANY_REQUESTS');
  });

  test('refuses a disabled account with the same answer', async () => {
    const org = await createOrganization(ctx(), { code: 'region-login-2', kind: 'region', name: 'Région essai 2' });
    const user = await createUser(ctx(), { tenantId: org.tenantId, email: 'gone@essai.fr', displayName: 'Gone', password });
    await database.db.update(users).set({ active: false }).where(eq(users.id, user.id));
    expect(await failure('gone@essai.fr', password)).toEqual({ code: 'UNAUTHENTICATED', message: 'Adresse e-mail ou mot de passe incorrect.' });
  });
});
