import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanWithClamd, verdictOf } from './clamd.js';

/** A tiny clamd speaking INSTREAM: it reads the length-prefixed chunks and flags the EICAR string. */
let server: Server;
let address = '';

beforeAll(async () => {
  server = createServer((socket) => {
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const command = 'zINSTREAM\0';
      if (buffer.length < command.length) return;
      let offset = command.length;
      const parts: Buffer[] = [];
      while (buffer.length >= offset + 4) {
        const size = buffer.readUInt32BE(offset);
        if (size === 0) {
          const body = Buffer.concat(parts).toString('latin1');
          socket.end(body.includes('EICAR-STANDARD-ANTIVIRUS-TEST-FILE') ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0');
          return;
        }
        if (buffer.length < offset + 4 + size) return;
        parts.push(buffer.subarray(offset + 4, offset + 4 + size));
        offset += 4 + size;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const info = server.address() as { port: number };
  address = `127.0.0.1:${info.port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('clamd INSTREAM', () => {
  it('passes a clean file and names the signature of an infected one, in chunks', async () => {
    expect(await scanWithClamd(address, Buffer.alloc(200_000, 65))).toEqual({ status: 'clean' });
    const eicar = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*');
    expect(await scanWithClamd(address, eicar)).toEqual({ status: 'infected', signature: 'Eicar-Test-Signature' });
  });

  it('reports an unreachable scanner and an unexpected answer', async () => {
    expect((await scanWithClamd('127.0.0.1:1', Buffer.from('x'))).status).toBe('error');
    expect(verdictOf('INSTREAM size limit exceeded. ERROR\0')).toMatchObject({ status: 'error' });
  });
});
