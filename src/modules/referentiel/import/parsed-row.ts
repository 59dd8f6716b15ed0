import type { EstablishmentRecord } from '../establishment-record.js';

export type ParsedRowStatus = 'valid' | 'rejected' | 'skipped';

/** One establishment read from a file: the record when valid, the reason when rejected or skipped. */
export interface ParsedRow {
  /** 1-based line in the file (header = line 1); for JSON, the index in the list + 1. */
  line: number;
  uai: string;
  status: ParsedRowStatus;
  record?: EstablishmentRecord;
  reason?: string;
}

export type EstablishmentFileFormat = 'annuaire' | 'geolocalisation' | 'lycees-json';

export function rejectedRow(line: number, uai: string, reasons: string[]): ParsedRow {
  return { line, uai, status: 'rejected', reason: reasons.join(' ; ') };
}

export function skippedRow(line: number, uai: string, reason: string): ParsedRow {
  return { line, uai, status: 'skipped', reason };
}
