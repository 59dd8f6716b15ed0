import { createDeflate, createGzip, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeBody, encodeReply } from './decode-body.js';
import { capturedExchanges, fixtureBytes, refusal } from './testing/fixtures.js';

const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<REQUEST><QUERY>PROLOG</QUERY><DEVICEID>pc-é-2024</DEVICEID></REQUEST>';
const json = '{"action":"contact","deviceid":"pc-é-2024","enabled-tasks":["inventory"]}';

/** `size` bytes of zeros compressed as a stream, without ever holding them in memory. */
async function bomb(kind: 'zlib' | 'gzip', size: number): Promise<Buffer> {
  const stream = kind === 'zlib' ? createDeflate({ level: 9 }) : createGzip({ level: 9 });
  const parts: Buffer[] = [];
  stream.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise((resolve) => stream.on('end', resolve));
  const zeros = Buffer.alloc(1 << 20);
  for (let written = 0; written < size; written += zeros.length) stream.write(zeros);
  stream.end();
  await done;
  return Buffer.concat(parts);
}

describe('decodeBody', () => {
  it('reads the bodies the real agents sent, by their magic bytes', () => {
    for (const exchange of capturedExchanges) {
      const decoded = decodeBody(fixtureBytes(`agents/${exchange.file}`), exchange.request.contentType);
      expect(decoded.format).toBe('xml');
      expect(decoded.encoding).toBe(exchange.file.endsWith('.zlib') ? 'zlib' : 'plain');
      expect(decoded.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8" ?\?>\s*<REQUEST>/);
    }
    const ocs = capturedExchanges.find((e) => e.file === 'ocsinventory-2.10-inventory.zlib')!;
    expect(ocs.request.contentType).toBe('application/x-compress');
    expect(decodeBody(fixtureBytes('agents/ocsinventory-2.10-inventory.zlib'), 'application/x-compress').text).toHaveLength(345_885);
  });

  it.each(['zlib', 'gzip', 'deflate-raw', 'plain'] as const)('round-trips %s, in XML and in JSON', (encoding) => {
    for (const text of [xml, json]) {
      const reply = encodeReply(text, encoding);
      const decoded = decodeBody(reply.body, reply.contentType);
      expect(decoded).toEqual({ text, encoding, format: text.startsWith('{') ? 'json' : 'xml', charset: 'utf-8' });
    }
  });

  it('answers zlib with the 78 9C header, the only one FusionInventory recognises, and names each encoding', () => {
    expect(encodeReply(xml, 'zlib').body.subarray(0, 2).toString('hex')).toBe('789c');
    expect(encodeReply(xml, 'zlib').contentType).toBe('application/x-compress-zlib');
    expect(encodeReply(xml, 'gzip').contentType).toBe('application/x-compress-gzip');
    expect(encodeReply(json, 'plain').contentType).toBe('application/json; charset=utf-8');
    expect(encodeReply(xml, 'plain').contentType).toBe('application/xml; charset=utf-8');
  });

  it('trusts the bytes over the content type, as the agents do', () => {
    // the OCS agent labels its body application/x-compress even when Perl lacks Compress::Zlib
    expect(decodeBody(Buffer.from(xml), 'application/x-compress').encoding).toBe('plain');
    expect(decodeBody(deflateSync(json), 'application/json').encoding).toBe('zlib');
    expect(decodeBody(gzipSync(xml), undefined).encoding).toBe('gzip');
    expect(decodeBody(gzipSync(xml), 'application/x-compress-zlib; charset=binary').encoding).toBe('gzip');
    expect(decodeBody(deflateRawSync(xml), 'application/x-compress-deflate').encoding).toBe('deflate-raw');
    expect(decodeBody(Buffer.from(`\uFEFF  ${json}`), 'text/plain').text).toBe(`  ${json}`);
  });

  it('reads a body that is not UTF-8 as Windows-1252 (old Windows agents)', () => {
    const decoded = decodeBody(Buffer.from('<REQUEST><NAME>Collège – salle 12</NAME></REQUEST>', 'latin1'), 'application/xml');
    expect(decoded.charset).toBe('windows-1252');
    expect(decoded.text).toContain('Collège');
  });

  it('refuses with the right status what is not an inventory message', () => {
    expect(refusal(() => decodeBody(Buffer.from(xml), 'image/png'))).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', status: 415 });
    expect(refusal(() => decodeBody(Buffer.from(xml), 'multipart/form-data; boundary=x')).status).toBe(415);
    expect(refusal(() => decodeBody(Buffer.alloc(0), 'application/xml'))).toMatchObject({ status: 400, message: expect.stringContaining('vide') });
    expect(refusal(() => decodeBody(Buffer.from('GIF89a'), undefined))).toMatchObject({ status: 400, message: expect.stringContaining('ni du XML ni du JSON') });
    const big = refusal(() => decodeBody(Buffer.alloc(2048, 0x20), 'application/xml', { maxBodyBytes: 1024 }));
    expect(big).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
  });

  it('refuses a truncated compressed body (400) and a corrupted one', () => {
    const whole = fixtureBytes('agents/fusioninventory-2.6-inventory.zlib');
    const truncated = refusal(() => decodeBody(whole.subarray(0, whole.length - 100), 'application/x-compress-zlib'));
    expect(truncated).toMatchObject({ status: 400, message: expect.stringContaining('tronqué') });
    const gzip = gzipSync(xml);
    expect(refusal(() => decodeBody(gzip.subarray(0, 20), 'application/x-compress-gzip')).message).toContain('tronqué');
    const corrupted = Buffer.from(gzip);
    corrupted[corrupted.length - 6] ^= 0xff; // CRC
    expect(refusal(() => decodeBody(corrupted, undefined))).toMatchObject({ status: 400, message: expect.stringContaining('illisible') });
  });

  describe('decompression bombs', () => {
    let zlibBomb: Buffer;
    let gzipBomb: Buffer;
    beforeAll(async () => {
      zlibBomb = await bomb('zlib', 1 << 30);
      gzipBomb = await bomb('gzip', 256 << 20);
    });

    it('refuses 1 GiB of zeros compressed to 1 MiB with 413, quickly and without allocating it', () => {
      expect(zlibBomb.length).toBeLessThan(1.1 * 1024 * 1024);
      const before = process.memoryUsage().rss;
      const started = performance.now();
      const error = refusal(() => decodeBody(zlibBomb, 'application/x-compress-zlib'));
      const elapsed = performance.now() - started;
      const growth = process.memoryUsage().rss - before;
      expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413, message: expect.stringContaining('16 Mio') });
      expect(elapsed).toBeLessThan(2_000);
      expect(growth).toBeLessThan(200 * 1024 * 1024);
    });

    it('stops a gzip bomb at the configured limit', () => {
      const error = refusal(() => decodeBody(gzipBomb, 'application/x-compress-gzip', { maxDecodedBytes: 1 << 20 }));
      expect(error).toMatchObject({ status: 413, details: { limitBytes: 1 << 20 } });
    });
  });
});
