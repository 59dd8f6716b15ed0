import { sql } from 'drizzle-orm';
import { openDatabase, rows } from '../../../server/platform/db.js';
import { actorCtx } from '../../access/testing.js';
import { createTicket } from '../operations/create-ticket.js';

const url = process.argv[2];
const database = await openDatabase({ url, poolSize: 20 });
const [admin] = await rows<{ id: string }>(database.db, sql`select id from access.users where email = 'admin@banc-guichet.coherence.fr'`);
const ctx = await actorCtx(database.db, admin.id, 'banc-guichet');
const uais = (await rows<{ uai: string }>(database.db, sql`select uai from referentiel.establishments limit 360`)).map((r) => r.uai);
const body = () => ({ uai: uais[Math.floor(Math.random() * uais.length)], title: 'Appel', description: 'Le poste ne démarre plus.', type: 'incident' as const, channel: 'phone' as const, category: 'devices', urgency: 3, impact: 3, requester: { name: 'Banc' } });
for (const concurrency of [1, 16]) {
  let done = 0;
  const start = performance.now();
  const end = start + 5000;
  await Promise.all(Array.from({ length: concurrency }, async () => { while (performance.now() < end) { await createTicket(ctx, body()); done++; } }));
  console.log(`concurrency ${concurrency}: ${(done / ((performance.now() - start) / 1000)).toFixed(0)} creations/s`);
}
await database.close();
