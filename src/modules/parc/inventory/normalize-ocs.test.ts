import { describe, expect, it } from 'vitest';
import { decodeBody } from './decode-body.js';
import { inventoryReportSchema, type InventoryReport } from './inventory-report.js';
import { matchKeys } from './match-keys.js';
import { normalizeOcs } from './normalize-ocs.js';
import { parseOcsRequest } from './ocs-request.js';
import { fixtureBytes, fixtureText, fusionFile, refusal, xmlExamples } from './testing/fixtures.js';

const fromXml = (text: string, userAgent?: string): InventoryReport => normalizeOcs(parseOcsRequest(text), { userAgent });
const fromFixture = (path: string) => fromXml(fixtureText(path));
const fromCapture = (file: string, userAgent: string) => fromXml(decodeBody(fixtureBytes(`agents/${file}`), undefined).text, userAgent);

describe('normalizeOcs', () => {
  it('normalises every XML fixture into a valid report', () => {
    for (const path of [fusionFile, ...xmlExamples]) {
      const report = fromFixture(path);
      expect(() => inventoryReportSchema.parse(report), path).not.toThrow();
      expect(report.format).toBe('xml');
    }
  });

  it("reads FusionInventory's Debian 12 VM: 900 packages, no serial, a virtual machine", () => {
    const report = fromFixture(fusionFile);
    expect(report).toMatchObject({
      source: 'fusioninventory',
      action: 'inventory',
      itemType: 'Computer',
      deviceId: 'vm-2026-11-24-06-15-54',
      tag: null,
      partial: false,
      name: 'vm',
      serial: null, // <SSN></SSN>
      uuid: null,
      assetClass: 'virtual', // VMSYSTEM Docker
      memoryMb: 24105, // no MEMORIES section: HARDWARE MEMORY
      os: { name: 'Debian GNU/Linux', version: '12.11', fullName: 'Debian GNU/Linux 12 (bookworm)', arch: 'x86_64', kernel: '6.18.44-fc-v669' },
      cpus: [{ name: 'AMD EPYC', manufacturer: 'AMD', cores: 2, threads: 2, speedMhz: null }],
      storages: [{ name: 'vda', manufacturer: 'Red Hat, Inc.', sizeMb: 274877, serial: 'overlayblk', model: null, type: 'disk' }],
      ipAddresses: ['192.0.2.2', 'fd00::2'],
      agentVersion: 'FusionInventory-Inventory_v2.6-3',
      agentRunAt: '2026-11-24 06:15:54',
    });
    // 900 <SOFTWARES> entries, 900 distinct name + version pairs (one architecture each): none merged
    expect(report.software).toHaveLength(900);
    expect(report.software[0]).toEqual({ name: 'adduser', version: '3.134', publisher: 'Debian', arch: 'all' });
    // 7 <NETWORKS> entries (one per address) → 4 interfaces; only eth0 is physical
    expect(report.networks.map((n) => [n.description, n.mac, n.virtual])).toEqual([
      ['lo', null, true],
      ['ifb0', '6e:b4:4e:06:f0:94', true],
      ['ifb1', '62:f9:b2:e5:6e:96', true],
      ['eth0', '02:fc:00:00:00:01', false],
    ]);
    // eth0's MAC is locally administered (set by the hypervisor): it does not identify the VM
    expect(matchKeys(report)).toEqual({ uuid: null, serial: null, macs: [], deviceId: 'vm-2026-11-24-06-15-54' });
  });

  it('reads a Toshiba laptop under Linux (1.xml): serial, UUID, installed memory, tag', () => {
    const report = fromFixture('glpi-inventory-format/xml/1.xml');
    expect(report).toMatchObject({
      tag: 'teclib',
      name: 'LF014',
      serial: '9E113232I',
      uuid: '0055adc9-1d3a-e411-8043-b05d95113232',
      manufacturer: 'TOSHIBA',
      model: 'PORTEGE Z30-A',
      chassisType: 'Notebook',
      assetClass: 'laptop',
      memoryMb: 7908, // HARDWARE MEMORY, not the 8 GiB module
      bios: { vendor: 'TOSHIBA', version: 'Version 3.70', date: '2014-07-25' },
      lastLoggedUser: 'johan',
    });
    expect(report.software).toHaveLength(42);
    expect(report.networks.find((n) => n.description === 'virbr0')?.virtual).toBe(true);
    // the Wi-Fi card's ae:ed:e7:… is a random (locally administered) address: not an identity
    expect(matchKeys(report).macs).toEqual(['b8:6b:23:e0:5c:81', 'b8:6b:23:e0:5c:91']);
  });

  it('reads a Windows 8.1 HP laptop (2.xml), French adapter names included', () => {
    const report = fromFixture('glpi-inventory-format/xml/2.xml');
    expect(report).toMatchObject({ tag: '3923', serial: 'CZC0479792', model: 'HP EliteBook 2540p', memoryMb: 3887, assetClass: 'laptop' });
    expect(report.os).toMatchObject({ name: 'Windows', fullName: 'Microsoft Windows 8.1 Professionnel', arch: '64-bit' });
    const virtual = report.networks.filter((n) => n.virtual).map((n) => n.description);
    expect(virtual).toEqual(['TAP-Windows Adapter V9', 'Carte virtuelle de réseau hébergé Microsoft']);
    expect(report.software).toHaveLength(8);
  });

  it('reads Macs whose old agent flags every interface virtual (3.xml, 4.xml)', () => {
    const imac5 = fromFixture('glpi-inventory-format/xml/3.xml');
    expect(imac5).toMatchObject({ serial: 'W87051UGVUV', model: 'iMac5,1', assetClass: 'desktop', memoryMb: 4000 }); // no HARDWARE MEMORY: the sum of the modules
    expect(matchKeys(imac5).macs).toEqual(['00:17:f2:d1:14:32', '00:19:e3:db:64:d2', '00:19:e3:ff:fe:71']);
    const imac15 = fromFixture('glpi-inventory-format/xml/4.xml');
    expect(imac15).toMatchObject({ serial: 'C02NG5A5FY11', memoryMb: 8192, name: 'iMac de Marie' });
    expect(matchKeys(imac15).macs).toEqual(['0c:4d:e9:cd:a4:c8', '88:63:df:b8:00:2d']);
  });

  it('reads the GLPI Android agent (13.xml, 18.xml): a Galaxy A71 with a SIM card, so a phone', () => {
    const phone = fromFixture('glpi-inventory-format/xml/18.xml');
    expect(phone).toMatchObject({ source: 'glpi-agent', itemType: 'Computer', assetClass: 'phone', model: 'SM-A715F', memoryMb: 5524 });
    expect(fromFixture('glpi-inventory-format/xml/13.xml').assetClass).toBe('phone');
    // the same agent on a device without a SIM card (a tablet of a mobile class)
    const tablet = fromXml(fixtureText('glpi-inventory-format/xml/18.xml').replace(/<SIMCARDS>[\s\S]*?<\/SIMCARDS>/g, ''));
    expect(tablet.assetClass).toBe('tablet');
    expect(phone.software).toHaveLength(309); // 310 entries, "Outils SIM" 13 listed twice
  });

  it('reads network devices and printers from the network tasks', () => {
    expect(fromFixture('glpi-inventory-format/xml/7.xml')).toMatchObject({
      action: 'netinventory',
      itemType: 'NetworkEquipment',
      assetClass: 'switch', // a UCS fabric interconnect
      name: 'ucs6248up-cluster-pa3-B',
      serial: 'SSI1912014B',
      model: 'UCS 6248UP 48-Port',
      sections: ['network_device'],
    });
    expect(fromFixture('glpi-inventory-format/xml/8.xml')).toMatchObject({ itemType: 'Printer', assetClass: 'printer', serial: 'D9J230159', ipAddresses: ['10.75.230.125'] });
    // sysDescr "Digi TransPort WR11…": a 4G router
    expect(fromFixture('glpi-inventory-format/xml/5.xml')).toMatchObject({ itemType: 'NetworkEquipment', assetClass: 'router', model: 'WR11 XT' });
    // TYPE STORAGE: a Synology NAS, kept with the servers
    expect(fromFixture('glpi-inventory-format/xml/19.xml')).toMatchObject({ itemType: 'NetworkEquipment', assetClass: 'server', model: 'DS1821+' });
    expect(fromFixture('glpi-inventory-format/xml/11.xml')).toMatchObject({ action: 'netdiscovery', assetClass: 'printer' });
    expect(fromFixture('glpi-inventory-format/xml/16.xml')).toMatchObject({ action: 'netdiscovery', assetClass: 'switch', model: '1810-24G' });
    const discovery = fromFixture('glpi-inventory-format/xml/10.xml');
    expect(discovery).toMatchObject({ action: 'netdiscovery', partial: true, name: 'swdc-07-01-dc1', ipAddresses: ['192.168.0.8'] });
    // a malformed MAC ("d5:c9:gh:81:cf:80") is dropped, not guessed
    expect(fromFixture('glpi-inventory-format/xml/17.xml').networks[0].mac).toBeNull();
  });

  it('reads what the real FusionInventory 2.6 and OCS 2.10 agents sent over HTTP', () => {
    const fusion = fromCapture('fusioninventory-2.6-inventory.zlib', 'FusionInventory-Agent_v2.6-3');
    expect(fusion).toMatchObject({ source: 'fusioninventory', tag: '0590001A', name: 'vm', memoryMb: 24105 });
    expect(fusion.software).toHaveLength(863);
    const ocs = fromCapture('ocsinventory-2.10-inventory.zlib', 'OCS-NG_unified_unix_agent_v2.10.0');
    expect(ocs).toMatchObject({
      source: 'ocs',
      tag: '0590001A',
      agentVersion: null, // the OCS agent names itself only in its User-Agent
      os: { name: 'Debian GNU/Linux 12', version: '12', fullName: 'Debian GNU/Linux 12', arch: null, kernel: null },
      cpus: [{ name: 'AMD EPYC', manufacturer: 'AMD', cores: 2, threads: 2, speedMhz: null }],
      memoryMb: 24105,
      bios: null, // <BIOS> left empty without dmidecode
    });
    expect(ocs.software).toHaveLength(863);
    expect(ocs.software[0]).toEqual({ name: 'adduser', version: '3.134', publisher: null, arch: 'all' });
  });

  it('keeps hostile text verbatim and the logged-in user apart', () => {
    const hostile = `<b onmouseover="x()">École</b>'); DROP TABLE parc.assets; --`;
    const escaped = hostile.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const report = fromXml(`<REQUEST><QUERY>INVENTORY</QUERY><DEVICEID>${escaped}</DEVICEID><CONTENT>
      <ACCOUNTINFO><KEYNAME>TAG</KEYNAME><KEYVALUE>${escaped}</KEYVALUE></ACCOUNTINFO>
      <HARDWARE><NAME>${escaped}</NAME><LASTLOGGEDUSER>eleve.dupont</LASTLOGGEDUSER></HARDWARE>
      <SOFTWARES><NAME>${escaped}</NAME><VERSION>1</VERSION></SOFTWARES></CONTENT></REQUEST>`);
    expect(report.deviceId).toBe(hostile);
    expect(report.tag).toBe(hostile);
    expect(report.name).toBe(hostile);
    expect(report.software[0].name).toBe(hostile);
    expect(report.lastLoggedUser).toBe('eleve.dupont');
  });

  it('refuses to normalise a PROLOG', () => {
    expect(refusal(() => fromXml('<REQUEST><QUERY>PROLOG</QUERY><DEVICEID>a</DEVICEID></REQUEST>')).status).toBe(422);
  });
});
