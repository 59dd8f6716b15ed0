import type { ItemOf, ResponseOf } from '../../api/types';

/** An import run as GET /api/imports/{id} answers it (generated contract). */
export type ImportRun = ResponseOf<'/api/imports/{id}'>;
export type RowIssue = ItemOf<NonNullable<ImportRun['report']>['rejected']>;

export interface RowSample {
  line: number;
  uai: string;
  name: string;
}

export interface ImportOptions {
  mode: ImportMode;
  includeNonSchools: boolean;
  preview: boolean;
  confirmOutOfScope: boolean;
}

export type ImportMode = 'all-or-nothing' | 'apply-valid';

export const modeLabels: Record<string, string> = {
  'all-or-nothing': 'Tout ou rien',
  'apply-valid': 'Lignes valides seules',
};

export const statusLabels: Record<string, string> = {
  running: 'En cours',
  applied: 'Appliqué',
  refused: 'Refusé',
  failed: 'Échec',
  previewed: 'Aperçu',
};

export const formatLabels: Record<string, string> = {
  annuaire: 'Annuaire de l’éducation (CSV)',
  geolocalisation: 'Adresse et géolocalisation (CSV)',
  'lycees-json': 'Lycées (JSON)',
};
