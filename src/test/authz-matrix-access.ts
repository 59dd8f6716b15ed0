import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { loginAttempts, users } from '../modules/access/db/schema.js';
import { hashPassword } from '../modules/access/index.js';
import { testPassword, type TestApp } from './app.js';
import { allowed, asUser, emailsOfA, everyUser, everyone, unique, type MatrixEntry } from './authz-matrix.js';
import { newTokenOfA, newUserOfA, userReaders } from './matrix-fixtures/access.js';

/** The auditor of A locked out from an address (five failed passwords): the lock's id. */
async function newLoginLockOfA(t: TestApp): Promise<string> {
  const key = randomBytes(32).toString('hex');
  const now = t.ctx.now();
  await t.ctx.db.insert(loginAttempts).values({
    key,
    kind: 'account-address',
    failures: 5,
    userId: t.ids.users.auditor.id,
    address: '198.51.100.20',
    updatedAt: now,
    lockedUntil: new Date(now.getTime() + 15 * 60000),
  });
  return key;
}

/** Sign-in, API tokens, users and roles: their routes in the authorization matrix (see authz-matrix.ts for the rules). */
export const accessMatrix: Record<string, MatrixEntry> = {
  // ------------------------------------------------------------ auth
  login: {
    public: true,
    cases: [
      {
        label: 'ses propres identifiants (ceux du pilotage de A pour l’anonyme)',
        expect: everyone(200),
        request: (t, c) => ({ method: 'POST', url: '/api/auth/login', payload: { email: t.ids.users[asUser(c) ?? 'steering'].email, password: testPassword } }),
        hidden: (t, c) => (asUser(c) ? [t.ids.users[c === 'admin-b' ? 'authority-admin' : 'admin-b'].email] : []),
      },
    ],
  },
  getAuthProviders: { public: true, cases: [{ expect: everyone(200), request: () => ({ url: '/api/auth/providers' }) }] },
  // without COHERENCE_OIDC_ISSUER both redirect to the sign-in page with a reason
  startOidcLogin: { public: true, cases: [{ expect: everyone(302), request: () => ({ url: '/api/auth/oidc/login' }) }] },
  completeOidcLogin: {
    public: true,
    cases: [{ expect: everyone(302), request: () => ({ url: '/api/auth/oidc/callback', query: { code: 'x', state: 'y' } }) }],
  },
  changePassword: {
    cases: [
      {
        expect: { ...everyUser(200), 'read-token': 401 }, // a session route: a token is nobody's password
        freshSession: true,
        endsAllSessions: true,
        request: () => ({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: testPassword, newPassword: 'Autre-Mot-De-Passe-2026!' } }),
        after: async (t, c) => {
          const user = asUser(c);
          if (!user) return;
          await t.ctx.db.update(users).set({ passwordHash: await hashPassword(testPassword) }).where(eq(users.id, t.ids.users[user].id));
        },
      },
    ],
  },
  logout: {
    public: true,
    cases: [{ expect: everyone(204), freshSession: true, request: () => ({ method: 'POST', url: '/api/auth/logout' }) }],
  },
  logoutEverywhere: {
    cases: [{ expect: { ...everyUser(200), 'read-token': 401 }, freshSession: true, endsAllSessions: true, request: () => ({ method: 'POST', url: '/api/auth/logout-everywhere' }) }],
  },
  getMe: { cases: [{ expect: { ...everyUser(200), 'read-token': 401 }, request: () => ({ url: '/api/auth/me' }) }] },

  // ------------------------------------------------------------ API tokens
  listApiTokens: { cases: [{ expect: { ...allowed(['authority-admin'], 200), 'read-token': 403 }, request: () => ({ url: '/api/tokens' }) }] },
  createApiToken: {
    cases: [
      {
        expect: allowed(['authority-admin'], 201),
        request: () => ({ method: 'POST', url: '/api/tokens', payload: { name: unique('Jeton'), access: 'read', role: 'auditor', unitIds: [] } }),
      },
    ],
  },
  revokeApiToken: {
    cases: [
      {
        label: 'un jeton de A',
        expect: allowed(['authority-admin'], 200, { recordOfA: true }),
        request: async (t) => ({ url: `/api/tokens/${(await newTokenOfA(t)).id}` }),
      },
    ],
  },

  // ------------------------------------------------------------ login locks
  listLoginLocks: { cases: [{ expect: { ...allowed(['authority-admin'], 200), 'read-token': 403 }, request: () => ({ url: '/api/login-locks' }) }] },
  unlockLogin: {
    cases: [
      {
        label: 'un compte de A bloqué depuis une adresse',
        expect: allowed(['authority-admin'], 200, { recordOfA: true }),
        request: async (t) => ({ method: 'DELETE', url: `/api/login-locks/${await newLoginLockOfA(t)}` }),
      },
    ],
  },

  // ------------------------------------------------------------ users and roles
  listUsers: {
    cases: [
      {
        expect: allowed(userReaders, 200),
        request: () => ({ url: '/api/users', query: { pageSize: '100' } }),
        shown: (t, c) => (c === 'admin-b' ? [t.ids.users['admin-b'].email] : emailsOfA(t)),
        hidden: (t, c) => (c === 'admin-b' ? [] : [t.ids.users['admin-b'].email]),
      },
    ],
  },
  exportUsers: {
    cases: [
      {
        expect: allowed(userReaders, 200),
        request: () => ({ url: '/api/users/export', query: { format: 'csv' } }),
        shown: (t, c) => (c === 'admin-b' ? [t.ids.users['admin-b'].email] : emailsOfA(t)),
        hidden: (t, c) => (c === 'admin-b' ? [] : [t.ids.users['admin-b'].email]),
      },
    ],
  },
  getRoleOptions: {
    cases: [
      {
        expect: allowed(userReaders, 200),
        request: () => ({ url: '/api/users/options' }),
        shown: (t, c) => (c === 'admin-b' ? [t.ids.b.name] : [t.ids.a.name, t.ids.academy.name, t.ids.contractorOrg.name]),
        hidden: (t, c) => (c === 'admin-b' ? [t.ids.a.name] : [t.ids.b.name]),
      },
    ],
  },
  getUser: {
    cases: [
      {
        label: 'le technicien de A',
        expect: allowed(userReaders, 200, { recordOfA: true }),
        request: (t) => ({ url: `/api/users/${t.ids.users.technician.id}` }),
        record: (t) => [t.ids.users.technician.email, t.ids.users.technician.displayName],
        shown: (t) => [t.ids.users.technician.email],
      },
    ],
  },
  addUser: {
    cases: [
      {
        expect: allowed(['authority-admin'], 201),
        request: () => ({
          method: 'POST',
          url: '/api/users',
          payload: { email: `${unique('nouveau')}@essai.coherence.fr`, displayName: 'Nouvelle personne', role: 'auditor', unitIds: [] },
        }),
      },
    ],
  },
  grantRole: {
    cases: [
      {
        label: 'une personne de A',
        expect: allowed(['authority-admin'], 201, { recordOfA: true }),
        request: async (t) => {
          const { user } = await newUserOfA(t);
          return { url: `/api/users/${user.id}/roles`, payload: { role: 'steering', unitIds: [] } };
        },
      },
    ],
  },
  removeRole: {
    cases: [
      {
        label: 'le rôle d’une personne de A',
        expect: allowed(['authority-admin'], 204, { recordOfA: true }),
        request: async (t) => {
          const { user, assignment } = await newUserOfA(t);
          return { url: `/api/users/${user.id}/roles/${assignment.id}` };
        },
      },
    ],
  },
  disableUser: {
    cases: [
      {
        label: 'une personne de A',
        expect: allowed(['authority-admin'], 200, { recordOfA: true }),
        request: async (t) => ({ url: `/api/users/${(await newUserOfA(t)).user.id}/disable` }),
      },
    ],
  },
  enableUser: {
    cases: [
      {
        label: 'une personne désactivée de A',
        expect: allowed(['authority-admin'], 200, { recordOfA: true }),
        request: async (t) => {
          const { user } = await newUserOfA(t);
          await t.ctx.db.update(users).set({ active: false }).where(eq(users.id, user.id));
          return { url: `/api/users/${user.id}/enable` };
        },
      },
    ],
  },

};
