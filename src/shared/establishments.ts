/** Words of the establishments' directory: stored values and their French labels, for pages and exports. */

export const sectorLabels: Record<string, string> = { public: 'Public', private: 'Privé' };

/** Stored contract types of private establishments. */
export const contractTypeLabels = {
  association: "Sous contrat d'association (toutes classes)",
  'association-partial': "Sous contrat d'association (partie des classes)",
  simple: 'Sous contrat simple (toutes classes)',
  'simple-partial': 'Sous contrat simple (partie des classes)',
  'outside-contract': 'Hors contrat',
  'under-contract': 'Sous contrat (type non précisé)',
} as const;
export type ContractType = keyof typeof contractTypeLabels;

export const trackLabels: Record<string, string> = {
  general: 'Voie générale',
  technological: 'Voie technologique',
  vocational: 'Voie professionnelle',
  agricultural: 'Enseignement agricole',
};

export const roomKinds = ['classroom', 'workshop', 'lab', 'cdi', 'boarding', 'office', 'other'] as const;
export type RoomKind = (typeof roomKinds)[number];
export const roomKindLabels: Record<RoomKind, string> = {
  classroom: 'Salle de classe',
  workshop: 'Atelier',
  lab: 'Laboratoire',
  cdi: 'CDI',
  boarding: 'Internat',
  office: 'Bureau',
  other: 'Autre',
};

export const unitKinds = ['agency', 'sector', 'zone'] as const;
export type UnitKind = (typeof unitKinds)[number];
export const unitKindLabels: Record<UnitKind, string> = { agency: 'Agence', sector: 'Secteur', zone: 'Zone locale' };

export const organizationKinds = ['region', 'departement', 'commune', 'metropole', 'epci', 'academie', 'draaf', 'state-service', 'contractor'] as const;
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

/** A label from a table, or the value itself when the table does not know it (never an empty cell). */
export function labelOf(labels: Record<string, string>, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return labels[value] ?? value;
}
