import type { InventoryStorage } from '../inventory/inventory-report.js';
import { osRelease } from '../inventory/os-release.js';
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
  events.push(...diskEvents(before.hardware, after.hardware));
  if (fields.name && before.name && fields.name !== before.name) {
    events.push({ kind: 'change', summary: `Renommé : ${before.name} → ${fields.name}`, details: { name: { before: before.name, after: fields.name } } });
  }
  const os = (n: string | null, v: string | null) => [n, v].filter(Boolean).join(' ');
  if (
    fields.osName !== undefined &&
    before.osName &&
    os(fields.osName ?? null, fields.osVersion ?? null) !== os(before.osName, before.osVersion) &&
    !sameSystemAsLastReport(before.hardware, fields)
  ) {
    events.push({
      kind: 'change',
      summary: `Système : ${os(before.osName, before.osVersion)} → ${os(fields.osName ?? null, fields.osVersion ?? null)}`,
      details: { os: { before: os(before.osName, before.osVersion), after: os(fields.osName ?? null, fields.osVersion ?? null) } },
    });
  }
  return events;
}

/**
 * The agent's previous report named the same product and release: only the stored notation
 * changed ("Windows" without a version, "Debian GNU/Linux" "12.11", written before os-release.ts
 * normalised them, become "Windows" "8.1", "Debian" "12"), not the machine's system.
 */
function sameSystemAsLastReport(hardware: Record<string, unknown> | null, fields: InventoryFields): boolean {
  const previous = hardware?.os as Parameters<typeof osRelease>[0] | undefined;
  if (!previous) return false;
  const release = osRelease(previous);
  return release !== null && release.product === fields.osName && release.release === (fields.osVersion ?? null);
}

type Disk = Pick<InventoryStorage, 'name' | 'model' | 'sizeMb' | 'serial'> & { type?: string | null };

/** Optical drives, card readers and USB keys come and go with a pupil's key: not the machine's disks. */
const removableDisk = /removable|usb|\bcd|dvd|\brom\b|floppy|card/i;

/** The fixed disks a hardware document lists; null when it holds no disk list (first report, partial without storages). */
function fixedDisks(hardware: Record<string, unknown> | null): Disk[] | null {
  const storages = hardware?.storages;
  if (!Array.isArray(storages)) return null;
  return (storages as Disk[]).filter((d) => !removableDisk.test(d.type ?? '') && !/^(sr|fd)\d/.test(d.name ?? '') && (d.serial || d.model || d.sizeMb));
}

/** One disk, as both reports would name it: its serial, or its model and size when it has none. */
const diskKey = (d: Disk) => (d.serial ? `serial:${d.serial}` : `model:${d.model ?? ''}|${d.sizeMb ?? ''}`);

function diskLabel(d: Disk): string {
  const size = d.sizeMb ? ` ${Math.round(d.sizeMb / 1000)} Go` : '';
  return `${d.model ?? d.name ?? 'disque'}${size}${d.serial ? ` (n° ${d.serial})` : ''}`;
}

/** Each disk of `from` not in `to` (a multiset difference: two identical disks count twice). */
function missingFrom(from: Disk[], to: Disk[]): Disk[] {
  const left = new Map<string, number>();
  for (const d of to) left.set(diskKey(d), (left.get(diskKey(d)) ?? 0) + 1);
  return from.filter((d) => {
    const n = left.get(diskKey(d)) ?? 0;
    if (n > 0) left.set(diskKey(d), n - 1);
    return n === 0;
  });
}

/**
 * Disks added, removed or replaced between two reports, recognised by serial, or by model and
 * size for disks without one. A disk gone and another come in the same report is a replacement,
 * paired in the order the agent lists them; the rest are additions or removals.
 */
export function diskEvents(beforeHardware: Record<string, unknown> | null, afterHardware: Record<string, unknown> | null): ImacEvent[] {
  const before = fixedDisks(beforeHardware);
  const after = fixedDisks(afterHardware);
  if (!before || !after) return [];
  const removed = missingFrom(before, after);
  const added = missingFrom(after, before);
  const events: ImacEvent[] = [];
  const replaced = Math.min(removed.length, added.length);
  for (let i = 0; i < replaced; i++) {
    events.push({
      kind: 'change',
      summary: `Disque remplacé : ${diskLabel(removed[i])} → ${diskLabel(added[i])}`,
      details: { disk: { before: removed[i], after: added[i] } },
    });
  }
  for (const disk of added.slice(replaced)) events.push({ kind: 'add', summary: `Disque ajouté : ${diskLabel(disk)}`, details: { disk: { before: null, after: disk } } });
  for (const disk of removed.slice(replaced)) events.push({ kind: 'change', summary: `Disque retiré : ${diskLabel(disk)}`, details: { disk: { before: disk, after: null } } });
  return events;
}
