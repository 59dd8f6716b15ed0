import { frenchDate, frenchDateTime } from '../shared/french';
/** French labels for the codes the API returns (ministry nomenclatures and Cohérence's own enums). */

export const academies: Record<string, string> = {
  '01': 'Paris',
  '02': 'Aix-Marseille',
  '03': 'Besançon',
  '04': 'Bordeaux',
  '06': 'Clermont-Ferrand',
  '07': 'Dijon',
  '08': 'Grenoble',
  '09': 'Lille',
  '10': 'Lyon',
  '11': 'Montpellier',
  '12': 'Nancy-Metz',
  '13': 'Poitiers',
  '14': 'Rennes',
  '15': 'Strasbourg',
  '16': 'Toulouse',
  '17': 'Nantes',
  '18': 'Orléans-Tours',
  '19': 'Reims',
  '20': 'Amiens',
  '22': 'Limoges',
  '23': 'Nice',
  '24': 'Créteil',
  '25': 'Versailles',
  '27': 'Corse',
  '28': 'La Réunion',
  '31': 'Martinique',
  '32': 'Guadeloupe',
  '33': 'Guyane',
  '43': 'Mayotte',
  '70': 'Normandie',
};

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

export const sectorLabels: Record<string, string> = { public: 'Public', private: 'Privé' };

export const contractTypeLabels: Record<string, string> = {
  association: "Sous contrat d'association (toutes classes)",
  'association-partial': "Sous contrat d'association (partie des classes)",
  simple: 'Sous contrat simple (toutes classes)',
  'simple-partial': 'Sous contrat simple (partie des classes)',
  'outside-contract': 'Hors contrat',
  'under-contract': 'Sous contrat (type non précisé)',
};

export const trackLabels: Record<string, string> = {
  general: 'Voie générale',
  technological: 'Voie technologique',
  vocational: 'Voie professionnelle',
  agricultural: 'Enseignement agricole',
};

export const roomKindLabels: Record<string, string> = {
  classroom: 'Salle de classe',
  workshop: 'Atelier',
  lab: 'Laboratoire',
  cdi: 'CDI',
  boarding: 'Internat',
  office: 'Bureau',
  other: 'Autre',
};

export const unitKindLabels: Record<string, string> = { agency: 'Agence', sector: 'Secteur', zone: 'Zone locale' };

export const organizationKindLabels: Record<string, string> = {
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
