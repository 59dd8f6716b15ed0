import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The lycées open data shipped with the application (fixtures/annuaire, Licence Ouverte 2.0, see LICENCE.md there). */
const shippedFile = fileURLToPath(new URL('../../../../fixtures/annuaire/lycees-2025.json', import.meta.url));

interface LyceeLine {
  uai: string;
  type: string; // GT | Pro
  ips?: number | null;
  presents?: number | null;
}

/** What the file says of one lycée: each track's IPS apart (a track without one stays null) and a pupil estimate. */
export interface LyceeFacts {
  ipsGeneral: number | null;
  ipsVocational: number | null;
  /** Candidates at the baccalauréat × 3 years of lycée: the file counts no pupils, so this is an estimate. */
  pupilsEstimate: number | null;
}

const ipsValue = (line: LyceeLine | undefined) => (typeof line?.ips === 'number' && line.ips > 0 ? line.ips : null);

/** One entry per UAI from the file's lines (a lycée polyvalent has a GT line and a Pro line). */
export function lyceeFacts(lines: readonly LyceeLine[]): Map<string, LyceeFacts> {
  const byUai = new Map<string, LyceeLine[]>();
  for (const line of lines) byUai.set(line.uai, [...(byUai.get(line.uai) ?? []), line]);
  const facts = new Map<string, LyceeFacts>();
  for (const [uai, group] of byUai) {
    const presents = group.reduce((sum, l) => sum + (typeof l.presents === 'number' ? l.presents : 0), 0);
    facts.set(uai, {
      ipsGeneral: ipsValue(group.find((l) => l.type === 'GT')),
      ipsVocational: ipsValue(group.find((l) => l.type.toLowerCase() === 'pro')),
      pupilsEstimate: presents > 0 ? presents * 3 : null,
    });
  }
  return facts;
}

export function readShippedLycees(): Map<string, LyceeFacts> {
  const json = JSON.parse(readFileSync(shippedFile, 'utf8')) as { lycees: LyceeLine[] };
  return lyceeFacts(json.lycees);
}
