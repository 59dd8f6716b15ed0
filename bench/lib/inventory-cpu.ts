import { readdirSync, readFileSync } from 'node:fs';
import type pg from 'pg';

/**
 * CPU time spent by the server process and by the PostgreSQL backends of the bench database, read
 * from /proc (Linux). On a shared machine the rates measured depend on what else runs; the CPU
 * spent per inventory does not, and tells what the same code would do on free cores.
 */
const ticksPerMs = 100 / 1000; // CLK_TCK = 100 on Linux

/** User + system CPU of a local process, null when it is not readable (another machine). */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerMs; // utime + stime
  } catch {
    return null;
  }
}

/** The server started by bench/lib/server.ts: a child of this process running build/server/main.js (or src/server/main.ts through tsx). */
export function serverPid(): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      if (/server\/main\.(js|ts)/.test(readFileSync(`/proc/${entry}/cmdline`, 'utf8'))) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

export interface CpuSnapshot {
  server: number;
  backends: Map<number, number>;
}

export interface CpuSpent {
  serverMs: number;
  /** The server's connections (client backends). */
  databaseMs: number;
  /** Autovacuum workers of the bench database: deferred cost of the writes, charged to the phase it falls in. */
  vacuumMs: number;
}

export class CpuMeter {
  constructor(
    private readonly pid: number | null,
    private readonly client: pg.Client,
    private readonly database: string,
    /**
     * Only the backends of this application_name (a server started with PGAPPNAME set) and the
     * autovacuum workers: two servers on one database are then each charged their own queries only.
     */
    private readonly applicationName?: string,
  ) {}

  get available() {
    return this.pid !== null;
  }

  private readonly vacuumPids = new Set<number>();

  private async backends(): Promise<Map<number, number>> {
    const found = await this.client.query<{ pid: number; type: string | null }>(
      `select pid, backend_type as type from pg_stat_activity
        where datname = $1 and pid <> pg_backend_pid() and ($2::text is null or application_name = $2 or backend_type is distinct from 'client backend')`,
      [this.database, this.applicationName ?? null],
    );
    const out = new Map<number, number>();
    for (const { pid, type } of found.rows) {
      const ms = processCpuMs(pid);
      if (ms === null) continue;
      out.set(pid, ms);
      // a session of another role (autovacuum runs as the superuser) hides its type: not the server's
      if (type === null || type.startsWith('autovacuum')) this.vacuumPids.add(pid);
    }
    return out;
  }

  async snapshot(): Promise<CpuSnapshot> {
    return { server: this.pid === null ? 0 : (processCpuMs(this.pid) ?? 0), backends: await this.backends() };
  }

  /** CPU spent since a snapshot (a backend that started since counts from zero). */
  async since(start: CpuSnapshot): Promise<CpuSpent> {
    const now = await this.snapshot();
    let databaseMs = 0;
    let vacuumMs = 0;
    for (const [pid, ms] of now.backends) {
      const spent = ms - (start.backends.get(pid) ?? 0);
      if (this.vacuumPids.has(pid)) vacuumMs += spent;
      else databaseMs += spent;
    }
    return { serverMs: now.server - start.server, databaseMs, vacuumMs };
  }
}
