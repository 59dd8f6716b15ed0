import { deflateRawSync, deflateSync, gunzipSync, gzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { AppError } from '../../../server/platform/errors.js';
import { type InventoryLimits, withDefaultLimits } from './limits.js';

/**
 * Body of an agent request → text. Agents compress their messages and expect the answer
 * compressed the same way:
 * - OCS Inventory agent: `application/x-compress`, zlib (RFC 1950) — or plain XML under that same
 *   type when Perl lacks Compress::Zlib;
 * - FusionInventory agent: `application/x-compress-zlib`, else `application/x-compress-gzip`
 *   (gzip binary), else `application/xml`;
 * - GLPI Agent: the same three, with `application/json` when uncompressed.
 * The content type is only a hint: the magic bytes decide, as the agents themselves do.
 */
export type BodyEncoding = 'zlib' | 'gzip' | 'deflate-raw' | 'plain';
export type BodyFormat = 'xml' | 'json';

export interface DecodedBody {
  text: string;
  encoding: BodyEncoding;
  /** What the text is, from its first significant character. */
  format: BodyFormat;
  /** Bodies that are not UTF-8 are read as Windows-1252 (old Windows agents). */
  charset: 'utf-8' | 'windows-1252';
}

const acceptedTypes = new Set([
  'application/x-compress',
  'application/x-compress-zlib',
  'application/x-zlib',
  'application/x-compress-gzip',
  'application/x-gzip',
  'application/gzip',
  'application/x-compress-deflate',
  'application/x-deflate',
  'application/json',
  'application/xml',
  'text/xml',
  'text/plain',
  'application/octet-stream',
]);
const rawDeflateTypes = new Set(['application/x-compress-deflate', 'application/x-deflate']);

const MiB = 1024 * 1024;
const mebibytes = (bytes: number) => `${Math.round((bytes / MiB) * 10) / 10} Mio`;

export function decodeBody(bytes: Uint8Array, contentType: string | undefined, limits?: Partial<InventoryLimits>): DecodedBody {
  const { maxBodyBytes, maxDecodedBytes } = withDefaultLimits(limits);
  const type = mediaType(contentType);
  if (type !== '' && !acceptedTypes.has(type)) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Type de contenu « ${type} » non pris en charge : un agent d'inventaire envoie du XML ou du JSON, compressé (zlib, gzip) ou non.`,
      { details: { contentType: type } },
    );
  }
  if (bytes.length === 0) throw new AppError('BAD_REQUEST', 'Le corps de la requête est vide : aucun inventaire reçu.');
  if (bytes.length > maxBodyBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `Le corps de la requête dépasse ${mebibytes(maxBodyBytes)}.`, {
      details: { limitBytes: maxBodyBytes },
    });
  }
  const encoding = detectEncoding(bytes, type);
  const raw = encoding === 'plain' ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length) : inflate(bytes, encoding, maxDecodedBytes);
  if (raw.length > maxDecodedBytes) throw tooLarge(maxDecodedBytes);
  const { text, charset } = decodeText(raw);
  return { text, encoding, format: sniffFormat(text), charset };
}

/** The answer to an agent, encoded the way its request was, with the content type it expects. */
export function encodeReply(text: string, encoding: BodyEncoding): { body: Buffer; contentType: string } {
  const bytes = Buffer.from(text, 'utf8');
  switch (encoding) {
    // Default level: the stream starts with 78 9C, the only zlib header FusionInventory recognises.
    case 'zlib':
      return { body: deflateSync(bytes), contentType: 'application/x-compress-zlib' };
    case 'gzip':
      return { body: gzipSync(bytes), contentType: 'application/x-compress-gzip' };
    case 'deflate-raw':
      return { body: deflateRawSync(bytes), contentType: 'application/x-compress-deflate' };
    case 'plain':
      return {
        body: bytes,
        contentType: text.trimStart().startsWith('{') ? 'application/json; charset=utf-8' : 'application/xml; charset=utf-8',
      };
  }
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

function detectEncoding(bytes: Uint8Array, type: string): BodyEncoding {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
  if (bytes.length >= 2 && isZlibHeader(bytes[0], bytes[1])) return 'zlib';
  if (rawDeflateTypes.has(type)) return 'deflate-raw';
  return 'plain';
}

/** RFC 1950: CM = 8 (deflate), CINFO ≤ 7, and the 16-bit header is a multiple of 31. */
function isZlibHeader(cmf: number, flg: number): boolean {
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && ((cmf << 8) | flg) % 31 === 0;
}

function inflate(bytes: Uint8Array, encoding: Exclude<BodyEncoding, 'plain'>, maxOutputLength: number): Buffer {
  const inflater = encoding === 'gzip' ? gunzipSync : encoding === 'zlib' ? inflateSync : inflateRawSync;
  try {
    // maxOutputLength makes zlib stop, and throw, as soon as the output would pass the limit:
    // a decompression bomb never gets more than that much memory.
    return inflater(bytes, { maxOutputLength });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxOutputLength);
    if (code === 'Z_BUF_ERROR') {
      throw new AppError('BAD_REQUEST', "Le corps compressé est tronqué : le flux s'arrête avant sa fin. Aucune donnée n'a été enregistrée.", {
        details: { encoding, truncated: true },
      });
    }
    throw new AppError('BAD_REQUEST', `Le corps compressé (${encoding}) est illisible : ${(error as Error).message}.`, {
      details: { encoding },
    });
  }
}

function tooLarge(limit: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `L'inventaire décompressé dépasse ${mebibytes(limit)} : il est refusé.`, {
    details: { limitBytes: limit },
  });
}

function decodeText(raw: Buffer): { text: string; charset: DecodedBody['charset'] } {
  const body = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? raw.subarray(3) : raw;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), charset: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(body), charset: 'windows-1252' };
  }
}

function sniffFormat(text: string): BodyFormat {
  const first = /\S/.exec(text)?.[0];
  if (first === '<') return 'xml';
  if (first === '{') return 'json';
  throw new AppError('BAD_REQUEST', "Le corps de la requête n'est ni du XML ni du JSON : ce n'est pas un message d'agent d'inventaire.");
}

/** Windows-1252 → text (0x80–0x9F hold letters and punctuation there, not control codes). */
const c1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  const chars: string[] = [];
  for (const b of bytes) chars.push(b >= 0x80 && b < 0xa0 ? c1[b - 0x80] : String.fromCharCode(b));
  return chars.join('');
}
