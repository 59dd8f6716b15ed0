import { Socket } from 'node:net';

/**
 * ClamAV's clamd, INSTREAM over TCP: `zINSTREAM\0`, then chunks each prefixed by its length on
 * four bytes (big-endian), a zero length to end; clamd answers `stream: OK` or
 * `stream: <signature> FOUND` (NUL-terminated with the z prefix).
 */

export type ScanVerdict = { status: 'clean' } | { status: 'infected'; signature: string } | { status: 'error'; message: string };

const chunkBytes = 64 * 1024;

export function parseClamdAddress(value: string): { host: string; port: number } {
  const match = /^(.+):(\d{1,5})$/.exec(value.trim());
  if (!match) throw new Error(`COHERENCE_CLAMD attend hôte:port, pas « ${value} ».`);
  return { host: match[1]!, port: Number(match[2]) };
}

export function scanWithClamd(address: string, bytes: Uint8Array, timeoutMs = 30_000): Promise<ScanVerdict> {
  const { host, port } = parseClamdAddress(address);
  return new Promise((resolve) => {
    const socket = new Socket();
    const received: Buffer[] = [];
    let settled = false;
    const finish = (verdict: ScanVerdict) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(verdict);
    };
    socket.setTimeout(timeoutMs, () => finish({ status: 'error', message: 'L’antivirus n’a pas répondu à temps.' }));
    socket.on('error', (error) => finish({ status: 'error', message: `Antivirus injoignable (${error.message}).` }));
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('end', () => finish(verdictOf(Buffer.concat(received).toString('utf8'))));
    socket.connect(port, host, () => {
      socket.write('zINSTREAM\0');
      for (let offset = 0; offset < bytes.byteLength; offset += chunkBytes) {
        const chunk = bytes.subarray(offset, Math.min(offset + chunkBytes, bytes.byteLength));
        const size = Buffer.alloc(4);
        size.writeUInt32BE(chunk.byteLength);
        socket.write(size);
        socket.write(chunk);
      }
      socket.write(Buffer.alloc(4));
    });
  });
}

export function verdictOf(answer: string): ScanVerdict {
  const text = answer.replace(/\0/g, '').trim();
  if (/^stream: OK$/.test(text)) return { status: 'clean' };
  const found = /^stream: (.+) FOUND$/.exec(text);
  if (found) return { status: 'infected', signature: found[1]! };
  return { status: 'error', message: `Réponse inattendue de l’antivirus : ${text.slice(0, 200) || '(vide)'}.` };
}
