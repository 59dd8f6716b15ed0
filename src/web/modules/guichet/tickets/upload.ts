import { ApiError, apiHeaders, errorFromBody } from '../../../api';
import type { Attachment } from './types';

/** The server's limits (src/modules/guichet/attachments/sniff-file.ts), checked here first for a quick French answer. */
export const maxAttachmentBytes = 10 * 1024 * 1024;
export const acceptedExtensions = ['pdf', 'png', 'jpg', 'jpeg', 'txt', 'log', 'csv', 'docx', 'xlsx'] as const;
export const acceptAttribute = acceptedExtensions.map((e) => `.${e}`).join(',');
export const attachmentRules = 'PDF, PNG, JPEG, texte, CSV, DOCX ou XLSX ; 10 Mo au plus par fichier.';

/** Why the file would be refused, or null. The server checks the content again (its signature). */
export function attachmentProblem(file: File): string | null {
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (!(acceptedExtensions as readonly string[]).includes(extension)) {
    return `« ${file.name} » : type de fichier refusé. Seuls PDF, PNG, JPEG, texte, CSV, DOCX et XLSX sont acceptés.`;
  }
  if (file.size > maxAttachmentBytes) return `« ${file.name} » dépasse 10 Mo.`;
  if (file.size === 0) return `« ${file.name} » est vide.`;
  return null;
}

/**
 * Sends one attachment with XMLHttpRequest (fetch cannot report upload progress). The isPrivate
 * field goes before the file: the server reads the fields it has met when it reaches the file.
 */
export function uploadAttachment(ticketId: string, file: File, isPrivate: boolean, onProgress: (fraction: number) => void): Promise<Attachment> {
  return new Promise<Attachment>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/tickets/${encodeURIComponent(ticketId)}/attachments`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(apiHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as Attachment);
        } catch {
          reject(new ApiError(xhr.status, 'INTERNAL', 'Réponse inattendue du serveur.'));
        }
      } else reject(errorFromBody(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', "L'envoi du fichier a échoué. Vérifiez votre connexion puis réessayez."));
    const form = new FormData();
    form.append('isPrivate', String(isPrivate));
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
