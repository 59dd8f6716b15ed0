import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planLink, type OrderedSites } from './seed-links-demo.js';

/** The demo's Hauts-de-France lycées: the académie de Lille's of the national file, by UAI. */
const uais = [
  ...new Set(
    (JSON.parse(readFileSync(new URL('../../../../../fixtures/annuaire/lycees-2025.json', import.meta.url), 'utf8')) as { lycees: { uai: string; codeDept?: string }[] }).lycees
      .filter((l) => l.codeDept === '59' || l.codeDept === '62')
      .map((l) => `${l.uai}|${l.codeDept}`),
  ),
].map((key) => ({ id: `id-${key.split('|')[0]}`, uai: key.split('|')[0], department: key.split('|')[1] }));
const lots = ['lot1', 'lot2', 'lot3', 'lot4'];
const share = (n: number) => n / uais.length;

describe('the demo lycées’ network links', () => {
  const plans = uais.map((l) => planLink(l, new Map(), lots));

  it('gives every lycée an access, most of them then the contract’s fibre on their département’s lots', () => {
    expect(uais.length).toBeGreaterThan(200);
    expect(plans.every((p) => p.before.operator && p.beforeStart < '2016-01-01')).toBe(true);
    const migrated = plans.filter((p) => p.after);
    expect(share(migrated.length)).toBeGreaterThan(0.75);
    expect(share(migrated.length)).toBeLessThan(0.95);
    for (const p of migrated) {
      const department = uais.find((l) => l.uai === p.uai)!.department;
      expect(department === '62' ? ['lot3', 'lot4'] : ['lot1', 'lot2']).toContain(p.after!.lotId);
      expect(p.after!.start >= '2016-05-01' && p.after!.start <= '2017-12-01').toBe(true);
    }
  });

  it('spreads speeds, technologies and operators as a region’s sites are, the same at every load', () => {
    const speeds = new Map<number, number>();
    for (const p of plans) if (p.after) speeds.set(p.after.mbps, (speeds.get(p.after.mbps) ?? 0) + 1);
    expect(speeds.size).toBeGreaterThanOrEqual(6);
    // 100 Mbit/s is the most common, 400 Mbit/s rare
    expect(Math.max(...speeds.values())).toBe(speeds.get(100));
    expect(share(speeds.get(400) ?? 0)).toBeLessThan(0.15);
    expect(new Set(plans.map((p) => p.before.technology))).toEqual(new Set(['sdsl', 'adsl', 'vdsl', 'fibre', 'satellite', 'mobile']));
    expect(new Set(plans.map((p) => p.before.operator)).size).toBeGreaterThanOrEqual(5);
    expect(uais.map((l) => planLink(l, new Map(), lots))).toEqual(plans);
  });

  it('follows the demo’s orders: the ordered speed from the delivery, the old access while the order waits', () => {
    const [delivered, waiting] = uais;
    const ordered: OrderedSites = new Map([
      [delivered.id, { lotId: 'lot2', mbps: 200, deliveredOn: '2017-03-10' }],
      [waiting.id, { lotId: 'lot1', mbps: 100, deliveredOn: null }],
    ]);
    expect(planLink(delivered, ordered, lots).after).toEqual({ lotId: 'lot2', mbps: 200, start: '2017-03-10' });
    expect(planLink(waiting, ordered, lots).after).toBeUndefined();
  });
});
