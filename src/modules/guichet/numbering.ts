import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../server/platform/db.js';

/**
 * Ticket numbers per tenant, handed out in blocks (hi/lo): one statement reserves `blockSize`
 * numbers on the counter row, outside the ticket's transaction, and this process hands them out
 * from memory. Creations never wait on each other's transactions; numbers are unique, increasing
 * within a process, and a restart leaves at most one block unused (gaps, as with a sequence).
 */

const blockSize = 20;
const blocks = new WeakMap<Db, Map<string, { next: number; end: number }>>();

export async function nextTicketNumber(db: Db, tenantId: string): Promise<number> {
  let perDb = blocks.get(db);
  if (!perDb) blocks.set(db, (perDb = new Map()));
  const block = perDb.get(tenantId);
  if (block && block.next < block.end) return block.next++;
  const [row] = await rows<{ next: string | number }>(
    db,
    sql`insert into guichet.ticket_counters (tenant_id, next_number) values (${tenantId}, ${1 + blockSize})
        on conflict (tenant_id) do update set next_number = guichet.ticket_counters.next_number + ${blockSize}
        returning next_number as next`,
  );
  const end = Number(row.next);
  const fresh = { next: end - blockSize, end };
  perDb.set(tenantId, fresh);
  return fresh.next++;
}
