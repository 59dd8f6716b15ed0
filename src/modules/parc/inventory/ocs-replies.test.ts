import { describe, expect, it } from 'vitest';
import { inventoryReply, ocsErrorReply, prologReply } from './ocs-replies.js';
import { parseXml } from './parse-xml.js';
import { capturedExchanges } from './testing/fixtures.js';

const read = (xml: string) => parseXml(xml) as { REPLY: Record<string, string> };

describe('OCS / FusionInventory replies', () => {
  it('asks for the inventory after PROLOG, with the next contact in hours', () => {
    expect(read(prologReply()).REPLY).toEqual({ RESPONSE: 'SEND', PROLOG_FREQ: '24' });
    expect(read(prologReply({ prologFreqHours: 12 })).REPLY.PROLOG_FREQ).toBe('12');
    expect(read(prologReply({ inventoryRequested: false })).REPLY.RESPONSE).toBe('STOP');
  });

  it('acknowledges an inventory without asking the OCS agent to rewrite its account info', () => {
    expect(read(inventoryReply()).REPLY).toEqual({ RESPONSE: 'NO_ACCOUNT_UPDATE' });
  });

  it('escapes an error message, which reads back as written', () => {
    expect(ocsErrorReply('a<b & "c"')).toContain('<ERROR>a&lt;b &amp; &quot;c&quot;</ERROR>');
    expect(read(ocsErrorReply('<b>DEVICEID</b> & "x"')).REPLY.ERROR).toBe('<b>DEVICEID</b> & "x"');
  });

  it('are the answers the real Debian agents accepted when the fixtures were captured', () => {
    const bodies = new Set(capturedExchanges.map((e) => e.reply.body));
    expect(bodies).toEqual(new Set([prologReply(), inventoryReply()]));
    for (const exchange of capturedExchanges) {
      expect(exchange.reply.status).toBe(200);
      expect(exchange.reply.contentType).toBe(exchange.file.endsWith('.zlib') ? 'application/x-compress-zlib' : 'application/xml; charset=utf-8');
    }
  });
});
