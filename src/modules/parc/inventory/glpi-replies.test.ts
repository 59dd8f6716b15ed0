import { describe, expect, it } from 'vitest';
import { contactReply, GLPI_FORMAT_VERSION, glpiErrorReply, glpiPrologReply, inventoryOkReply, pendingReply } from './glpi-replies.js';

describe('GLPI Agent replies', () => {
  it('answers CONTACT with status, expiration in hours and the inventory task, disabling the others', () => {
    expect(JSON.parse(contactReply({ enabledTasks: ['inventory', 'Deploy', 'netdiscovery'] }))).toEqual({
      status: 'ok',
      expiration: 24,
      tasks: { inventory: { server: 'glpi', version: GLPI_FORMAT_VERSION } },
      disabled: ['deploy', 'netdiscovery'],
      message: 'deploy task not supported;netdiscovery task not supported',
    });
    expect(JSON.parse(contactReply({ enabledTasks: ['inventory'], expirationHours: 12 }))).toEqual({
      status: 'ok',
      expiration: 12,
      tasks: { inventory: { server: 'glpi', version: GLPI_FORMAT_VERSION } },
    });
  });

  it('keeps expiration above 0, without which GLPI Agent rejects a CONTACT answer', () => {
    expect(JSON.parse(contactReply({ enabledTasks: [], expirationHours: 0 })).expiration).toBe(1);
  });

  it('answers the PROLOG of GLPI Agent in JSON, which moves it to its own protocol', () => {
    expect(JSON.parse(glpiPrologReply())).toEqual({ status: 'ok', expiration: 24 });
  });

  it('acknowledges an inventory, asks to come back later, or reports an error', () => {
    expect(JSON.parse(inventoryOkReply())).toEqual({ status: 'ok', expiration: 24 });
    expect(JSON.parse(pendingReply(30))).toEqual({ status: 'pending', expiration: '30s' });
    expect(JSON.parse(glpiErrorReply("L'inventaire <b>est</b> refusé"))).toEqual({
      status: 'error',
      message: "L'inventaire <b>est</b> refusé",
      expiration: 24,
    });
  });
});
