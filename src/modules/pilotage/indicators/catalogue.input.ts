/**
 * The indicators a target profile may set, how each is compared with its threshold, and the
 * pure rules behind the figures (the SQL in assess-sql.ts gathers the counts they divide).
 */
export const indicatorCodes = [
  'internet_down_mbps',
  'internet_up_mbps',
  'internet_symmetric',
  'wifi_teaching_rooms_share',
  'pupils_per_device',
  'devices_per_100_pupils',
  'fleet_under_5_years_share',
  'warranty_share',
  'displays_per_classroom',
  'ent_open',
  'licences_per_pupil',
  'desk_within_agreement_share',
] as const;
export type IndicatorCode = (typeof indicatorCodes)[number];

/** at-least: value ≥ target; at-most: value ≤ target (pupils per device). */
export type Direction = 'at-least' | 'at-most';

export interface IndicatorDefinition {
  label: string;
  unit: string;
  direction: Direction;
}

export const indicatorDefinitions: Record<IndicatorCode, IndicatorDefinition> = {
  internet_down_mbps: { label: 'Débit internet descendant', unit: 'Mbit/s', direction: 'at-least' },
  internet_up_mbps: { label: 'Débit internet montant', unit: 'Mbit/s', direction: 'at-least' },
  // the throughput guaranteed both ways: min(down, up), so 100/100 meets « ≥ 100 symétrique », 1000/50 does not
  internet_symmetric: { label: 'Débit symétrique garanti', unit: 'Mbit/s', direction: 'at-least' },
  wifi_teaching_rooms_share: { label: 'Salles d’enseignement couvertes en Wi-Fi', unit: 'part', direction: 'at-least' },
  pupils_per_device: { label: 'Élèves par équipement', unit: 'élèves', direction: 'at-most' },
  devices_per_100_pupils: { label: 'Équipements pour 100 élèves', unit: 'équipements', direction: 'at-least' },
  fleet_under_5_years_share: { label: 'Part du parc de moins de 5 ans', unit: 'part', direction: 'at-least' },
  warranty_share: { label: 'Part du parc sous garantie', unit: 'part', direction: 'at-least' },
  displays_per_classroom: { label: 'Écrans interactifs par salle de classe', unit: 'écrans', direction: 'at-least' },
  ent_open: { label: 'ENT ouvert', unit: 'oui/non', direction: 'at-least' },
  licences_per_pupil: { label: 'Licences de ressources par élève', unit: 'licences', direction: 'at-least' },
  desk_within_agreement_share: { label: 'Tickets traités dans les délais', unit: 'part', direction: 'at-least' },
};

/** Rooms whose kind is taught in (the Lycée 4.0 target: classrooms, workshops, labs, CDI, boarding). */
export const teachingRoomKinds = ['classroom', 'workshop', 'lab', 'cdi', 'boarding'] as const;

export interface IndicatorResult {
  code: IndicatorCode;
  value: number | null;
  target: number | null;
  /** null when the value or the target is unknown: no data is never « met ». */
  met: boolean | null;
  /** How far from the target (0 once met), in the indicator's unit; null when unknown. */
  gap: number | null;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function compare(code: IndicatorCode, value: number | null, target: number | null): IndicatorResult {
  if (value === null || target === null || !Number.isFinite(value)) return { code, value, target, met: null, gap: null };
  const atLeast = indicatorDefinitions[code].direction === 'at-least';
  const shortfall = atLeast ? target - value : value - target;
  return { code, value, target, met: shortfall <= 0, gap: round(Math.max(0, shortfall), 3) };
}

/** Pupils per device, one decimal; unknown without pupils or without devices. */
export function pupilsPerDevice(pupils: number | null, devices: number): number | null {
  if (!pupils || devices <= 0) return null;
  return round(pupils / devices, 1);
}

/** The ministry's ratio: devices per 100 pupils, one decimal. */
export function devicesPer100Pupils(pupils: number | null, devices: number): number | null {
  if (!pupils) return null;
  return round((devices * 100) / pupils, 1);
}

/** A share in [0, 1], three decimals; unknown when there is nothing to divide. */
export function shareOf(part: number, whole: number): number | null {
  return whole > 0 ? round(part / whole, 3) : null;
}

/**
 * Whether a device bought on `purchaseDate` is younger than `years` on `today` (ISO dates): a device
 * bought exactly five years ago today is five years old, so not « under 5 years ». The SQL uses the
 * same rule: purchase_date > today - interval 'N years'.
 */
export function isYoungerThan(purchaseDate: string, years: number, today: string): boolean {
  const [y, m, d] = today.split('-').map(Number);
  const limit = new Date(Date.UTC(y - years, m - 1, d)).toISOString().slice(0, 10);
  return purchaseDate > limit;
}

/** The guaranteed symmetric throughput of a link: the smaller of its two directions. */
export function symmetricMbps(down: number | null, up: number | null): number | null {
  return down === null || up === null ? null : Math.min(down, up);
}
