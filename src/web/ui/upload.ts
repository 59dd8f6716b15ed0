import { ApiError, apiHeaders, errorFromBody } from '../api/client';

/**
 * Sends a file as multipart form with XMLHttpRequest, because fetch cannot report upload progress.
 * The fields go before the file: the server reads the fields it has met when it reaches the file part.
 * Errors come back as ApiError with the server's French message, as with the JSON API.
 */
export function uploadWithProgress<T>(
  url: string,
  fields: Record<string, string>,
  file: File,
  onProgress: (fraction: number) => void,
): { promise: Promise<T>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<T>((resolve, reject) => {
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(apiHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiError(xhr.status, 'INTERNAL', 'Réponse inattendue du serveur.'));
        }
      } else reject(errorFromBody(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', "L'envoi du fichier a échoué. Vérifiez votre connexion puis réessayez."));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'Envoi annulé.'));
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
