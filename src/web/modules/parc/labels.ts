/**
 * French labels of the fleet. Classes, statuses, owners and funding come from src/shared/fleet.ts
 * (the server's exports and validation use the same); the rest are the web's own wording.
 */
import {
  assetClasses,
  assetClassLabels,
  assetStatuses,
  assetStatusLabels,
  defaultExpectedLifeYears,
  fundingSourceLabels,
  fundingSources,
  ownerKindLabels,
  ownerKinds,
  type AssetClass,
  type AssetStatus,
  type FundingSource,
  type OwnerKind,
} from '../../../shared/fleet';

export { assetClasses, assetStatuses, assetClassLabels, assetStatusLabels, defaultExpectedLifeYears, fundingSourceLabels, fundingSources, ownerKindLabels, ownerKinds };
export type { AssetClass, AssetStatus, FundingSource, OwnerKind };

export const classLabel = (c: string) => assetClassLabels[c as AssetClass] ?? c;
export const statusLabel = (s: string) => assetStatusLabels[s as AssetStatus] ?? s;

/** Badge colour of each status (light variant: the theme keeps its text at 4.5:1). */
export const statusColors: Record<AssetStatus, string> = {
  ordered: 'gray',
  'in-stock': 'gray',
  delivered: 'blue',
  installed: 'blue',
  imaged: 'blue',
  'in-service': 'teal',
  lent: 'violet',
  'in-repair': 'orange',
  retired: 'gray',
  lost: 'red',
};

/** IMAC history kinds (install, move, add, change) and Cohérence's own lines. */
export const eventKindLabels: Record<string, string> = {
  install: 'Installation',
  move: 'Déplacement',
  add: 'Ajout',
  change: 'Modification',
  status: 'Changement de statut',
  link: 'Rapprochement',
  merge: 'Fusion',
  unlink: 'Rapprochement annulé',
};

export const eventSourceLabels: Record<string, string> = {
  person: 'Saisie',
  inventory: 'Inventaire automatique',
  import: 'Import de fichier',
};

export const matchKindLabels: Record<string, string> = {
  link: 'Rapport d’agent rattaché',
  merge: 'Fusion de deux fiches',
};

/** The fields an agent also writes: once a person edits one, it is locked against the agent. */
export const lockableFieldLabels: Record<string, string> = {
  name: 'Nom',
  serial: 'Numéro de série',
  manufacturer: 'Fabricant',
  model: 'Modèle',
  osName: 'Système d’exploitation',
  osVersion: 'Version du système',
  establishmentId: 'Établissement et salle',
};

export const deploymentStepLabels: Record<string, string> = {
  delivered: 'Livré',
  installed: 'Installé',
  imaged: 'Masterisé',
  'in-service': 'En service',
};
export const deploymentSteps = ['delivered', 'installed', 'imaged', 'in-service'] as const;

const euro = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const euroCents = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
export const formatEuros = (n: number | null | undefined, cents = false) => (n === null || n === undefined ? '—' : (cents ? euroCents : euro).format(n));

const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
/** 8192 → "8 Go", 512 → "512 Mo", 256060 → "250,1 Go", 2_000_000 → "1,9 To". */
export function formatMegabytes(mb: number | null | undefined): string {
  if (mb === null || mb === undefined) return '—';
  if (mb < 1024) return `${decimal.format(mb)} Mo`;
  if (mb < 1024 * 1024) return `${decimal.format(mb / 1024)} Go`;
  return `${decimal.format(mb / 1024 / 1024)} To`;
}

export const formatPercent = (share: number | null | undefined) =>
  share === null || share === undefined ? '—' : `${decimal.format(share * 100)} %`;

/** "2026-03-01" → "1 mars 2026" without a time zone shift (a calendar date, not an instant). */
const calendarFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'UTC' });
export const formatCalendarDate = (iso: string | null | undefined) => (iso ? calendarFormat.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : null);

/** "il y a 3 jours" */
const relative = new Intl.RelativeTimeFormat('fr-FR', { numeric: 'auto' });
export function formatAgo(iso: string | null | undefined, now = Date.now()): string | null {
  if (!iso) return null;
  const seconds = (new Date(iso).getTime() - now) / 1000;
  const abs = Math.abs(seconds);
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 86400 * 60) return relative.format(Math.round(seconds / 86400), 'day');
  if (abs < 86400 * 730) return relative.format(Math.round(seconds / (86400 * 30)), 'month');
  return relative.format(Math.round(seconds / (86400 * 365)), 'year');
}

export const plural = (n: number, one: string, many = `${one}s`) => (n > 1 ? many : one);
