import { uploadWithProgress } from '../../ui/upload';
import type { ImportOptions, ImportRun } from './types';

/** What the import refuses, with a title for each status; the server's French message gives the detail. */
export const refusalTitles: Record<number, string> = {
  413: 'Fichier trop volumineux',
  415: 'Format de fichier non pris en charge',
  422: 'Fichier illisible',
  400: 'Fichier refusé',
  409: 'Un import est déjà en cours',
};

/** Sends the file with its progress; the options go before the file (see uploadWithProgress). */
export function uploadImport(
  file: File,
  options: ImportOptions,
  onProgress: (fraction: number) => void,
): { promise: Promise<ImportRun>; abort: () => void } {
  const fields = {
    mode: options.mode,
    includeNonSchools: String(options.includeNonSchools),
    preview: String(options.preview),
    confirmOutOfScope: String(options.confirmOutOfScope),
  };
  return uploadWithProgress<ImportRun>('/api/imports/establishments', fields, file, onProgress);
}
