import { AppError } from '../errors.js';

/** Bytes of an uploaded file → text. Refuses the whole file when it is not UTF-8 text. */
export function readText(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new AppError('UNPROCESSABLE', 'Le fichier est vide.');
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  refuseNonText(body);
  return decodeUtf8(body);
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

const notText =
  "Le fichier n'est pas un fichier texte (il contient des octets binaires) : importez l'export CSV ou JSON de l'annuaire tel que téléchargé, pas une image, une archive ou un document.";

function refuseNonText(bytes: Uint8Array): void {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw new AppError(
      'UNPROCESSABLE',
      "Le fichier est encodé en UTF-16 (« Texte Unicode » d'Excel) : enregistrez-le au format « CSV UTF-8 (délimité par des points-virgules) », puis importez-le à nouveau.",
      { details: { encoding: 'utf-16' } },
    );
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new AppError(
      'UNPROCESSABLE',
      "Le fichier est un classeur Excel ou une archive, pas un fichier texte : dans votre tableur, enregistrez-le au format « CSV UTF-8 (délimité par des points-virgules) », puis importez ce fichier CSV.",
    );
  }
  const sample = bytes.subarray(0, 65536);
  let control = 0;
  for (const b of sample) {
    if (b === 0) throw new AppError('UNPROCESSABLE', notText);
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) control++;
  }
  if (control > sample.length * 0.02) throw new AppError('UNPROCESSABLE', notText);
}

function decodeUtf8(bytes: Uint8Array): string {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let text: string;
  try {
    text = decoder.decode(bytes, { stream: true });
  } catch {
    throw notUtf8(bytes);
  }
  try {
    return text + decoder.decode();
  } catch {
    throw new AppError(
      'UNPROCESSABLE',
      "Le fichier semble tronqué : il s'arrête au milieu d'un caractère. Aucune ligne n'a été importée : téléchargez ou copiez à nouveau le fichier complet, puis importez-le.",
      { details: { truncated: true } },
    );
  }
}

function notUtf8(bytes: Uint8Array): AppError {
  const offset = firstInvalidUtf8(bytes);
  const line = lineAt(bytes, offset);
  if (!looksLikeWindows1252(bytes)) {
    return new AppError(
      'UNPROCESSABLE',
      `Le fichier n'est pas encodé en UTF-8 (caractère illisible ligne ${line}). Aucune ligne n'a été importée : enregistrez le fichier en UTF-8 (dans un tableur : « CSV UTF-8 »), puis importez-le à nouveau.`,
      { details: { encoding: 'unknown', line } },
    );
  }
  return new AppError(
    'UNPROCESSABLE',
    `Le fichier n'est pas encodé en UTF-8 : il semble enregistré en Windows-1252 / ISO-8859-1 (l'encodage par défaut d'Excel sous Windows), par exemple ligne ${line} : « ${wordAt(bytes, offset)} ». Aucune ligne n'a été importée. Pour corriger : ouvrez le fichier dans votre tableur et enregistrez-le au format « CSV UTF-8 (délimité par des points-virgules) » (ou, dans un éditeur de texte, choisissez l'encodage UTF-8), puis importez-le à nouveau.`,
    { details: { encoding: 'windows-1252', line } },
  );
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const size = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (size === 0 || i + size > bytes.length) return i;
    for (let k = 1; k < size; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += size;
  }
  return -1;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

const separators = new Set([0x0a, 0x0d, 0x3b, 0x2c, 0x09, 0x22, 0x20]);

function wordAt(bytes: Uint8Array, offset: number): string {
  let start = offset;
  let end = offset;
  while (start > 0 && offset - start < 40 && !separators.has(bytes[start - 1])) start--;
  while (end < bytes.length && end - offset < 40 && !separators.has(bytes[end])) end++;
  return decodeWindows1252(bytes.subarray(start, end));
}

/** Most high bytes, read as Windows-1252, are letters or usual French punctuation. */
function looksLikeWindows1252(bytes: Uint8Array): boolean {
  const text = decodeWindows1252(bytes.subarray(0, 1 << 20));
  let high = 0;
  let plausible = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) continue;
    high++;
    if (/[\p{L}«»’‘“”€–—…°·]/u.test(ch) || ch === '\u00a0') plausible++;
  }
  return high > 0 && plausible >= high * 0.8;
}

/** Windows-1252 → text (Node's TextDecoder treats it as plain Latin-1, without the 0x80–0x9F letters). */
const c1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += b >= 0x80 && b < 0xa0 ? c1[b - 0x80] : String.fromCharCode(b);
  return text;
}
