import { checkUai } from '../../referentiel/index.js';
import { normalizeSerial } from '../inventory/match-keys.js';
import { assetClassLabels, assetStatusLabels, type AssetClass, type AssetStatus } from '../asset-classes.js';
import type { AssetFields } from '../operations/asset-input.js';
import { classWords, fundingSourceLabels, fundingWords, ownerKindLabels, ownerWords, statusWords } from './asset-vocabulary.js';
import { parseChoice, parseDate, parsePrice, type Cell } from './cell-values.js';
import { importFields, type ImportField } from './column-mapping.js';

/** What one line of a device file says; a field is absent when its cell is empty (nothing to change). */
export type ImportValues = Partial<Omit<AssetFields, 'roomId'>> & { building?: string; room?: string };

export interface ParsedAssetRow {
  line: number;
  values: ImportValues;
  errors: string[];
}

const textLimits: Partial<Record<ImportField, number>> = {
  serial: 100,
  inventoryNumber: 100,
  building: 120,
  room: 120,
  name: 200,
  manufacturer: 200,
  model: 200,
  supplier: 200,
  orderReference: 100,
  imageVersion: 100,
};

const classNames = Object.values(assetClassLabels);
const statusNames = Object.values(assetStatusLabels);
const ownerNames = Object.values(ownerKindLabels);
const fundingNames = Object.values(fundingSourceLabels);

/** Reads one line through the column mapping, collecting every problem of the line in French. */
export function parseAssetRow(line: number, cells: string[], columns: Map<ImportField, number>): ParsedAssetRow {
  const values: Record<string, unknown> = {};
  const errors: string[] = [];
  const take = <T>(field: ImportField, cell: Cell<T>) => {
    if (cell.ok) values[field] = cell.value;
    else errors.push(cell.error);
  };
  for (const [field, index] of columns) {
    // our exports quote a cell starting with = + - @ so that a spreadsheet does not run it: unquoted back
    const raw = (cells[index] ?? '').trim().replace(/^'(?=[=+\-@])/, '');
    if (raw === '') continue;
    const label = `Colonne « ${importFields[field].label} »`;
    switch (field) {
      case 'uai': {
        const uai = checkUai(raw);
        if (uai.ok) values.uai = uai.uai;
        else errors.push(uai.message);
        break;
      }
      case 'class':
        take(field, parseChoice<AssetClass>(label, raw, classWords, classNames));
        break;
      case 'status':
        take(field, parseChoice<AssetStatus>(label, raw, statusWords, statusNames));
        break;
      case 'ownerKind':
      case 'funder':
        take(field, parseChoice(label, raw, ownerWords, ownerNames));
        break;
      case 'fundingSource':
        take(field, parseChoice(label, raw, fundingWords, fundingNames));
        break;
      case 'purchaseDate':
      case 'warrantyEnd':
        take(field, parseDate(label, raw));
        break;
      case 'purchasePrice':
        take(field, parsePrice(label, raw));
        break;
      default: {
        const max = textLimits[field] ?? 200;
        if (raw.length > max) errors.push(`${label} : ${raw.length} caractères, ${max} au plus.`);
        else values[field] = field === 'serial' ? normalizeSerial(raw) : raw;
      }
    }
  }
  if (values.purchaseDate && values.warrantyEnd && (values.warrantyEnd as string) < (values.purchaseDate as string)) {
    errors.push(`La fin de garantie (${values.warrantyEnd}) précède la date d’achat (${values.purchaseDate}).`);
  }
  if (values.building !== undefined && values.room === undefined) errors.push('Un bâtiment est indiqué sans salle.');
  return { line, values: values as ImportValues, errors };
}
