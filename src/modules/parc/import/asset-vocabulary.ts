import {
  assetClasses,
  assetClassLabels,
  assetStatuses,
  assetStatusLabels,
  fundingSourceLabels,
  fundingSources,
  ownerKindLabels,
  ownerKinds,
  type AssetClass,
  type AssetStatus,
  type FundingSource,
  type OwnerKind,
} from '../asset-classes.js';

export { fundingSourceLabels, ownerKindLabels };

/** Lower case, no accents, words separated by one space: « N° de série » and « numero serie » meet. */
export function wordKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/n\s*[°º]/g, 'numero ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '' && !stopWords.has(w))
    .map((w) => synonymWords[w] ?? w)
    .join(' ');
}

const stopWords = new Set(['de', 'd', 'du', 'des', 'la', 'le', 'l', 'les', 'the', 'of', 'en', 'a', 'au']);
const synonymWords: Record<string, string> = { no: 'numero', num: 'numero', nr: 'numero', nro: 'numero', number: 'numero' };

/** A closed list read from a cell: codes, French labels and the usual ways of writing them. */
function vocabulary<T extends string>(codes: readonly T[], labels: Record<T, string>, synonyms: Record<string, T>): Map<string, T> {
  const map = new Map<string, T>();
  for (const code of codes) {
    map.set(wordKey(code), code);
    map.set(wordKey(labels[code]), code);
  }
  for (const [text, code] of Object.entries(synonyms)) map.set(wordKey(text), code);
  return map;
}

export const classWords = vocabulary<AssetClass>(assetClasses, assetClassLabels, {
  PC: 'desktop',
  'PC fixe': 'desktop',
  'Poste fixe': 'desktop',
  Ordinateur: 'desktop',
  'Unité centrale': 'desktop',
  UC: 'desktop',
  'Poste de travail': 'desktop',
  Fixe: 'desktop',
  Portable: 'laptop',
  'PC portable': 'laptop',
  Laptop: 'laptop',
  Notebook: 'laptop',
  Tablette: 'tablet',
  iPad: 'tablet',
  Tablet: 'tablet',
  Serveur: 'server',
  Imprimante: 'printer',
  Copieur: 'printer',
  Multifonction: 'printer',
  Photocopieur: 'printer',
  Projecteur: 'projector',
  VP: 'projector',
  'Vidéo-projecteur': 'projector',
  TBI: 'interactive-display',
  VPI: 'interactive-display',
  TNI: 'interactive-display',
  ENI: 'interactive-display',
  'Écran interactif': 'interactive-display',
  'Écran numérique interactif': 'interactive-display',
  'Tableau blanc interactif': 'interactive-display',
  'Borne Wi-Fi': 'wifi-access-point',
  'Borne wifi': 'wifi-access-point',
  'Point d’accès': 'wifi-access-point',
  "Point d'accès Wi-Fi": 'wifi-access-point',
  AP: 'wifi-access-point',
  Switch: 'switch',
  Routeur: 'router',
  Router: 'router',
  'Pare-feu': 'firewall',
  Firewall: 'firewall',
  Téléphone: 'phone',
  Autocommutateur: 'phone',
  PABX: 'phone',
  IPBX: 'phone',
  'Classe mobile': 'mobile-cart',
  Chariot: 'mobile-cart',
  'Valise mobile': 'mobile-cart',
  BYOD: 'byod',
  AVEC: 'byod',
  'Équipement personnel': 'byod',
});

export const statusWords = vocabulary<AssetStatus>(assetStatuses, assetStatusLabels, {
  'En commande': 'ordered',
  Stock: 'in-stock',
  Livré: 'delivered',
  Installé: 'installed',
  Imagé: 'imaged',
  Masterisé: 'imaged',
  Actif: 'in-service',
  'En production': 'in-service',
  Service: 'in-service',
  'En prêt': 'lent',
  Prêt: 'lent',
  Prêté: 'lent',
  'En panne': 'in-repair',
  SAV: 'in-repair',
  Réparation: 'in-repair',
  Réformé: 'retired',
  Retiré: 'retired',
  'Hors service': 'retired',
  'Mis au rebut': 'retired',
  Perdu: 'lost',
  Volé: 'lost',
  Vol: 'lost',
});

export const ownerWords = vocabulary<OwnerKind>(ownerKinds, ownerKindLabels, {
  Région: 'authority',
  Département: 'authority',
  Commune: 'authority',
  Métropole: 'authority',
  Ville: 'authority',
  'Conseil régional': 'authority',
  'Conseil départemental': 'authority',
  'Éducation nationale': 'academy',
  Rectorat: 'academy',
  DANE: 'academy',
  Lycée: 'school',
  Collège: 'school',
  École: 'school',
  'Budget établissement': 'school',
  "Budget de l'établissement": 'school',
  Parents: 'family',
});

export const fundingWords = vocabulary<FundingSource>(fundingSources, fundingSourceLabels, {
  'Fonds propres': 'own-budget',
  'Budget collectivité': 'own-budget',
  'Own budget': 'own-budget',
  'Fonds européens': 'feder',
  Europe: 'feder',
  BEI: 'eib',
  'Prêt BEI': 'eib',
  EIB: 'eib',
  'Plan de relance': 'state',
  'Dotation État': 'state',
  'Budget établissement': 'school-budget',
  'School budget': 'school-budget',
  Famille: 'family',
  Parents: 'family',
  'Aide à l’équipement': 'family-aid',
  'Aide famille': 'family-aid',
  Autre: 'other',
});
