import { describe, expect, it } from 'vitest';
import { safeFilename, sniffAttachment } from './sniff-file.js';

const zip = (...entries: string[]) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(['[Content_Types].xml', ...entries].join('\0'))]);

describe('sniffAttachment', () => {
  it('recognises the allowed types by their bytes', () => {
    expect(sniffAttachment('a.pdf', Buffer.from('%PDF-1.7\n...'))).toMatchObject({ ok: true, kind: 'pdf', contentType: 'application/pdf' });
    expect(sniffAttachment('a.PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toMatchObject({ ok: true, kind: 'png' });
    expect(sniffAttachment('a.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toMatchObject({ ok: true, kind: 'jpeg' });
    expect(sniffAttachment('notes.txt', Buffer.from('Bonjour,\r\nle poste 12 ne démarre plus.\n'))).toMatchObject({ ok: true, kind: 'txt' });
    expect(sniffAttachment('postes.csv', Buffer.from('uai;poste\n0590018Z;PC-12\n'))).toMatchObject({ ok: true, kind: 'csv' });
    expect(sniffAttachment('rapport.docx', zip('word/document.xml'))).toMatchObject({ ok: true, kind: 'docx' });
    expect(sniffAttachment('inventaire.xlsx', zip('xl/workbook.xml'))).toMatchObject({ ok: true, kind: 'xlsx' });
  });

  it('refuses executables, archives, SVG-like markup with NUL bytes, and empty files', () => {
    expect(sniffAttachment('setup.exe', Buffer.from('MZ\x90\x00\x03\x00'))).toMatchObject({ ok: false });
    expect(sniffAttachment('archive.zip', zip('autre/fichier.bin'))).toMatchObject({ ok: false });
    expect(sniffAttachment('vide.txt', Buffer.alloc(0))).toMatchObject({ ok: false, message: 'Le fichier est vide.' });
    expect(sniffAttachment('binaire.txt', Buffer.from([0x41, 0x00, 0x42]))).toMatchObject({ ok: false });
    expect(sniffAttachment('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toMatchObject({ ok: false });
  });

  it('refuses a content that does not match its extension', () => {
    expect(sniffAttachment('photo.pdf', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toMatchObject({ ok: false, message: expect.stringContaining('JPEG') });
    expect(sniffAttachment('script.js', Buffer.from('alert(1)'))).toMatchObject({ ok: false });
    expect(sniffAttachment('page.html', Buffer.from('<script>alert(1)</script>'))).toMatchObject({ ok: false });
    expect(sniffAttachment('rapport.xlsx', zip('word/document.xml'))).toMatchObject({ ok: false });
  });

  it('refuses files over 10 MB', () => {
    expect(sniffAttachment('gros.txt', Buffer.alloc(10 * 1024 * 1024 + 1, 'a'))).toMatchObject({ ok: false, message: 'Le fichier dépasse 10 Mo.' });
    expect(sniffAttachment('juste.txt', Buffer.alloc(10 * 1024 * 1024, 'a'))).toMatchObject({ ok: true });
  });
});

describe('safeFilename', () => {
  it('keeps the name, drops paths and characters that break headers', () => {
    expect(safeFilename('C:\\Users\\prof\\écran bleu.png')).toBe('écran bleu.png');
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('a"b\r\n.txt')).toBe('a_b__.txt');
    expect(safeFilename('')).toBe('fichier');
  });
});
