import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * Where a V8 CPU profile's time went (the server's, written with COHERENCE_BENCH_CPU_PROF): self
 * time by function, by package or source folder, and total time (self and below) of the functions
 * named with --focus.
 *
 *   tsx bench/lib/profile-summary.ts <file.cpuprofile> [--top 40] [--focus name,name]
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const where = (url: string) => {
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  const source = /\/(src\/[^/]+\/[^/]+|build\/[^/]+|bench)\//.exec(url);
  if (source) return source[1];
  return url.startsWith('node:') ? url.split('/')[0] : url || '(V8)';
};

export function summarize(profile: Profile, top: number, focus: string[]): string {
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let totalUs = 0;
  let idleUs = 0;
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    totalUs += us;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') idleUs += us;
    const key = `${functionName || '(anonyme)'} ${url.replace(/^.*\/(node_modules|src|build)\//, '$1/')}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    byPlace.set(where(url), (byPlace.get(where(url)) ?? 0) + us);
  }
  const busy = totalUs - idleUs;
  const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
  const lines = [`occupé ${(busy / 1000).toFixed(0)} ms sur ${(totalUs / 1000).toFixed(0)} ms`, '', 'temps propre par lieu :'];
  for (const [place, us] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, 25)) lines.push(`${pct(us)}  ${place}`);
  lines.push('', 'temps propre par fonction :');
  for (const [name, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`${pct(us)}  ${name}`);
  if (focus.length) {
    // total time: each sample counted once for every focused function on its stack
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const totals = new Map<string, number>();
    for (const [id, us] of selfUs) {
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const name = byId.get(at)!.callFrame.functionName;
        if (focus.includes(name) && !seen.has(name)) {
          seen.add(name);
          totals.set(name, (totals.get(name) ?? 0) + us);
        }
      }
    }
    lines.push('', 'temps total (propre et appelés) :');
    for (const name of focus) lines.push(`${pct(totals.get(name) ?? 0)}  ${name}`);
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const profile = JSON.parse(readFileSync(args[0], 'utf8')) as Profile;
  process.stdout.write(`${summarize(profile, Number(option('--top')) || 40, (option('--focus') ?? '').split(',').filter(Boolean))}\n`);
}
