/** Device classes of the fleet, with French labels and the default expected life in years. */
export const assetClasses = [
  'desktop',
  'laptop',
  'tablet',
  'chromebook',
  'server',
  'printer',
  'projector',
  'interactive-display',
  'wifi-access-point',
  'switch',
  'router',
  'firewall',
  'phone',
  'mobile-cart',
  'byod',
] as const;
export type AssetClass = (typeof assetClasses)[number];

export const assetClassLabels: Record<AssetClass, string> = {
  desktop: 'Ordinateur fixe',
  laptop: 'Ordinateur portable',
  tablet: 'Tablette',
  chromebook: 'Chromebook',
  server: 'Serveur',
  printer: 'Imprimante',
  projector: 'Vidéoprojecteur',
  'interactive-display': 'Tableau ou écran interactif',
  'wifi-access-point': 'Borne Wi-Fi',
  switch: 'Commutateur',
  router: 'Routeur',
  firewall: 'Pare-feu',
  phone: 'Téléphone ou autocommutateur',
  'mobile-cart': 'Classe mobile',
  byod: 'Équipement personnel (famille)',
};

/** Authorities set their own; these are the defaults the seeds quote (PC 5 years, tablet 4, projector 6). */
export const defaultExpectedLifeYears: Record<AssetClass, number> = {
  desktop: 5,
  laptop: 5,
  tablet: 4,
  chromebook: 4,
  server: 5,
  printer: 6,
  projector: 6,
  'interactive-display': 8,
  'wifi-access-point': 6,
  switch: 8,
  router: 8,
  firewall: 6,
  phone: 8,
  'mobile-cart': 6,
  byod: 4,
};

export const assetStatuses = [
  'ordered',
  'in-stock',
  'delivered',
  'installed',
  'imaged',
  'in-service',
  'lent',
  'in-repair',
  'retired',
  'lost',
] as const;
export type AssetStatus = (typeof assetStatuses)[number];

export const assetStatusLabels: Record<AssetStatus, string> = {
  ordered: 'Commandé',
  'in-stock': 'En stock',
  delivered: 'Livré',
  installed: 'Installé',
  imaged: 'Masterisé',
  'in-service': 'En service',
  lent: 'Prêté',
  'in-repair': 'En réparation',
  retired: 'Réformé',
  lost: 'Perdu ou volé',
};

export const ownerKinds = ['authority', 'academy', 'school', 'family'] as const;
/** `family-aid`: a family's own device (BYOD) bought with the authority's help (an aid to equipment). */
export const fundingSources = ['own-budget', 'feder', 'eib', 'state', 'school-budget', 'family', 'family-aid', 'other'] as const;

export type OwnerKind = (typeof ownerKinds)[number];
export type FundingSource = (typeof fundingSources)[number];

export const ownerKindLabels: Record<OwnerKind, string> = {
  authority: 'Collectivité',
  academy: 'Académie',
  school: 'Établissement',
  family: 'Famille',
};

export const fundingSourceLabels: Record<FundingSource, string> = {
  'own-budget': 'Budget propre',
  feder: 'FEDER',
  eib: 'Prêt BEI',
  state: 'État',
  'school-budget': 'Budget de l’établissement',
  family: 'Famille',
  'family-aid': 'Famille, avec une aide à l’équipement',
  other: 'Autre',
};

/** The fields an agent also writes: once a person edits one, it is locked against the agent. */
export const lockableFields = ['name', 'serial', 'manufacturer', 'model', 'osName', 'osVersion', 'establishmentId'] as const;
export type LockableField = (typeof lockableFields)[number];
