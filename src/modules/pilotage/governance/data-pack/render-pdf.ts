import type { PDFDocument, PDFFont, PDFPage, RGB } from 'pdf-lib';
import type { PackFigures, PackSection } from './sections.js';

/**
 * The data pack as a PDF: A4 pages, the standard Helvetica (WinAnsi: every French letter, the
 * guillemets and the euro sign), sections of figures and bars with their targets. Dates come from
 * the figures, so the same figures give the same pages.
 */
const A4: [number, number] = [595.28, 841.89];
const margin = 50;
/** pdf-lib's `rgb(r, g, b)`, written out: pdf-lib (fonts included) is read at the first PDF, not at the server's start. */
const rgb = (red: number, green: number, blue: number) => ({ type: 'RGB', red, green, blue }) as RGB;
const ink = rgb(0.1, 0.1, 0.15);
const blue = rgb(0.0, 0.33, 0.62);
const grey = rgb(0.85, 0.86, 0.9);

/** Characters Helvetica's WinAnsi cannot encode, replaced by their nearest. */
export function winAnsi(text: string): string {
  return text
    .replace(/[\u202f\u00a0\u2009]/g, ' ')
    .replace(/≥/g, '>=')
    .replace(/≤/g, '<=')
    .replace(/↔/g, '<->')
    .replace(/[\u2010-\u2012]/g, '-')
    .replace(/[^\x20-\x7e\u00a0-\u00ff€«»’‘“”–—…œŒ•]/g, '?');
}

class Writer {
  page!: PDFPage;
  y = 0;
  constructor(
    private doc: PDFDocument,
    private font: PDFFont,
    private bold: PDFFont,
  ) {
    this.newPage();
  }
  newPage() {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - margin;
  }
  room(height: number) {
    if (this.y - height < margin) this.newPage();
  }
  text(value: string, options: { size?: number; bold?: boolean; color?: RGB; x?: number } = {}) {
    const size = options.size ?? 10;
    const font = options.bold ? this.bold : this.font;
    for (const line of wrap(winAnsi(value), font, size, A4[0] - 2 * margin - (options.x ?? 0))) {
      this.room(size + 4);
      this.page.drawText(line, { x: margin + (options.x ?? 0), y: this.y - size, size, font, color: options.color ?? ink });
      this.y -= size + 4;
    }
  }
  row(label: string, value: string) {
    this.room(14);
    this.page.drawText(winAnsi(label).slice(0, 90), { x: margin + 8, y: this.y - 10, size: 10, font: this.font, color: ink });
    const v = winAnsi(value);
    this.page.drawText(v, { x: A4[0] - margin - this.bold.widthOfTextAtSize(v, 10), y: this.y - 10, size: 10, font: this.bold, color: ink });
    this.y -= 14;
  }
  bar(label: string, value: number, target?: number | null) {
    const width = 220;
    const x = A4[0] - margin - width;
    this.room(16);
    this.page.drawText(winAnsi(label).slice(0, 48), { x: margin + 8, y: this.y - 10, size: 9, font: this.font, color: ink });
    this.page.drawRectangle({ x, y: this.y - 11, width, height: 9, color: grey });
    this.page.drawRectangle({ x, y: this.y - 11, width: width * Math.max(0, Math.min(1, value)), height: 9, color: blue });
    if (target !== undefined && target !== null) this.page.drawRectangle({ x: x + width * target - 1, y: this.y - 13, width: 2, height: 13, color: rgb(0.8, 0.1, 0.1) });
    this.y -= 16;
  }
  gap(h: number) {
    this.y -= h;
  }
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  lines.push(line);
  return lines;
}

function section(w: Writer, s: PackSection) {
  w.gap(8);
  w.text(s.title, { size: 13, bold: true, color: blue });
  for (const [label, value] of s.rows) w.row(label, value);
  for (const b of s.bars ?? []) w.bar(b.label, b.value, b.target);
  if (s.note) w.text(s.note, { size: 8 });
}

export async function renderDataPack(figures: PackFigures): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const issued = new Date(figures.issuedAt);
  doc.setTitle(winAnsi(figures.title));
  doc.setAuthor('Cohérence');
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);
  const w = new Writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
  w.text(figures.title, { size: 18, bold: true });
  w.text(figures.subtitle, { size: 11 });
  w.text(`Chiffres arrêtés le ${figures.issuedAt.slice(0, 10)} ; période du ${figures.period.from} au ${figures.period.to}.`, { size: 9 });
  w.gap(6);
  w.text('Ordre du jour', { size: 13, bold: true, color: blue });
  figures.agenda.forEach((item, i) => w.text(`${i + 1}. ${item}`, { x: 8 }));
  for (const s of figures.sections) section(w, s);
  return doc.save();
}
