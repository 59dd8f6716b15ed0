import { frenchDate, frenchDateTime } from '../shared/french';
/** French labels for the codes the API returns (ministry nomenclatures and Cohérence's own enums). */
import { academies } from '../shared/academies';
import { contractTypeLabels as contractTypes, organizationKindLabels as organizationKinds, roomKindLabels as roomKinds, sectorLabels, trackLabels, unitKindLabels as unitKinds } from '../shared/establishments';

// written once in src/shared, with the server (exports, validation): looked up here by any code the API returns
export { academies, sectorLabels, trackLabels };
export const contractTypeLabels: Record<string, string> = contractTypes;
export const roomKindLabels: Record<string, string> = roomKinds;
export const unitKindLabels: Record<string, string> = unitKinds;
export const organizationKindLabels: Record<string, string> = organizationKinds;

/** The national nature codes of the schools an authority runs (the annuaire's code_nature). */
export const natures: Record<string, string> = {
  '101': 'École maternelle',
  '151': 'École élémentaire',
  '300': 'Lycée général et technologique',
  '301': 'Lycée technologique',
  '302': 'Lycée général',
  '306': 'Lycée polyvalent',
  '307': 'Lycée agricole',
  '320': 'Lycée professionnel',
  '334': 'Section d’enseignement professionnel',
  '335': 'Section d’enseignement général et technologique',
  '340': 'Collège',
  '350': 'Collège climatique',
  '352': 'Collège spécialisé',
  '370': 'EREA / lycée d’enseignement adapté',
  '380': 'Maison familiale rurale',
  '400': 'École de STS ou de CPGE',
};

export function natureLabel(code: string | null, label: string | null): string {
  if (code && natures[code]) return natures[code];
  if (label) return label.charAt(0) + label.slice(1).toLowerCase();
  return 'Non renseignée';
}

export const auditActionLabels: Record<string, string> = {
  create: 'Création',
  update: 'Modification',
  delete: 'Suppression',
  import: 'Import',
};

export const fieldLabels: Record<string, string> = {
  name: 'Nom',
  address: 'Adresse',
  postalCode: 'Code postal',
  communeName: 'Commune',
  communeCode: 'Code commune',
  phone: 'Téléphone',
  email: 'Courriel',
  pupils: 'Élèves',
  priorityEducation: 'Éducation prioritaire',
  isOpen: 'Ouvert',
  unitId: 'Unité territoriale',
  natureCode: 'Code nature',
  natureLabel: 'Nature',
  sector: 'Secteur',
  latitude: 'Latitude',
  longitude: 'Longitude',
  tracks: 'Voies',
  academyCode: 'Académie',
  kind: 'Type',
  floor: 'Étage',
  buildingId: 'Bâtiment',
  code: 'Code',
  displayName: 'Nom affiché',
  role: 'Rôle',
  organizationId: 'Organisation',
  establishmentId: 'Établissement',
  unitIds: 'Unités',
  level: 'Niveau',
  staffFunction: 'Fonction',
  active: 'Actif',
  access: 'Accès',
  expiresAt: 'Expiration',
  parentId: 'Unité parente',
};

const numberFormat = new Intl.NumberFormat('fr-FR');
export const formatNumber = (n: number | null | undefined) => (n === null || n === undefined ? '—' : numberFormat.format(n));

/** « 1er janvier 2020 à 01:00 », in Paris whatever the browser's zone (see src/shared/french.ts). */
export const formatDateTime = (iso: string) => frenchDateTime(iso);
export const formatDate = (iso: string) => frenchDate(iso);
