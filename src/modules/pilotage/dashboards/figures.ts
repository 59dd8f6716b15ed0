import type { Assessment } from '../indicators/assess.js';
import type { IndicatorCode } from '../indicators/catalogue.input.js';
import { ipsOf } from '../presenters/assessment.js';

/** A school's state against its targets: one measured target missed is « not met »; nothing missed but something unmeasured is « unknown », never « met ». */
export type SchoolStatus = 'met' | 'not_met' | 'unknown';
export const schoolStatuses = ['met', 'not_met', 'unknown'] as const;

const targeted = (a: Assessment) => a.indicators.filter((i) => i.target !== null);

export function schoolStatus(a: Assessment): SchoolStatus {
  const list = targeted(a);
  if (!list.length) return 'unknown';
  if (list.some((i) => i.met === false)) return 'not_met';
  return list.every((i) => i.met === true) ? 'met' : 'unknown';
}

/** One indicator's status for a school, or null when its profile sets no target for it. */
export function indicatorStatus(a: Assessment, code: IndicatorCode): SchoolStatus | null {
  const i = a.indicators.find((x) => x.code === code);
  if (!i || i.target === null) return null;
  return i.met === null ? 'unknown' : i.met ? 'met' : 'not_met';
}

/** Share of a school's measured targeted indicators that are met (unknown ones count for nothing). */
export function metShare(a: Assessment): number | null {
  const known = a.indicators.filter((i) => i.met !== null && i.target !== null);
  return known.length ? known.filter((i) => i.met).length / known.length : null;
}

export const unknownLabel = 'Inconnu';

/** The IPS quartile limits of the schools shown (Q1 the lowest); null when no school has an IPS. */
export function ipsQuartiles(assessments: readonly Assessment[]): [number, number, number] | null {
  const values = assessments
    .map((a) => ipsOf(a.school))
    .filter((v): v is number => v !== null)
    .sort((x, y) => x - y);
  if (!values.length) return null;
  const at = (q: number) => values[Math.floor((values.length - 1) * q)];
  return [at(0.25), at(0.5), at(0.75)];
}

export type EquityKey = 'unit' | 'department' | 'ips' | 'rurality' | 'sector';
export const equityKeys = ['unit', 'department', 'ips', 'rurality', 'sector'] as const;

/** Territorial equity's dimensions: a school's group in each; missing context (IPS, rurality) is « Inconnu », not a guess. */
export const equityDimensions: Record<EquityKey, { label: string; of: (a: Assessment, q: [number, number, number] | null) => string }> = {
  unit: { label: 'Unité territoriale', of: (a) => a.school.unitName ?? 'Sans unité' },
  department: { label: 'Département', of: (a) => a.school.departmentCode ?? unknownLabel },
  ips: {
    label: 'Quartile d’IPS',
    of: (a, q) => {
      const ips = ipsOf(a.school);
      if (ips === null || q === null) return unknownLabel;
      const rank = ips <= q[0] ? 1 : ips <= q[1] ? 2 : ips <= q[2] ? 3 : 4;
      return `Q${rank}${rank === 1 ? ' (IPS le plus bas)' : rank === 4 ? ' (IPS le plus haut)' : ''}`;
    },
  },
  rurality: { label: 'Rural / urbain', of: (a) => (a.school.rural === null ? unknownLabel : a.school.rural ? 'Rural' : 'Urbain') },
  sector: { label: 'Public / privé', of: (a) => (a.school.sector === 'private' ? 'Privé' : a.school.sector === 'public' ? 'Public' : unknownLabel) },
};
