import { uploadWithProgress } from '../../../ui/upload';
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

/** Sends one attachment with its progress; isPrivate goes before the file (see uploadWithProgress). */
export function uploadAttachment(ticketId: string, file: File, isPrivate: boolean, onProgress: (fraction: number) => void): Promise<Attachment> {
  return uploadWithProgress<Attachment>(`/api/tickets/${encodeURIComponent(ticketId)}/attachments`, { isPrivate: String(isPrivate) }, file, onProgress).promise;
}
