import { type Node, str } from './content-access.js';
import type { InventorySoftware } from './inventory-report.js';

/**
 * The software section of a report. An entry without a name is dropped; the same name and version
 * listed twice (Windows lists a program once per registry view, Linux once per architecture in a
 * multiarch install) is kept once, with the first publisher and architecture seen.
 */
export function collectSoftware(entries: Node[]): InventorySoftware[] {
  const seen = new Set<string>();
  const software: InventorySoftware[] = [];
  for (const entry of entries) {
    const name = str(entry, 'name');
    if (name === null) continue;
    const version = str(entry, 'version');
    const key = `${name}\u0000${version ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    software.push({
      name,
      version,
      publisher: str(entry, 'publisher'),
      arch: str(entry, 'arch') ?? str(entry, 'architecture'),
    });
  }
  return software;
}
