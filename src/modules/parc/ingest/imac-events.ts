import type { InventoryFields } from './asset-fields.js';

export interface ImacEvent {
  kind: 'install' | 'move' | 'add' | 'change';
  summary: string;
  details: Record<string, unknown>;
}

interface Before {
  name: string | null;
  establishmentId: string | null;
  memoryMb: number | null;
  diskTotalMb: number | null;
  osName: string | null;
  osVersion: string | null;
  hardware: Record<string, unknown> | null;
}

const storageSerials = (hardware: Record<string, unknown> | null) =>
  ((hardware?.storages as { serial: string | null }[] | undefined) ?? []).map((s) => s.serial).filter(Boolean).sort().join(',');

/**
 * The memory kept is the total the system reports, which drifts by a few MB with a new kernel or
 * firmware (7909 → 7908): history records only a change the size of a memory module or more.
 */
export const memoryEventMinMb = 256;

/** What an inventory changed on a known machine, as IMAC history the technicians read. */
export function imacEventsFromInventory(before: Before, after: { fields: InventoryFields; establishmentId: string | null; hardware: Record<string, unknown> }): ImacEvent[] {
  const events: ImacEvent[] = [];
  const { fields } = after;
  if (after.establishmentId && after.establishmentId !== before.establishmentId) {
    events.push({ kind: 'move', summary: 'Apparu dans un autre établissement', details: { from: before.establishmentId, to: after.establishmentId } });
  }
  if (fields.memoryMb != null && before.memoryMb != null && Math.abs(fields.memoryMb - before.memoryMb) >= memoryEventMinMb) {
    events.push({
      kind: fields.memoryMb > before.memoryMb ? 'add' : 'change',
      summary: `Mémoire : ${before.memoryMb} Mo → ${fields.memoryMb} Mo`,
      details: { memoryMb: { before: before.memoryMb, after: fields.memoryMb } },
    });
  }
  const serialsBefore = storageSerials(before.hardware);
  const serialsAfter = storageSerials(after.hardware);
  if (serialsBefore && serialsAfter && serialsBefore !== serialsAfter) {
    events.push({ kind: 'change', summary: 'Disque remplacé', details: { storages: { before: serialsBefore, after: serialsAfter } } });
  }
  if (fields.name && before.name && fields.name !== before.name) {
    events.push({ kind: 'change', summary: `Renommé : ${before.name} → ${fields.name}`, details: { name: { before: before.name, after: fields.name } } });
  }
  const os = (n: string | null, v: string | null) => [n, v].filter(Boolean).join(' ');
  if (fields.osName !== undefined && before.osName && os(fields.osName ?? null, fields.osVersion ?? null) !== os(before.osName, before.osVersion)) {
    events.push({
      kind: 'change',
      summary: `Système : ${os(before.osName, before.osVersion)} → ${os(fields.osName ?? null, fields.osVersion ?? null)}`,
      details: { os: { before: os(before.osName, before.osVersion), after: os(fields.osName ?? null, fields.osVersion ?? null) } },
    });
  }
  return events;
}
