import { ApiError, apiHeaders, errorFromBody } from '../../api';
import type { ImportMode, ImportRun } from './types';

/** What the import refuses, with a title for each status; the server's French message gives the detail. */
export const refusalTitles: Record<number, string> = {
  413: 'Fichier trop volumineux',
  415: 'Format de fichier non pris en charge',
  422: 'Fichier illisible',
  400: 'Fichier refusé',
  409: 'Un import est déjà en cours',
};

/**
 * Sends the file with XMLHttpRequest because fetch cannot report upload progress.
 * The form fields go before the file: the server reads them when it reaches the file part.
 */
export function uploadImport(
  file: File,
  options: { mode: ImportMode; includeNonSchools: boolean },
  onProgress: (fraction: number) => void,
): { promise: Promise<ImportRun>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<ImportRun>((resolve, reject) => {
    xhr.open('POST', '/api/imports/establishments');
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(apiHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as ImportRun);
        } catch {
          reject(new ApiError(xhr.status, 'INTERNAL', 'Réponse inattendue du serveur.'));
        }
      } else reject(errorFromBody(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', "L'envoi du fichier a échoué. Vérifiez votre connexion puis réessayez."));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'Envoi annulé.'));
    const form = new FormData();
    form.append('mode', options.mode);
    form.append('includeNonSchools', String(options.includeNonSchools));
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
