import { z } from 'zod';
import { AppError } from '../../../server/platform/errors.js';
import { wordKey } from './asset-vocabulary.js';

/** What a column of a device file can feed, with its French label and the headers that suggest it. */
export const importFields = {
  serial: { label: 'Numéro de série', headers: ['N° de série', 'Numéro de série', 'No de série', 'Num série', 'Série', 'Serial', 'Serial number', 'S/N', 'SN'] },
  inventoryNumber: {
    label: 'Numéro d’inventaire',
    headers: ['N° d’inventaire', "N° d'inventaire", 'Numéro d’inventaire', 'Inventaire', 'Étiquette', "Numéro d'immobilisation", 'Immobilisation', 'Inventory number', 'Asset tag'],
  },
  uai: { label: 'Établissement (UAI)', headers: ['UAI', 'Code UAI', 'RNE', 'Code RNE', 'Établissement (UAI)', 'UAI établissement', 'School', 'School UAI'] },
  building: { label: 'Bâtiment', headers: ['Bâtiment', 'Bat', 'Building'] },
  room: { label: 'Salle', headers: ['Salle', 'Local', 'Pièce', 'N° de salle', 'Room'] },
  class: { label: 'Type', headers: ['Type', 'Type d’équipement', "Type d'équipement", 'Catégorie', 'Classe', 'Nature', 'Class', 'Category', 'Device type'] },
  status: { label: 'Statut', headers: ['Statut', 'État', 'Status', 'State'] },
  name: { label: 'Nom', headers: ['Nom', 'Nom de l’équipement', "Nom de l'équipement", 'Nom d’hôte', "Nom d'hôte", 'Nom machine', 'Hostname', 'Name'] },
  manufacturer: { label: 'Fabricant', headers: ['Fabricant', 'Marque', 'Constructeur', 'Manufacturer', 'Brand', 'Make'] },
  model: { label: 'Modèle', headers: ['Modèle', 'Référence produit', 'Model'] },
  ownerKind: { label: 'Propriétaire', headers: ['Propriétaire', 'Owner'] },
  funder: { label: 'Financeur', headers: ['Financeur', 'Funder', 'Financé par'] },
  fundingSource: { label: 'Source de financement', headers: ['Source de financement', 'Financement', 'Funding source', 'Funding'] },
  supplier: { label: 'Fournisseur', headers: ['Fournisseur', 'Titulaire', 'Distributeur', 'Supplier', 'Vendor'] },
  orderReference: { label: 'Référence de commande', headers: ['Référence de commande', 'N° de commande', 'Bon de commande', 'Commande', 'Order reference', 'Order number', 'PO'] },
  purchaseDate: { label: 'Date d’achat', headers: ['Date d’achat', "Date d'achat", 'Date d’acquisition', "Date d'acquisition", 'Date de livraison', 'Purchase date'] },
  purchasePrice: { label: 'Prix d’achat', headers: ['Prix', 'Prix d’achat', "Prix d'achat", 'Prix TTC', 'Montant', 'Montant TTC', 'Coût', 'Price', 'Purchase price'] },
  warrantyEnd: {
    label: 'Fin de garantie',
    headers: ['Fin de garantie', 'Date de fin de garantie', 'Garantie jusqu’au', "Garantie jusqu'au", 'Garantie', 'Warranty end', 'Warranty', 'End of warranty'],
  },
  imageVersion: { label: 'Version d’image', headers: ['Version d’image', "Version d'image", 'Image', 'Master', 'Version du master', 'Image version'] },
} as const;

export type ImportField = keyof typeof importFields;
export const importFieldNames = Object.keys(importFields) as ImportField[];

/** Field → the header of the file's column that feeds it. */
export const columnMapping = z.partialRecord(z.enum(importFieldNames as [ImportField, ...ImportField[]]), z.string().min(1).max(200));
export type ColumnMapping = z.infer<typeof columnMapping>;

const byHeaderKey = new Map<string, ImportField>();
for (const field of importFieldNames) {
  for (const header of [field, importFields[field].label, ...importFields[field].headers]) {
    const key = wordKey(header);
    if (!byHeaderKey.has(key)) byHeaderKey.set(key, field);
  }
}

/** The mapping the headers suggest: each field fed by the first column whose header names it. */
export function suggestMapping(header: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const name of header) {
    const field = byHeaderKey.get(wordKey(name));
    if (field && mapping[field] === undefined) mapping[field] = name;
  }
  return mapping;
}

/** Field → column index; a header missing or written twice refuses the import as a whole. */
export function resolveMapping(header: string[], mapping: ColumnMapping): Map<ImportField, number> {
  const columns = new Map<ImportField, number>();
  const issues: { path: string; message: string }[] = [];
  for (const [field, name] of Object.entries(mapping) as [ImportField, string][]) {
    const indexes = header.flatMap((h, i) => (h === name.trim() ? [i] : []));
    if (indexes.length === 0) issues.push({ path: `mapping.${field}`, message: `Colonne « ${name} » absente du fichier.` });
    else if (indexes.length > 1) issues.push({ path: `mapping.${field}`, message: `Plusieurs colonnes s’appellent « ${name} » : renommez-les.` });
    else columns.set(field, indexes[0]);
  }
  if (!columns.has('serial') && !columns.has('inventoryNumber') && issues.length === 0) {
    issues.push({ path: 'mapping', message: 'Associez une colonne au numéro de série ou au numéro d’inventaire : c’est ainsi que chaque ligne retrouve son équipement.' });
  }
  if (issues.length) {
    throw new AppError('VALIDATION', `Correspondance des colonnes invalide : ${issues.map((i) => i.message).join(' ')}`, { issues });
  }
  return columns;
}
