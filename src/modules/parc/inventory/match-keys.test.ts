import { describe, expect, it } from 'vitest';
import type { InventoryReport } from './inventory-report.js';
import { decideMatch, matchKeys, type MatchCandidate, sameUuid } from './match-keys.js';
import { normalizeOcs } from './normalize-ocs.js';
import { parseOcsRequest } from './ocs-request.js';
import { fixtureText, fusionFile } from './testing/fixtures.js';

const report = (path: string) => normalizeOcs(parseOcsRequest(fixtureText(path)));
/** The Toshiba laptop of 1.xml: serial 9E113232I, UUID 0055adc9-…, two physical MACs. */
const laptop = report('glpi-inventory-format/xml/1.xml');

function storedAs(id: string, from: InventoryReport): MatchCandidate {
  return { id, uuid: from.uuid, serial: from.serial, macs: matchKeys(from).macs, deviceId: from.deviceId, name: from.name };
}

const nic = (mac: string, description = 'eth0') => ({ description, mac, ips: [], type: 'ethernet', virtual: false });
function machine(overrides: Partial<InventoryReport>): InventoryReport {
  return { ...laptop, uuid: null, serial: null, networks: [], deviceId: 'other-2024-01-01-00-00-00', name: 'PC-PROF', ...overrides };
}

describe('matchKeys', () => {
  it('lists the identifiers of a report, physical universally administered MACs only', () => {
    expect(matchKeys(laptop)).toEqual({
      uuid: '0055adc9-1d3a-e411-8043-b05d95113232',
      serial: '9E113232I',
      macs: ['b8:6b:23:e0:5c:81', 'b8:6b:23:e0:5c:91'],
      deviceId: 'LF014-2016-06-13-14-03-53',
    });
  });

  it('takes a byte-swapped UUID (Windows versus Linux reading of SMBIOS) for the same one', () => {
    expect(sameUuid('0055adc9-1d3a-e411-8043-b05d95113232', 'c9ad5500-3a1d-11e4-8043-b05d95113232')).toBe(true);
    expect(sameUuid('0055adc9-1d3a-e411-8043-b05d95113232', '0055adc9-1d3a-e411-8043-b05d95113233')).toBe(false);
  });
});

describe('decideMatch', () => {
  const known = storedAs('asset-1', laptop);

  it('recognises a renamed machine', () => {
    const renamed = { ...laptop, name: 'CDI-PORTABLE-03' };
    expect(decideMatch(renamed, [known])).toEqual({
      assetId: 'asset-1',
      level: 'uuid+serial',
      reason: 'même UUID matériel et même numéro de série (9E113232I)',
      ambiguousWith: [],
    });
  });

  it('recognises a reinstalled machine: new agent id, new name, same serial and UUID', () => {
    const reinstalled = { ...laptop, deviceId: 'PC-SALLE-B12-2025-09-01-08-00-00', name: 'PC-SALLE-B12', networks: [] };
    expect(decideMatch(reinstalled, [known])).toMatchObject({ assetId: 'asset-1', level: 'uuid+serial' });
    // reinstalled under Windows, which reads the UUID's first fields byte-swapped
    const windows = { ...reinstalled, uuid: 'c9ad5500-3a1d-11e4-8043-b05d95113232' };
    expect(decideMatch(windows, [known])).toMatchObject({ assetId: 'asset-1', level: 'uuid+serial' });
  });

  it('never matches two machines that only share a name', () => {
    const other = machine({ serial: 'CZC0479792', uuid: '33e737a8-f827-11df-9297-47c0a301005a', networks: [nic('68:b5:99:e6:84:eb')] });
    const namesake = { ...known, name: 'PC-PROF' };
    expect(decideMatch(other, [namesake])).toEqual({
      assetId: null,
      level: null,
      reason: "même nom que l'équipement asset-1 (« PC-PROF ») mais aucun identifiant matériel commun : nouvel équipement",
      ambiguousWith: [],
    });
    expect(decideMatch(machine({}), [{ ...namesake, deviceId: null }]).assetId).toBeNull();
  });

  it('does not match on placeholder serials or bogus UUIDs shared by white boxes', () => {
    const whiteBox = (mac: string) =>
      machine({ serial: null, uuid: null, networks: [nic(mac)] });
    const stored: MatchCandidate = { id: 'asset-wb', uuid: '03000200-0400-0500-0006-000700080009', serial: 'To be filled by O.E.M.', macs: ['00:d8:61:aa:bb:01'], deviceId: null, name: 'PC-PROF' };
    expect(decideMatch(whiteBox('00:d8:61:aa:bb:02'), [stored]).assetId).toBeNull();
    expect(decideMatch(whiteBox('00:d8:61:aa:bb:01'), [stored])).toMatchObject({ assetId: 'asset-wb', level: 'mac', reason: 'même adresse MAC (00:d8:61:aa:bb:01)' });
  });

  it('follows the precedence uuid+serial > serial > uuid > MAC > agent id', () => {
    const bySerial: MatchCandidate = { id: 's', uuid: null, serial: '9e113232i', macs: [], deviceId: null, name: null };
    const byUuid: MatchCandidate = { id: 'u', uuid: laptop.uuid, serial: null, macs: [], deviceId: null, name: null };
    const byMac: MatchCandidate = { id: 'm', uuid: null, serial: null, macs: ['B8-6B-23-E0-5C-91'], deviceId: null, name: null };
    const byAgent: MatchCandidate = { id: 'd', uuid: null, serial: null, macs: [], deviceId: laptop.deviceId, name: null };
    expect(decideMatch(laptop, [byAgent, byMac, byUuid, bySerial])).toMatchObject({ assetId: 's', level: 'serial', reason: 'même numéro de série (9E113232I)' });
    expect(decideMatch(laptop, [byAgent, byMac, byUuid])).toMatchObject({ assetId: 'u', level: 'uuid' });
    expect(decideMatch(laptop, [byAgent, byMac])).toMatchObject({ assetId: 'm', level: 'mac' });
    expect(decideMatch(laptop, [byAgent])).toMatchObject({ assetId: 'd', level: 'deviceId', reason: "même identifiant d'agent (LF014-2016-06-13-14-03-53)" });
  });

  it('keeps the serial over a changed UUID (motherboard replaced under warranty)', () => {
    const repaired = { ...laptop, uuid: '11111111-2222-3333-4444-555555555555' };
    expect(decideMatch(repaired, [known])).toMatchObject({ assetId: 'asset-1', level: 'serial', reason: expect.stringContaining('carte mère remplacée') });
  });

  it('refuses a weaker key against a stronger one that disagrees (a USB adapter moved between laptops)', () => {
    const otherLaptop = machine({ serial: 'PF3XK2QA', uuid: null, networks: [nic('b8:6b:23:e0:5c:91', 'enx-usb')] });
    const decision = decideMatch(otherLaptop, [known]);
    expect(decision.assetId).toBeNull();
    expect(decision.reason).toBe("adresse MAC b8:6b:23:e0:5c:91 commune avec l'équipement asset-1, mais numéro de série différent : nouvel équipement");
  });

  it('recognises a VM without serial, UUID or stable MAC by its agent id only, across a rename', () => {
    const vm = report(fusionFile);
    const stored = storedAs('vm-1', vm);
    expect(decideMatch({ ...vm, name: 'vm-renamed' }, [stored])).toMatchObject({ assetId: 'vm-1', level: 'deviceId' });
    expect(decideMatch({ ...vm, deviceId: 'vm-2027-01-01-00-00-00' }, [stored]).assetId).toBeNull();
  });

  it("never matches network devices on the scanning agent's id", () => {
    // 9.xml and 11.xml: a home server and a printer found by the same agent (same DEVICEID)
    const server = report('glpi-inventory-format/xml/9.xml');
    const printer = report('glpi-inventory-format/xml/11.xml');
    expect(server.deviceId).toBe(printer.deviceId);
    expect(matchKeys(printer).deviceId).toBeNull();
    expect(decideMatch(printer, [storedAs('asset-ha', server)]).assetId).toBeNull();
    // a switch is still recognised by its serial across inventories
    const ucs = report('glpi-inventory-format/xml/7.xml');
    expect(decideMatch(report('glpi-inventory-format/xml/6.xml'), [storedAs('asset-ucs', ucs)])).toMatchObject({ assetId: 'asset-ucs', level: 'serial' });
  });

  it('picks one of duplicates deterministically and names the others', () => {
    const a = { ...known, id: 'asset-b', deviceId: null };
    const b = { ...known, id: 'asset-a', deviceId: null };
    const decision = decideMatch(laptop, [a, b]);
    expect(decision).toMatchObject({ assetId: 'asset-a', ambiguousWith: ['asset-b'] });
    expect(decision.reason).toContain('doublon à vérifier');
    expect(decideMatch(laptop, [a, { ...b, deviceId: laptop.deviceId }]).assetId).toBe('asset-a');
  });

  it('answers "new machine" when nothing is known', () => {
    expect(decideMatch(laptop, [])).toEqual({ assetId: null, level: null, reason: 'aucun équipement connu ne correspond : nouvel équipement', ambiguousWith: [] });
  });
});
