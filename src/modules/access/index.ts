export { actorFor, actorFromApiToken, identityFromSession, expandUnits } from './operations/resolve-actor.js';
export type { Identity, TenantAccess } from './operations/resolve-actor.js';
export { hashPassword, checkPasswordPolicy } from './passwords.js';
export { createUser, findUserByEmail } from './operations/create-user.js';
export { assignRole } from './operations/assign-role.js';
export { verifyPassword } from './passwords.js';
export { resolveRequestActor } from './operations/resolve-actor.js';
export { demoAccounts, type DemoAccount } from './demo/demo-accounts.js';
export { accessModule } from './module.js';
