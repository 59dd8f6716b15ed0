import { describe, expect, it } from 'vitest';
import type { InventoryFields } from './asset-fields.js';
import { imacEventsFromInventory } from './imac-events.js';

const before = { name: 'PC-1', establishmentId: 'e1', memoryMb: 7909, diskTotalMb: null, osName: null, osVersion: null, hardware: null };
const after = (memoryMb: number) => ({ fields: { memoryMb } as InventoryFields, establishmentId: 'e1', hardware: {} });

describe('imacEventsFromInventory: memory', () => {
  it('ignores the few MB a system total drifts by, and records a module added or removed', () => {
    expect(imacEventsFromInventory(before, after(7908))).toEqual([]);
    expect(imacEventsFromInventory(before, after(15_917))).toEqual([
      { kind: 'add', summary: 'Mémoire : 7909 Mo → 15917 Mo', details: { memoryMb: { before: 7909, after: 15_917 } } },
    ]);
    expect(imacEventsFromInventory(before, after(3_887))[0]).toMatchObject({ kind: 'change', summary: 'Mémoire : 7909 Mo → 3887 Mo' });
  });
});
