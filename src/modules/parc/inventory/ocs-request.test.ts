import { describe, expect, it } from 'vitest';
import { decodeBody } from './decode-body.js';
import { isOcsArrayPath, parseOcsRequest } from './ocs-request.js';
import { fixtureBytes, fixtureText, fusionFile, refusal, xmlExamples } from './testing/fixtures.js';

describe('parseOcsRequest', () => {
  it('reads the PROLOG of FusionInventory (with its TOKEN) and of the OCS agent', () => {
    const fusion = parseOcsRequest(decodeBody(fixtureBytes('agents/fusioninventory-2.6-prolog.zlib'), 'application/x-compress-zlib').text);
    expect(fusion).toEqual({ query: 'PROLOG', deviceId: 'vm-2026-11-24-21-54-28', token: '12345678', itemType: null, content: null });
    const ocs = parseOcsRequest(decodeBody(fixtureBytes('agents/ocsinventory-2.10-prolog.zlib'), 'application/x-compress').text);
    expect(ocs).toMatchObject({ query: 'PROLOG', deviceId: 'vm-2026-11-24-21-55-31', token: null });
  });

  it('reads every XML fixture, with repeatable sections as lists', () => {
    const queries = xmlExamples.map((path) => parseOcsRequest(fixtureText(path)).query);
    expect(queries.filter((q) => q === 'INVENTORY')).toHaveLength(8);
    expect(queries.filter((q) => q === 'SNMPQUERY' || q === 'SNMP')).toHaveLength(8);
    expect(queries.filter((q) => q === 'NETDISCOVERY')).toHaveLength(4);
    const request = parseOcsRequest(fixtureText(fusionFile));
    expect(request.query).toBe('INVENTORY');
    expect(request.deviceId).toBe('vm-2026-11-24-06-15-54');
    expect(request.content?.softwares).toHaveLength(900);
    expect(Array.isArray(request.content?.cpus)).toBe(true); // a single CPU is still a list
    expect(Array.isArray(request.content?.hardware)).toBe(false);
    expect(parseOcsRequest(fixtureText('glpi-inventory-format/xml/13.xml')).itemType).toBe('Computer');
  });

  it('knows which paths are lists', () => {
    expect(isOcsArrayPath('REQUEST.CONTENT.SOFTWARES')).toBe(true);
    expect(isOcsArrayPath('REQUEST.CONTENT.BIOS')).toBe(false);
    expect(isOcsArrayPath('REQUEST.CONTENT.DEVICE')).toBe(true);
    expect(isOcsArrayPath('REQUEST.CONTENT.DEVICE.INFO')).toBe(false);
    expect(isOcsArrayPath('REQUEST.CONTENT.DEVICE.FIRMWARES')).toBe(true);
    expect(isOcsArrayPath('REQUEST.CONTENT.DEVICE.INFO.IPS.IP')).toBe(true);
    expect(isOcsArrayPath('REQUEST.CONTENT.HARDWARE.NAME')).toBe(false);
  });

  it('keeps HTML and SQL in DEVICEID verbatim, as text', () => {
    const deviceId = `<script>alert(1)</script>'; DROP TABLE parc.assets; --`;
    const escaped = deviceId.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const request = parseOcsRequest(`<REQUEST><QUERY>PROLOG</QUERY><DEVICEID>${escaped}</DEVICEID></REQUEST>`);
    expect(request.deviceId).toBe(deviceId);
  });

  it('defaults QUERY to INVENTORY as GLPI does, and refuses what is not an agent request', () => {
    expect(parseOcsRequest('<REQUEST><DEVICEID>a</DEVICEID><CONTENT><HARDWARE><NAME>x</NAME></HARDWARE></CONTENT></REQUEST>').query).toBe('INVENTORY');
    expect(refusal(() => parseOcsRequest('<html><body>hello</body></html>'))).toMatchObject({ status: 400, message: expect.stringContaining('<REQUEST>') });
    expect(refusal(() => parseOcsRequest('<REQUEST><QUERY>PROLOG</QUERY></REQUEST>')).message).toContain('DEVICEID');
    expect(refusal(() => parseOcsRequest(`<REQUEST><QUERY>PROLOG</QUERY><DEVICEID>${'x'.repeat(256)}</DEVICEID></REQUEST>`)).status).toBe(400);
    expect(refusal(() => parseOcsRequest('<REQUEST><QUERY>INVENTORY</QUERY><DEVICEID>a</DEVICEID></REQUEST>')).message).toContain('CONTENT');
    expect(refusal(() => parseOcsRequest('<REQUEST><QUERY>DOWNLOAD</QUERY><DEVICEID>a</DEVICEID></REQUEST>'))).toMatchObject({ status: 422 });
    expect(refusal(() => parseOcsRequest('<REQUEST><DEVICEID>a</DEVICEID></REQUEST><REQUEST/>')).status).toBe(400);
  });
});
