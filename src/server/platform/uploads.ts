import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';
import { isStorableText } from './security.js';

export interface Upload {
  bytes: Buffer;
  filename: string;
  fields: Record<string, string>;
}

/** Room for the multipart envelope and the text fields around the file, before a declared length is refused unread. */
const envelopeBytes = 256 * 1024;
const maxFieldBytes = 64 * 1024;

export function sizeText(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  const shown = Number.isInteger(mb) ? String(mb) : mb.toLocaleString('fr-FR', { maximumFractionDigits: 2 });
  return `${shown} Mo (${bytes.toLocaleString('fr-FR')} octets)`;
}

export const tooLarge = (limit: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `Le fichier est trop volumineux : il dépasse la limite de ${sizeText(limit)} ; rien n’a été enregistré.`, { details: { limitBytes: limit } });

/**
 * The one file (field « file ») and the text fields of a multipart request, the file's size checked
 * while it streams: past `limit` its bytes are no longer kept (busboy discards the rest), the body
 * is read to its end so the answer does not depend on timing, and the caller gets a 413 naming the
 * limit before anything is parsed or stored. A request that declares a larger length is refused
 * without being read. Field values and the file name are checked like any text (security.ts).
 */
export async function readUpload(request: FastifyRequest, limit: number): Promise<Upload> {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Envoyez le fichier en multipart/form-data (champ « file »).');
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit + envelopeBytes) throw tooLarge(limit);
  let file: { chunks: Buffer[]; size: number; filename: string } | null = null;
  let over = false;
  const fields: Record<string, string> = {};
  for await (const part of request.parts({ limits: { fileSize: limit + 1, files: 1, fields: 20, fieldSize: maxFieldBytes } })) {
    if (part.type === 'file') {
      const current = { chunks: [] as Buffer[], size: 0, filename: part.filename || 'fichier' };
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        current.size += chunk.length;
        if (current.size > limit) over = true;
        else current.chunks.push(chunk);
      }
      // busboy marks a file it cut at fileSize: never taken for the whole file
      if (part.file.truncated) over = true;
      file = current;
    } else {
      const value = String(part.value);
      if (part.valueTruncated) throw new AppError('PAYLOAD_TOO_LARGE', `Le champ « ${part.fieldname} » dépasse ${maxFieldBytes / 1024} Ko.`);
      fields[part.fieldname] = value;
    }
  }
  if (over) throw tooLarge(limit);
  if (!file) throw new AppError('VALIDATION', 'Aucun fichier reçu (champ « file »).', { issues: [{ path: 'file', message: 'Fichier manquant.' }] });
  for (const [name, value] of Object.entries({ ...fields, filename: file.filename })) {
    if (!isStorableText(value) || !isStorableText(name)) {
      throw new AppError('BAD_REQUEST', `Texte refusé dans le champ « ${name} » : caractère nul (U+0000), UTF-8 invalide ou caractère incomplet.`, {
        issues: [{ path: name, message: 'Caractère interdit.' }],
      });
    }
  }
  return { bytes: Buffer.concat(file.chunks, Math.min(file.size, limit)), filename: file.filename, fields };
}
