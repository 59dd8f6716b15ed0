import type { ExportColumn } from '../../server/platform/export.js';
import type { TenantUser } from './operations/find-users.js';
import { presentAssignment } from './presenters/admin.js';

function describeRoles(row: TenantUser): string {
  return row.assignments
    .map(presentAssignment)
    .map((a) => {
      const details = [
        a.staffFunctionLabel,
        a.level !== null ? `niveau ${a.level}` : null,
        a.unitIds.length ? `${a.unitIds.length} unité(s)` : null,
      ].filter(Boolean);
      return `${a.roleLabel}${details.length ? ` (${details.join(', ')})` : ''} — ${a.organizationName}`;
    })
    .join(' ; ');
}

export const userColumns: ExportColumn<TenantUser>[] = [
  { header: 'Nom', value: (r) => r.user.displayName },
  { header: 'E-mail', value: (r) => r.user.email },
  { header: 'Actif', value: (r) => (r.user.active ? 'oui' : 'non') },
  { header: 'Mot de passe local', value: (r) => (r.user.passwordHash ? 'oui' : 'non') },
  { header: "Fournisseur d'identité lié", value: (r) => (r.user.oidcSubject ? 'oui' : 'non') },
  { header: 'Rôles', value: describeRoles },
  { header: 'Créé le', value: (r) => r.user.createdAt.toISOString().slice(0, 10) },
];
