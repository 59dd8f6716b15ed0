import { z } from 'zod';
import { staffFunctionLabels as sharedStaffFunctionLabels } from '../../../shared/roles.js';
import { can, roleLabels, roles, type Actor, type Role } from '../../../server/platform/authz.js';
import type { AssignmentRow } from '../db/queries.js';
import type { apiTokens } from '../db/schema.js';
import type { TenantUser } from '../operations/find-users.js';

export const staffFunctionLabels: Record<string, string> = sharedStaffFunctionLabels;

export const assignmentSchema = z.object({
  id: z.string(),
  role: z.enum(roles),
  roleLabel: z.string(),
  organizationId: z.string(),
  organizationCode: z.string(),
  organizationName: z.string(),
  establishmentId: z.string().nullable(),
  staffFunction: z.string().nullable(),
  staffFunctionLabel: z.string().nullable(),
  unitIds: z.array(z.string()),
  level: z.number().nullable(),
  createdAt: z.string(),
});

export function presentAssignment(a: AssignmentRow) {
  return {
    id: a.id,
    role: a.role as Role,
    roleLabel: roleLabels[a.role as Role] ?? a.role,
    organizationId: a.organizationId,
    organizationCode: a.organizationCode,
    organizationName: a.organizationName,
    establishmentId: a.establishmentId,
    staffFunction: a.staffFunction,
    staffFunctionLabel: a.staffFunction ? (staffFunctionLabels[a.staffFunction] ?? a.staffFunction) : null,
    unitIds: a.unitIds,
    level: a.level,
    createdAt: a.createdAt.toISOString(),
  };
}

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  hasPassword: z.boolean(),
  identityLinked: z.boolean(),
  createdAt: z.string(),
  /** Only the roles held in the active tenant. */
  roles: z.array(assignmentSchema),
  permissions: z.object({ manage: z.boolean() }),
});

/** Never the password hash nor the identity provider's subject. */
export function presentUser({ user, assignments }: TenantUser, actor: Actor) {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    active: user.active,
    hasPassword: user.passwordHash !== null,
    identityLinked: user.oidcSubject !== null,
    createdAt: user.createdAt.toISOString(),
    roles: assignments.map(presentAssignment),
    permissions: { manage: can(actor, 'user.manage') && user.id !== actor.id },
  };
}

type TokenRow = typeof apiTokens.$inferSelect;

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(roles),
  roleLabel: z.string(),
  access: z.enum(['read', 'write']),
  unitIds: z.array(z.string()),
  establishmentId: z.string().nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});

/** Never the secret nor its hash. */
export function presentApiToken(t: TokenRow, now: Date) {
  const status = t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt <= now ? 'expired' : 'active';
  return {
    id: t.id,
    name: t.name,
    role: t.role as Role,
    roleLabel: roleLabels[t.role as Role] ?? t.role,
    access: t.access === 'write' ? ('write' as const) : ('read' as const),
    unitIds: t.unitIds,
    establishmentId: t.establishmentId,
    status: status as 'active' | 'expired' | 'revoked',
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  };
}
