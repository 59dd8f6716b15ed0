import { describe, expect, it } from 'vitest';
import type { InventoryReport } from '../inventory/inventory-report.js';
import { normalizeOcs } from '../inventory/normalize-ocs.js';
import { parseOcsRequest } from '../inventory/ocs-request.js';
import { fixtureText, glpiReport } from '../inventory/testing/fixtures.js';
import { fieldsFromReport, hardwareDocument } from './asset-fields.js';
import { diskEvents, imacEventsFromInventory } from './imac-events.js';

/**
 * The disks of real inventories (computer_1.json: a Samsung NVMe with a serial; computer_3.json:
 * a Toshiba SSD the agent gives no serial for; xml/2.xml: a Hitachi disk under Windows), changed
 * the way a technician changes them, then read by the module as the next report.
 */
type StorageEntry = Record<string, unknown>;

function jsonReport(file: string, change: (storages: StorageEntry[]) => StorageEntry[] = (s) => s): InventoryReport {
  const document = JSON.parse(fixtureText(`glpi-inventory-format/examples/${file}`));
  document.content.storages = change(document.content.storages);
  return glpiReport(JSON.stringify(document));
}
const hardwareOf = (report: InventoryReport, previous: Record<string, unknown> | null = null) => hardwareDocument(report, previous);
const summaries = (before: InventoryReport, after: InventoryReport) => diskEvents(hardwareOf(before), hardwareOf(after)).map((e) => [e.kind, e.summary]);

const samsung = { name: 'nvme0n1', model: 'PM951 NVMe SAMSUNG 256GB', disksize: 256060, serial: 'S29NNXAH146409' };
const crucial = { name: 'sda', model: 'CT1000MX500SSD1', disksize: 1000204, serial: '2031E2A6B1C4', type: 'disk' };

describe('disk history from real inventories', () => {
  const laptop = jsonReport('computer_1.json');

  it('records nothing when the disks are the same, and nothing on a first report', () => {
    expect(laptop.storages.map((s) => s.serial)).toEqual([samsung.serial]);
    expect(summaries(laptop, jsonReport('computer_1.json'))).toEqual([]);
    expect(diskEvents(null, hardwareOf(laptop))).toEqual([]);
  });

  it('tells a disk added from a disk replaced (by serial), and a disk removed', () => {
    const added = jsonReport('computer_1.json', (s) => [...s, crucial]);
    expect(summaries(laptop, added)).toEqual([['add', 'Disque ajouté : CT1000MX500SSD1 1000 Go (n° 2031E2A6B1C4)']]);
    expect(summaries(added, laptop)).toEqual([['change', 'Disque retiré : CT1000MX500SSD1 1000 Go (n° 2031E2A6B1C4)']]);
    const replaced = jsonReport('computer_1.json', () => [{ ...samsung, serial: 'S29NNXAH999999' }]);
    const events = diskEvents(hardwareOf(laptop), hardwareOf(replaced));
    expect(events).toEqual([
      {
        kind: 'change',
        summary: 'Disque remplacé : PM951 NVMe SAMSUNG 256GB 256 Go (n° S29NNXAH146409) → PM951 NVMe SAMSUNG 256GB 256 Go (n° S29NNXAH999999)',
        details: { disk: { before: expect.objectContaining({ serial: 'S29NNXAH146409' }), after: expect.objectContaining({ serial: 'S29NNXAH999999' }) } },
      },
    ]);
    // one swapped and one added in the same report
    expect(summaries(laptop, jsonReport('computer_1.json', () => [crucial, { ...samsung, serial: 'S29NNXAH999999' }]))).toEqual([
      ['change', 'Disque remplacé : PM951 NVMe SAMSUNG 256GB 256 Go (n° S29NNXAH146409) → CT1000MX500SSD1 1000 Go (n° 2031E2A6B1C4)'],
      ['add', 'Disque ajouté : PM951 NVMe SAMSUNG 256GB 256 Go (n° S29NNXAH999999)'],
    ]);
  });

  it('recognises a disk without a serial by its model and size (computer_3.json)', () => {
    const toshiba = jsonReport('computer_3.json');
    expect(toshiba.storages.map((s) => [s.model, s.serial])).toEqual([['TOSHIBATHNSNJ25', null]]);
    expect(summaries(toshiba, jsonReport('computer_3_updated.json'))).toEqual([]);
    const bigger = jsonReport('computer_3.json', (s) => [{ ...s[0], model: 'CT500MX500SSD1', disksize: 500107 }]);
    expect(summaries(toshiba, bigger)).toEqual([['change', 'Disque remplacé : TOSHIBATHNSNJ25 250 Go → CT500MX500SSD1 500 Go']]);
    const second = jsonReport('computer_3.json', (s) => [...s, { ...s[0], name: 'sdb' }]);
    expect(summaries(toshiba, second)).toEqual([['add', 'Disque ajouté : TOSHIBATHNSNJ25 250 Go']]); // two identical disks count twice
  });

  it('ignores a USB key a pupil plugged in (xml/2.xml under Windows)', () => {
    const xml = fixtureText('glpi-inventory-format/xml/2.xml');
    const usbKey = '<STORAGES><DISKSIZE>15360</DISKSIZE><MODEL>SanDisk Cruzer Blade USB Device</MODEL><NAME>\\\\.\\PHYSICALDRIVE1</NAME><SERIAL>4C530001</SERIAL><TYPE>Removable Media</TYPE></STORAGES>';
    const before = normalizeOcs(parseOcsRequest(xml));
    const after = normalizeOcs(parseOcsRequest(xml.replace('<USBDEVICES>', `${usbKey}<USBDEVICES>`)));
    expect(after.storages).toHaveLength(2);
    expect(summaries(before, after)).toEqual([]);
  });

  it('goes into the IMAC history of an inventory, and a partial report without disks changes none', () => {
    const added = jsonReport('computer_1.json', (s) => [...s, crucial]);
    const state = { name: 'glpixps', establishmentId: 'e1', memoryMb: 7800, diskTotalMb: null, osName: 'Fedora', osVersion: '31', hardware: hardwareOf(laptop) };
    const fields = fieldsFromReport(added, { lockedFields: [], storeLastUser: false });
    const events = imacEventsFromInventory(state, { fields, establishmentId: 'e1', hardware: hardwareOf(added, state.hardware) });
    expect(events.map((e) => [e.kind, e.summary])).toEqual([['add', 'Disque ajouté : CT1000MX500SSD1 1000 Go (n° 2031E2A6B1C4)']]);
    const partial = jsonReport('computer_1_partial_cpu.json');
    expect(partial.sections).not.toContain('storages');
    const partialFields = fieldsFromReport(partial, { lockedFields: [], storeLastUser: false });
    expect(imacEventsFromInventory(state, { fields: partialFields, establishmentId: 'e1', hardware: hardwareOf(partial, state.hardware) })).toEqual([]);
  });
});

describe('system history from real inventories', () => {
  const xml = fixtureText('glpi-inventory-format/xml/2.xml');
  const report = normalizeOcs(parseOcsRequest(xml));
  // the device as it was stored before the releases were normalised: NAME "Windows", no VERSION
  const stored = { name: 'pc-arg-23', establishmentId: 'e1', memoryMb: 3887, diskTotalMb: null, osName: 'Windows', osVersion: null, hardware: hardwareDocument(report, null) };
  const next = (r: InventoryReport) => ({ fields: fieldsFromReport(r, { lockedFields: [], storeLastUser: false }), establishmentId: 'e1', hardware: hardwareDocument(r, stored.hardware) });

  it('writes no « Système » line when only the stored notation changes (Windows → Windows 8.1, same agent words)', () => {
    expect(next(report).fields).toMatchObject({ osName: 'Windows', osVersion: '8.1' });
    expect(imacEventsFromInventory(stored, next(report))).toEqual([]);
  });

  it('writes one when the machine was upgraded to Windows 10', () => {
    const upgraded = normalizeOcs(
      parseOcsRequest(xml.replace(/Microsoft Windows 8\.1 Professionnel/g, 'Microsoft Windows 10 Professionnel').replace(/6\.3\.9600/g, '10.0.19045')),
    );
    expect(imacEventsFromInventory({ ...stored, osVersion: '8.1' }, next(upgraded)).map((e) => e.summary)).toEqual(['Système : Windows 8.1 → Windows 10']);
  });
});
