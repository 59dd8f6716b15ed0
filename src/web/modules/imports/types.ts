export interface RowIssue {
  line: number;
  uai: string;
  reason: string;
}

export interface ImportRun {
  id: string;
  filename: string;
  format: string | null;
  mode: string;
  status: 'running' | 'applied' | 'refused' | 'failed' | string;
  processed: number;
  total: number;
  error: string | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
  report: {
    totals: { rows: number; created: number; updated: number; unchanged: number; rejected: number; skipped: number; outOfScope: number };
    rejected: RowIssue[];
    skipped: RowIssue[];
    outOfScope: RowIssue[];
    outOfScopeConfirmed: boolean;
    samples: Record<'created' | 'updated' | 'unchanged', RowSample[]> | null;
  } | null;
}

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
