import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { processCpuMs } from './lib/inventory-cpu.js';

/** The floor: COPY of the file as is into an unindexed table of 69 text columns, no parsing in JS. */
const copyOptions = "(FORMAT csv, DELIMITER ';', HEADER true)";

function createTable(columns: number): string {
  const list = Array.from({ length: columns }, (_, i) => `c${i + 1} text`).join(', ');
  return `DROP TABLE IF EXISTS bench_raw; CREATE TABLE bench_raw (${list})`;
}

function withoutBom(bytes: Uint8Array): Uint8Array {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

export async function rawCopyPglite(bytes: Uint8Array, columns: number): Promise<number> {
  const client = await PGlite.create();
  try {
    await client.exec(createTable(columns));
    const blob = new Blob([withoutBom(bytes).slice()]);
    const start = performance.now();
    await client.query(`COPY bench_raw FROM '/dev/blob' WITH ${copyOptions}`, [], { blob });
    return performance.now() - start;
  } finally {
    await client.close();
  }
}

/** Wall time of the COPY, and the CPU its backend spent (read from /proc when the server is local). */
export async function rawCopyServerCpu(url: string, bytes: Uint8Array, columns: number): Promise<{ ms: number; cpuMs: number | null }> {
  const { from } = await import('pg-copy-streams');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(createTable(columns));
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const cpuBefore = processCpuMs(rows[0].pid);
    const start = performance.now();
    const stream = client.query(from(`COPY bench_raw FROM STDIN WITH ${copyOptions}`));
    await new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
      stream.end(Buffer.from(withoutBom(bytes)));
    });
    const ms = performance.now() - start;
    const cpuAfter = processCpuMs(rows[0].pid);
    await client.query('DROP TABLE bench_raw');
    return { ms, cpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
  } finally {
    await client.end();
  }
}

export async function rawCopyServer(url: string, bytes: Uint8Array, columns: number): Promise<number> {
  const { from } = await import('pg-copy-streams');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(createTable(columns));
    const start = performance.now();
    const stream = client.query(from(`COPY bench_raw FROM STDIN WITH ${copyOptions}`));
    await new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
      stream.end(Buffer.from(withoutBom(bytes)));
    });
    const elapsed = performance.now() - start;
    await client.query('DROP TABLE bench_raw');
    return elapsed;
  } finally {
    await client.end();
  }
}
