export interface Assignment {
  id: string;
  role: string;
  roleLabel: string;
  organizationId: string;
  organizationCode: string;
  organizationName: string;
  establishmentId: string | null;
  staffFunction: string | null;
  staffFunctionLabel: string | null;
  unitIds: string[];
  level: number | null;
  createdAt: string;
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  active: boolean;
  hasPassword: boolean;
  identityLinked: boolean;
  createdAt: string;
  roles: Assignment[];
  permissions: { manage: boolean };
}

export interface RoleOptions {
  roles: { value: string; label: string }[];
  staffFunctions: { value: string; label: string }[];
  organizations: { id: string; code: string; name: string; kind: string }[];
}

/** What a role form sends (POST /users, /users/{id}/roles, /tokens share it). */
export interface RoleScope {
  role: string;
  organizationId?: string;
  establishmentId?: string | null;
  staffFunction?: string | null;
  unitIds: string[];
  level?: number | null;
}
