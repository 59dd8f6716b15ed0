import { describe, expect, it } from 'vitest';
import { parseGlpiMessage } from './glpi-request.js';
import { refusal } from './testing/fixtures.js';

describe('parseGlpiMessage', () => {
  it('reads a CONTACT as GLPI Agent sends it', () => {
    const contact = {
      action: 'contact',
      deviceid: 'pc-cdi-01-2024-09-02-08-00-00',
      name: 'GLPI-Agent',
      version: '1.11',
      'installed-tasks': ['Inventory', 'NetDiscovery', 'Deploy'],
      'enabled-tasks': ['inventory', 'deploy'],
      tag: '0590001A',
      'httpd-port': 62354,
    };
    expect(parseGlpiMessage(JSON.stringify(contact))).toEqual({
      action: 'contact',
      deviceId: 'pc-cdi-01-2024-09-02-08-00-00',
      tag: '0590001A',
      enabledTasks: ['inventory', 'deploy'],
      agentName: 'GLPI-Agent',
      agentVersion: '1.11',
    });
  });

  it('takes a message without action for an inventory', () => {
    const message = parseGlpiMessage('{"deviceid":"a","content":{"versionclient":"x"}}');
    expect(message).toMatchObject({ action: 'inventory', deviceId: 'a' });
  });

  it('refuses malformed JSON and incomplete messages with 400, unknown actions with 422', () => {
    expect(refusal(() => parseGlpiMessage('{"deviceid": "a",'))).toMatchObject({ status: 400, message: expect.stringContaining('mal formé') });
    expect(refusal(() => parseGlpiMessage('[1,2]')).status).toBe(400);
    expect(refusal(() => parseGlpiMessage('{"action":"contact"}')).message).toContain('deviceid');
    expect(refusal(() => parseGlpiMessage(JSON.stringify({ deviceid: 'x'.repeat(256) }))).status).toBe(400);
    expect(refusal(() => parseGlpiMessage('{"action":"deploy","deviceid":"a"}'))).toMatchObject({ status: 422 });
  });

  it('keeps markup in deviceid verbatim, and removes NUL characters PostgreSQL cannot store', () => {
    expect(parseGlpiMessage('{"action":"contact","deviceid":"<b>x</b>\\u0000"}').deviceId).toBe('<b>x</b>');
  });
});
