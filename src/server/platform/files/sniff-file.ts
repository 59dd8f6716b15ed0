/**
 * What a file really is, from its bytes, not from the name or type the browser sent: only PDF,
 * PNG, JPEG, plain text, CSV, DOCX and XLSX are accepted, and the name's extension must agree
 * with the content (a script renamed .pdf is refused).
 */

export const maxAttachmentBytes = 10 * 1024 * 1024;

export const attachmentKinds = {
  pdf: { contentType: 'application/pdf', extensions: ['pdf'] },
  png: { contentType: 'image/png', extensions: ['png'] },
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  txt: { contentType: 'text/plain; charset=utf-8', extensions: ['txt', 'log'] },
  csv: { contentType: 'text/csv; charset=utf-8', extensions: ['csv'] },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
} as const;
export type AttachmentKind = keyof typeof attachmentKinds;

export type SniffResult = { ok: true; kind: AttachmentKind; contentType: string } | { ok: false; message: string };

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

function isZip(bytes: Uint8Array) {
  return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
}

/** Office Open XML: a zip whose entries name the part of a Word or Excel document. */
function officeKind(bytes: Uint8Array): 'docx' | 'xlsx' | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (!text.includes('[Content_Types].xml')) return null;
  if (text.includes('word/document.xml')) return 'docx';
  if (text.includes('xl/workbook.xml')) return 'xlsx';
  return null;
}

/** OpenDocument text: a zip whose first entry, stored, is `mimetype` naming the type (ODF 1.2, 3.3). */
function openDocumentText(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 100)).toString('latin1');
  return head.slice(30, 38) === 'mimetype' && head.slice(38).startsWith('application/vnd.oasis.opendocument.text');
}

/** UTF-8 text without NUL and control characters but tab, line feeds and form feed. */
function isText(bytes: Uint8Array): boolean {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text);
  } catch {
    return false;
  }
}

function contentKind(bytes: Uint8Array, extension: string): AttachmentKind | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (isZip(bytes)) return openDocumentText(bytes) ? 'odt' : officeKind(bytes);
  if (isText(bytes)) return extension === 'csv' ? 'csv' : 'txt';
  return null;
}

export function sniffAttachment(filename: string, bytes: Uint8Array, options: { maxBytes?: number } = {}): SniffResult {
  const maxBytes = options.maxBytes ?? maxAttachmentBytes;
  if (bytes.byteLength === 0) return { ok: false, message: 'Le fichier est vide.' };
  if (bytes.byteLength > maxBytes) return { ok: false, message: `Le fichier dépasse ${Math.round(maxBytes / 1024 / 1024)} Mo.` };
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(filename)?.[1]?.toLowerCase() ?? '';
  const kind = contentKind(bytes, extension);
  if (!kind) return { ok: false, message: 'Type de fichier refusé : seuls PDF, PNG, JPEG, texte, CSV, ODT, DOCX et XLSX sont acceptés.' };
  const expected = attachmentKinds[kind];
  if (!(expected.extensions as readonly string[]).includes(extension)) {
    return { ok: false, message: `Le contenu du fichier (${kind.toUpperCase()}) ne correspond pas à son extension (.${extension || '?'}).` };
  }
  return { ok: true, kind, contentType: expected.contentType };
}

/** A file name safe in a Content-Disposition header and a file system: no path, no control characters. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001F\u007F"<>|:*?]/g, '_').trim().slice(0, 200);
  return cleaned || 'fichier';
}
