export const permissionNames = [
  'establishment.read',
  'establishment.update',
  'establishment.import',
  'establishment.export',
  'premises.manage',
  'unit.read',
  'unit.manage',
  'organization.read',
  'organization.manage',
  'user.read',
  'user.manage',
  'token.manage',
  'audit.read',
  'asset.read',
  'asset.update',
  'inventory.manage',
  'ticket.read',
  'ticket.create',
  'ticket.comment',
  'ticket.handle',
  'ticket.private.read',
  'ticket.export',
  'desk.configure',
] as const;
export type Permission = (typeof permissionNames)[number];

export interface TenantSummary {
  id: string;
  code: string;
  name: string;
  kind: string;
  roles: string[];
  roleLabels: string[];
}

export interface Me {
  user: { id: string; email: string; displayName: string };
  tenants: TenantSummary[];
  activeTenant: { id: string; code: string } | null;
  assignments: { role: string; roleLabel: string; organizationCode: string; establishmentId: string | null; level: number | null }[];
  permissions: Partial<Record<Permission, boolean>>;
}
