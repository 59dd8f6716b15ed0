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
  /** hash of the line when the record fits on one line (known-lines.ts) */
  lineHash?: string;
  /** a line the tenant's last import had as it is: not parsed again (known-lines.ts) */
  unchanged?: { recordHash: string; summary: RecordSummary };
}

/** What the scope checks and the preview read of a record. */
export type RecordSummary = Pick<EstablishmentRecord, 'name' | 'natureCode' | 'academyCode' | 'departmentCode' | 'communeCode'>;

export type EstablishmentFileFormat = 'annuaire' | 'geolocalisation' | 'lycees-json';

export function rejectedRow(line: number, uai: string, reasons: string[]): ParsedRow {
  return { line, uai, status: 'rejected', reason: reasons.join(' ; ') };
}

export function skippedRow(line: number, uai: string, reason: string): ParsedRow {
  return { line, uai, status: 'skipped', reason };
}
