import type { EstablishmentRecord } from '../establishment-record.js';
import { academyByName } from './academies.js';
import { departmentCode } from './establishment-codes.js';
import { readLyceeItem, type LyceeItem } from './lycee-item.js';
import { rejectedRow, type ParsedRow } from './parsed-row.js';

interface Group {
  row: ParsedRow;
  items: LyceeItem[];
}

/**
 * The lycée JSON lists a UAI once per track type: GT (general and technological) and Pro
 * (vocational). Both entries become one establishment with both tracks; line = first entry's index + 1.
 */
export function parseLyceesJson(list: unknown[]): ParsedRow[] {
  const rows: ParsedRow[] = [];
  const groups = new Map<string, Group>();
  list.forEach((value, i) => {
    const line = i + 1;
    const read = readLyceeItem(value);
    if (!read.ok) return void rows.push(rejectedRow(line, read.uai, read.errors));
    const group = groups.get(read.item.uai);
    if (!group) {
      const row: ParsedRow = { line, uai: read.item.uai, status: 'valid' };
      groups.set(read.item.uai, { row, items: [read.item] });
      return void rows.push(row);
    }
    if (group.items.some((item) => item.type === read.item.type)) {
      return void rows.push(rejectedRow(line, read.item.uai, [duplicateReason(read.item, group.row.line)]));
    }
    group.items.push(read.item);
  });
  for (const group of groups.values()) group.row.record = mergeItems(group.items);
  return rows;
}

function duplicateReason(item: LyceeItem, firstLine: number): string {
  return `UAI ${item.uai} en double : la voie ${item.type} de cet établissement figure déjà à l'élément n° ${firstLine}.`;
}

const natures = {
  GT: { code: '300', label: 'LYCEE ENSEIGNT GENERAL ET TECHNOLOGIQUE' },
  Pro: { code: '320', label: 'LYCEE PROFESSIONNEL' },
  both: { code: '306', label: 'LYCEE POLYVALENT' },
};

function first<T>(items: LyceeItem[], pick: (item: LyceeItem) => T | null): T | null {
  for (const item of items) {
    const value = pick(item);
    if (value !== null) return value;
  }
  return null;
}

function mergeItems(items: LyceeItem[]): EstablishmentRecord {
  const head = items[0];
  const hasGt = items.some((i) => i.type === 'GT');
  const hasPro = items.some((i) => i.type === 'Pro');
  const nature = hasGt && hasPro ? natures.both : hasGt ? natures.GT : natures.Pro;
  const academy = academyByName(first(items, (i) => i.academy));
  const [latitude, longitude] = first(items, (i) => (i.latitude !== null && i.longitude !== null ? [i.latitude, i.longitude] : null)) ?? [null, null];
  return {
    uai: head.uai,
    name: head.name,
    natureCode: nature.code,
    natureLabel: nature.label,
    sector: head.sector,
    contractType: head.sector === 'private' ? (head.underContract ? 'under-contract' : null) : null,
    academyCode: academy?.code ?? null,
    academyName: academy?.name ?? first(items, (i) => i.academy),
    departmentCode: departmentCode(head.departmentCode),
    communeCode: null,
    communeName: first(items, (i) => i.communeName),
    postalCode: first(items, (i) => i.postalCode),
    address: first(items, (i) => i.address),
    latitude,
    longitude,
    // The JSON counts pupils sitting the baccalauréat, not pupils enrolled: not the same figure.
    pupils: null,
    priorityEducation: null,
    tracks: [...(hasGt ? ['general', 'technological'] : []), ...(hasPro ? ['vocational'] : [])],
    isOpen: true,
    phone: null,
    email: null,
  };
}
