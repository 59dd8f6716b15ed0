// Preloaded into a bench's server process (node --import): on SIGUSR2 it writes the process's own
// memory figures, after a full garbage collection, as JSON to COHERENCE_BENCH_MEMORY_FILE. The
// heap's live size can only be read from inside the process (/proc says RSS, not what V8 holds).
// Plain JavaScript: the server it goes into runs compiled, without tsx.
import { writeFileSync } from 'node:fs';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const file = process.env.COHERENCE_BENCH_MEMORY_FILE;
if (file) {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  process.on('SIGUSR2', () => {
    const before = process.memoryUsage();
    gc();
    const after = process.memoryUsage();
    const mb = (bytes) => Math.round((bytes / 1048576) * 10) / 10;
    writeFileSync(
      file,
      JSON.stringify({
        rss: mb(before.rss),
        heapUsed: mb(before.heapUsed),
        heapUsedAfterGc: mb(after.heapUsed),
        heapTotal: mb(after.heapTotal),
        external: mb(after.external),
        arrayBuffers: mb(after.arrayBuffers),
        malloced: mb(getHeapStatistics().malloced_memory),
      }),
    );
  });
}
