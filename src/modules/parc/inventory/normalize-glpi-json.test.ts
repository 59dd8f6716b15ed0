import { describe, expect, it } from 'vitest';
import { inventoryReportSchema } from './inventory-report.js';
import { decideMatch, matchKeys } from './match-keys.js';
import { normalizeGlpiJson } from './normalize-glpi-json.js';
import { fixtureText, glpiExamples, glpiReport } from './testing/fixtures.js';
import { validateGlpiInventory } from './validate-glpi-json.js';

const fromJson = glpiReport;
const example = (name: string) => fromJson(fixtureText(`glpi-inventory-format/examples/${name}`));

describe('normalizeGlpiJson', () => {
  it('normalises the 20 official examples into valid reports', () => {
    for (const path of glpiExamples) {
      const report = fromJson(fixtureText(path));
      expect(() => inventoryReportSchema.parse(report), path).not.toThrow();
      expect(report.format).toBe('json');
    }
  });

  it('reads a full computer inventory (computer_1: a Dell XPS 13 under Fedora)', () => {
    const report = example('computer_1.json');
    expect(report).toMatchObject({
      action: 'inventory',
      itemType: 'Computer',
      deviceId: 'glpixps-2018-07-09-09-07-13',
      tag: '000005',
      partial: false,
      name: 'glpixps',
      serial: '640HP72',
      uuid: '4c4c4544-0034-3010-8048-b6c04f503732',
      manufacturer: 'Dell Inc.',
      model: 'XPS 13 9350',
      chassisType: 'Laptop',
      assetClass: 'laptop',
      memoryMb: 7800, // what the system reports (its 2 × 4096 MiB modules, less what firmware and GPU reserve)
      bios: { vendor: 'Dell Inc.', version: '1.4.3', date: '2016-02-06' },
      os: { name: 'Fedora', version: '31 (Workstation Edition)', fullName: 'Fedora 31 (Workstation Edition)', arch: 'x86_64', kernel: '5.6.15-200.fc31.x86_64' },
      cpus: [{ name: 'Intel(R) Core(TM) i5-6200U CPU @ 2.30GHz', manufacturer: 'Intel', cores: 2, threads: 4, speedMhz: 2300 }],
      storages: [{ name: 'nvme0n1', model: 'PM951 NVMe SAMSUNG 256GB', manufacturer: 'Samsung', type: null, sizeMb: 256060, serial: 'S29NNXAH146409' }],
      lastLoggedUser: 'root',
      ipAddresses: ['192.168.1.142', '192.168.1.118', '192.168.122.1'],
    });
    expect(report.software).toHaveLength(6);
    expect(matchKeys(report).macs).toEqual(['00:e0:4c:68:01:db', '44:85:00:2b:90:bc']);
  });

  it('reads partial inventories: only their sections, nothing said about the rest', () => {
    const cpu = example('computer_1_partial_cpu.json');
    expect(cpu).toMatchObject({ partial: true, sections: ['bios', 'cpus', 'hardware', 'versionclient'], memoryMb: 7800, os: null });
    // every partial report carries hardware, hence the system's total; without it, nothing is said
    const cpuOnly = JSON.parse(fixtureText('glpi-inventory-format/examples/computer_1_partial_cpu.json')) as { content: { hardware: Record<string, unknown> } };
    delete cpuOnly.content.hardware.memory;
    expect(normalizeGlpiJson(validateGlpiInventory(cpuOnly)).memoryMb).toBeNull();
    expect(cpu.cpus).toHaveLength(1);
    expect(cpu.software).toEqual([]);
    expect(example('computer_1_partial_memory.json')).toMatchObject({ sections: ['bios', 'hardware', 'memories', 'versionclient'], memoryMb: 7800 });
    const softs = example('computer_1_partial_softs.json');
    expect(softs.sections).toEqual(['bios', 'hardware', 'operatingsystem', 'softwares', 'versionclient']);
    expect(softs.software).toHaveLength(6);
    // the same machine as the full inventory
    expect(matchKeys(cpu)).toMatchObject({ serial: '640HP72', uuid: '4c4c4544-0034-3010-8048-b6c04f503732' });
  });

  it('lists identical software once (computer_3: 3,033 entries, 3,005 distinct name + version)', () => {
    const before = example('computer_3.json');
    // 28 packages are installed for two architectures (i686 and x86_64 builds of motif, libXinerama…)
    expect(before.software).toHaveLength(3005);
    expect(before.software.filter((s) => s.name === 'motif')).toEqual([{ name: 'motif', version: '2.3.4-11.fc24', publisher: 'Fedora Project', arch: 'x86_64' }]);
    const after = example('computer_3_updated.json');
    expect(after.software).toHaveLength(3155); // 3,184 entries
    // the system's total (7909, 7908), not the modules listed (4096, then 8192)
    expect([before.memoryMb, after.memoryMb]).toEqual([7909, 7908]);
    // the later inventory is recognised as the same laptop
    const known = { id: 'asset-lf014', uuid: before.uuid, serial: before.serial, macs: matchKeys(before).macs, deviceId: before.deviceId, name: before.name };
    expect(decideMatch(after, [known])).toMatchObject({ assetId: 'asset-lf014', level: 'uuid+serial' });
  });

  it('reads network equipment by what it is, printers and a phone', () => {
    expect(example('networkequipment_3.json')).toMatchObject({
      action: 'netinventory',
      itemType: 'NetworkEquipment',
      assetClass: 'switch',
      name: 'HP-2530-48G',
      serial: 'CN5BFP62CP',
      manufacturer: 'Hewlett-Packard',
      model: '2530-48G',
      ipAddresses: ['192.168.63.30'],
    });
    expect(example('printer_1.json')).toMatchObject({ itemType: 'Printer', assetClass: 'printer', serial: 'PHCVN191TG', model: 'HP LaserJet M507' });
    expect(example('phone_1.json')).toMatchObject({ itemType: 'Phone', assetClass: 'phone', name: 'Mi9TPro-TéléphoneM', memoryMb: 5523, model: 'Mi 9T Pro' });
    // every official network example is type "Networking": the model tells a Wi-Fi controller from the switches
    expect(
      ['networkequipment_1.json', 'networkequipment_2.json', 'networkequipment_3.json', 'networkequipment_4.json', 'networkequipment_5.json'].map((f) => [
        example(f).model,
        example(f).assetClass,
      ]),
    ).toEqual([
      ['UCS 6248UP 48-Port', 'switch'],
      ['Catalyst 3750-24/48', 'switch'],
      ['2530-48G', 'switch'],
      ['CT5520', 'wifi-access-point'], // Cisco 5520 Wireless LAN Controller
      ['DGS-3420-52T', 'switch'],
    ]);
    expect(['printer_1.json', 'printer_2.json', 'printer_3.json'].map((f) => example(f).assetClass)).toEqual(['printer', 'printer', 'printer']);
  });

  it('keeps markup and SQL in deviceid and tag verbatim', () => {
    const document = JSON.parse(fixtureText('glpi-inventory-format/examples/computer_2.json')) as Record<string, unknown>;
    document.deviceid = '<script>alert("x")</script>';
    document.tag = "0590001A'; DROP TABLE parc.assets; --";
    const report = fromJson(JSON.stringify(document));
    expect(report.deviceId).toBe('<script>alert("x")</script>');
    expect(report.tag).toBe("0590001A'; DROP TABLE parc.assets; --");
  });
});
