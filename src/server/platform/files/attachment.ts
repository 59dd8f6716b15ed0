import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { AppError } from '../errors.js';
import { maxAttachmentBytes, safeFilename, sniffAttachment } from './sniff-file.js';

/**
 * The attachment store's checks and delivery, for any module that joins files to its records:
 * the module keeps the rows (the desk's `guichet.attachments` and `attachment_contents`) and
 * writes what `acceptAttachment` returns beside its own reference.
 */

export interface AcceptedAttachment {
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/** A file checked on its content and size (10 Mo), or a 413/415 error in French: nothing is written before. */
export function acceptAttachment(name: string, bytes: Buffer): AcceptedAttachment {
  const filename = safeFilename(name);
  const sniffed = sniffAttachment(filename, bytes);
  if (!sniffed.ok) throw new AppError(bytes.byteLength > maxAttachmentBytes ? 'PAYLOAD_TOO_LARGE' : 'UNSUPPORTED_MEDIA_TYPE', sniffed.message);
  return { filename, contentType: sniffed.contentType, sizeBytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** A stored file sent back: always as a download, never cached, never run as a page. */
export function sendAttachment(reply: FastifyReply, file: { filename: string; contentType: string; bytes: Uint8Array }) {
  reply.header('content-disposition', `attachment; filename="${file.filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  reply.header('cache-control', 'private, no-store');
  reply.header('content-security-policy', "default-src 'none'; sandbox");
  reply.type(file.contentType);
  return reply.send(Buffer.from(file.bytes));
}
