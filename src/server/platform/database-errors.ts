/**
 * The database's own error behind whatever wraps it (drizzle's "Failed query: …" error carries
 * the driver's error, with its SQLSTATE, as `cause`; PostgreSQL and PGlite alike), or null when
 * no error in the chain has a SQLSTATE.
 */
export function databaseErrorOf(error: unknown): { code: string; message: string } | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return { code, message: current instanceof Error ? current.message : String(current) };
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** Whether the database refused with this SQLSTATE (23505 unique key, 23503 foreign key, 40P01 deadlock…). */
export function isDatabaseError(error: unknown, ...codes: string[]): boolean {
  const found = databaseErrorOf(error);
  return found !== null && codes.includes(found.code);
}
