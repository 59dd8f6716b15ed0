import { inArray } from 'drizzle-orm';
import type { Db } from '../../../server/platform/db.js';
import { users } from '../db/schema.js';

/**
 * The current addresses of people, for the mail job: a notification names its recipient by id,
 * and the address is read when the mail leaves, so a changed address is the one used.
 */
export async function userEmails(db: Db, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const found = await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, [...userIds]));
  return new Map(found.map((u) => [u.id, u.email]));
}
