export const organizationKinds = [
  'region',
  'departement',
  'commune',
  'metropole',
  'epci',
  'academie',
  'draaf',
  'state-service',
  'contractor',
] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export const authorityKinds: readonly OrganizationKind[] = ['region', 'departement', 'commune', 'metropole', 'epci'];

export const organizationKindLabels: Record<OrganizationKind, string> = {
  region: 'Région',
  departement: 'Département',
  commune: 'Commune',
  metropole: 'Métropole',
  epci: 'EPCI',
  academie: 'Académie',
  draaf: 'DRAAF',
  'state-service': "Service de l'État",
  contractor: 'Prestataire',
};
