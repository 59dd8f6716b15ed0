import { describe, expect, it } from 'vitest';
import { fieldsFromReport } from '../ingest/asset-fields.js';
import { decodeBody } from './decode-body.js';
import type { InventoryReport } from './inventory-report.js';
import { normalizeOcs } from './normalize-ocs.js';
import { parseOcsRequest } from './ocs-request.js';
import { osRelease } from './os-release.js';
import { fixtureBytes, fixtureText, fusionFile, glpiReport } from './testing/fixtures.js';
import { windowsInventory } from './testing/windows-inventories.js';

const fromXml = (text: string): InventoryReport => normalizeOcs(parseOcsRequest(text));
const fromJson = glpiReport;
/** What the ingestion stores in os_name / os_version. */
const stored = (report: InventoryReport) => {
  const fields = fieldsFromReport(report, { lockedFields: [], storeLastUser: false });
  return [fields.osName, fields.osVersion];
};

describe('osRelease on the real agents’ files', () => {
  it('reads Windows 8.1 from a real FusionInventory file that gives NAME "Windows" and no VERSION (2.xml, 12.xml)', () => {
    for (const file of ['2.xml', '12.xml']) {
      const report = fromXml(fixtureText(`glpi-inventory-format/xml/${file}`));
      expect(report.os).toMatchObject({ name: 'Windows', version: null, fullName: 'Microsoft Windows 8.1 Professionnel', kernel: '6.3.9600' });
      expect(stored(report)).toEqual(['Windows', '8.1']);
    }
  });

  it('tells Windows 10 from Windows 11 by the build, whatever the full name says', () => {
    expect(stored(fromXml(windowsInventory('10', 1, '0590001F')))).toEqual(['Windows', '10']);
    const eleven = fromXml(windowsInventory('11', 2, '0590001F'));
    expect(eleven.os).toMatchObject({ fullName: 'Microsoft Windows 10 Professionnel', kernel: '10.0.22631' });
    expect(stored(eleven)).toEqual(['Windows', '11']);
    expect(stored(fromXml(windowsInventory('8.1', 3, '0590001F')))).toEqual(['Windows', '8.1']);
  });

  it('reads the Linux distributions, macOS and Android of the real files', () => {
    expect(stored(fromXml(fixtureText(fusionFile)))).toEqual(['Debian', '12']); // VERSION 12.11
    expect(stored(fromXml(fixtureText('glpi-inventory-format/xml/1.xml')))).toEqual(['Fedora', '25']);
    expect(stored(fromXml(fixtureText('glpi-inventory-format/xml/3.xml')))).toEqual(['macOS', '10.6']);
    expect(stored(fromXml(fixtureText('glpi-inventory-format/xml/4.xml')))).toEqual(['macOS', '10.13']);
    expect(stored(fromXml(fixtureText('glpi-inventory-format/xml/18.xml')))).toEqual(['Android', '13']);
    // the OCS Unix agent has no OPERATINGSYSTEM section: HARDWARE OSNAME "Debian GNU/Linux 12"
    const ocs = fromXml(decodeBody(fixtureBytes('agents/ocsinventory-2.10-inventory.zlib'), undefined).text);
    expect(stored(ocs)).toEqual(['Debian', '12']);
    expect(stored(fromJson(fixtureText('glpi-inventory-format/examples/computer_1.json')))).toEqual(['Fedora', '31']);
    // GLPI Agent for Android puts the API level (29) in VERSION
    expect(stored(fromJson(fixtureText('glpi-inventory-format/examples/phone_1.json')))).toEqual(['Android', '10']);
  });

  it('keeps the agent’s full name in the hardware document, and leaves a partial report without the section alone', () => {
    const partial = fromJson(fixtureText('glpi-inventory-format/examples/computer_1_partial_cpu.json'));
    expect(fieldsFromReport(partial, { lockedFields: [], storeLastUser: false })).not.toHaveProperty('osVersion');
    const locked = fieldsFromReport(fromXml(fixtureText('glpi-inventory-format/xml/2.xml')), { lockedFields: ['osVersion'], storeLastUser: false });
    expect(locked).toMatchObject({ osName: 'Windows' });
    expect(locked).not.toHaveProperty('osVersion');
  });
});

describe('osRelease on what other agents write', () => {
  const os = (o: Partial<NonNullable<InventoryReport['os']>>) => osRelease({ name: null, version: null, fullName: null, arch: null, kernel: null, ...o });
  it('reads Windows from the GLPI Agent and OCS Windows agent fields', () => {
    expect(os({ name: 'Windows', fullName: 'Microsoft Windows 11 Professionnel', version: '23H2', kernel: '10.0.22631' })).toEqual({ product: 'Windows', release: '11' });
    expect(os({ name: 'Windows', fullName: 'Microsoft Windows 10 Pro', version: '22H2', kernel: '10.0.19045' })).toEqual({ product: 'Windows', release: '10' });
    expect(os({ name: 'Microsoft Windows 10 Éducation', fullName: 'Microsoft Windows 10 Éducation', version: '10.0.22000' })).toEqual({ product: 'Windows', release: '11' });
    expect(os({ name: 'Microsoft Windows 7 Professionnel', fullName: 'Microsoft Windows 7 Professionnel' })).toEqual({ product: 'Windows', release: '7' });
    expect(os({ name: 'Windows', fullName: 'Microsoft Windows Server 2019 Standard', kernel: '10.0.17763' })).toEqual({ product: 'Windows Server', release: '2019' });
    expect(os({ fullName: 'Microsoft Windows Server 2012 R2 Standard', kernel: '6.3.9600' })).toEqual({ product: 'Windows Server', release: '2012 R2' });
  });

  it('reads Ubuntu, macOS 14, iPadOS and ChromeOS', () => {
    expect(os({ name: 'Ubuntu', fullName: 'Ubuntu 22.04.3 LTS', version: '22.04.3 LTS (Jammy Jellyfish)' })).toEqual({ product: 'Ubuntu', release: '22.04' });
    expect(os({ name: 'macOS', fullName: 'macOS', version: '14.4.1', kernel: '23.4.0' })).toEqual({ product: 'macOS', release: '14' });
    expect(os({ name: 'MacOSX', kernel: '23.4.0' })).toEqual({ product: 'macOS', release: '14' });
    expect(os({ name: 'iPadOS', version: '17.5' })).toEqual({ product: 'iPadOS', release: '17' });
    expect(os({ name: 'ChromeOS', version: '120.0.6099.235' })).toEqual({ product: 'ChromeOS', release: '120' });
    expect(os({ name: 'Rocky Linux', fullName: 'Rocky Linux 9.3 (Blue Onyx)' })).toEqual({ product: 'Rocky', release: '9' });
  });
});
