import { randomFillSync } from 'node:crypto';

/**
 * A UUID of version 7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits. Tickets are
 * keyed (tenant_id, id): random version-4 ids land anywhere in that index, so at a thousand
 * tickets a second each insert touches (and after a checkpoint logs in full) a different page;
 * time-ordered ids are appended where the last ones went. Any UUID is still accepted as an id.
 */
const buffer = Buffer.alloc(16);

/**
 * Random bytes drawn 409 ids at a time (as crypto.randomUUID keeps its own pool): one call into
 * the system's generator per id was 2 % of a ticket creation's CPU.
 */
const poolBytes = 10 * 409;
const pool = Buffer.alloc(poolBytes);
let poolAt = poolBytes;

export function uuidv7(at: number = Date.now()): string {
  if (poolAt === poolBytes) {
    randomFillSync(pool);
    poolAt = 0;
  }
  pool.copy(buffer, 6, poolAt, poolAt + 10);
  poolAt += 10;
  buffer.writeUIntBE(at, 0, 6);
  buffer[6] = 0x70 | (buffer[6] & 0x0f);
  buffer[8] = 0x80 | (buffer[8] & 0x3f);
  const hex = buffer.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
