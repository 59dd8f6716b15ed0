/** Roles a person or a token holds in a tenant, and school staff functions, with their French labels. */

export const roles = ['authority-admin', 'steering', 'technician', 'establishment-staff', 'academy-staff', 'contractor', 'auditor', 'buyer'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  'authority-admin': 'Administrateur de la collectivité',
  steering: 'Pilotage',
  technician: 'Technicien',
  'establishment-staff': "Personnel d'établissement",
  'academy-staff': "Personnel de l'académie",
  contractor: 'Prestataire',
  auditor: 'Auditeur',
  buyer: 'Acheteur',
};

export const staffFunctions = ['head', 'bursar', 'digital-referent', 'teacher', 'librarian'] as const;
export type StaffFunction = (typeof staffFunctions)[number];

export const staffFunctionLabels: Record<StaffFunction, string> = {
  head: "Chef d'établissement",
  bursar: 'Intendant',
  'digital-referent': 'Référent numérique',
  teacher: 'Enseignant',
  librarian: 'Professeur documentaliste',
};
