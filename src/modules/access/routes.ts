import type { FastifyInstance } from 'fastify';
import { authRoutes } from './routes/auth.js';
import { loginLockRoutes } from './routes/login-locks.js';
import { oidcRoutes } from './routes/oidc.js';
import { tokenRoutes } from './routes/tokens.js';
import { userRoleRoutes } from './routes/user-roles.js';
import { userRoutes } from './routes/users.js';

/** Sign-in, sessions, OpenID Connect, API tokens, and the administration of people and roles. */
export async function accessRoutes(app: FastifyInstance) {
  await app.register(authRoutes);
  await app.register(oidcRoutes);
  await app.register(tokenRoutes);
  await app.register(userRoutes);
  await app.register(userRoleRoutes);
  await app.register(loginLockRoutes);
}
