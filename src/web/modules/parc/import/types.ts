import type { ResponseOf } from '../../../api/types';

/** Shapes of POST /api/assets/import/preview and POST /api/assets/import, from the generated contract. */
export type AssetImportPreview = ResponseOf<'/api/assets/import/preview', 'post'>;
export type AssetImportReport = ResponseOf<'/api/assets/import', 'post'>;
export type AssetImportMode = AssetImportReport extends { mode: infer M } ? M : 'all-or-nothing' | 'apply-valid';

/** Field → the header of the file's column that feeds it. */
export type ColumnMapping = Record<string, string>;
