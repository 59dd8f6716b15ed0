import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import { buildings, establishments, rooms } from '../db/schema.js';

/** What the lycées file says of one line (a lycée polyvalent has a GT line and a Pro line). */
export interface LyceeLine {
  uai: string;
  type?: string;
  presents?: number | null;
}

export type RoomKind = 'classroom' | 'workshop' | 'lab' | 'cdi' | 'boarding' | 'office';

export interface PlannedRoom {
  building: string;
  name: string;
  kind: RoomKind;
  floor: string | null;
}

/** A stable small number from a text (the same lycée gets the same premises at every start). */
function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Pupils estimated as the lycée steering does (bac candidates × 3 years); 600 where the file counts none. */
export function estimatedPupils(lines: readonly LyceeLine[]): number {
  const presents = lines.reduce((sum, l) => sum + (typeof l.presents === 'number' ? l.presents : 0), 0);
  return presents > 0 ? presents * 3 : 600;
}

const clamp = (v: number, low: number, high: number) => Math.min(high, Math.max(low, v));
const floorLabel = (floor: number) => (floor === 0 ? 'RDC' : floor === 1 ? '1er' : `${floor}e`);

/**
 * Plausible premises for a lycée from its size and tracks: a classroom per division of about 28
 * pupils, science labs for the general track, workshops for the vocational one, a CDI, a boarding
 * house in one lycée of three, and offices (not teaching rooms: they never count for Wi-Fi).
 */
export function planLyceeRooms(uai: string, lines: readonly LyceeLine[]): PlannedRoom[] {
  const pupils = estimatedPupils(lines);
  const general = lines.some((l) => l.type === 'GT') || !lines.length;
  const vocational = lines.some((l) => l.type?.toLowerCase() === 'pro');
  const classrooms = clamp(Math.round(pupils / 28), 8, 60);
  const labs = general ? Math.max(2, Math.round(classrooms / 6)) : 1;
  const workshops = vocational ? Math.max(3, Math.round(classrooms / 4)) : 0;
  const boarding = hashOf(uai) % 3 === 0 ? Math.max(6, Math.round(pupils / 60)) : 0;
  const planned: PlannedRoom[] = [];
  const perFloor = 10;
  for (let i = 0; i < classrooms; i++) {
    const floor = Math.floor(i / perFloor);
    planned.push({ building: 'Bâtiment A (enseignement)', name: `Salle A${floor}${String((i % perFloor) + 1).padStart(2, '0')}`, kind: 'classroom', floor: floorLabel(floor) });
  }
  for (let i = 0; i < labs; i++) planned.push({ building: 'Bâtiment B (sciences et ateliers)', name: `Laboratoire B${i + 1}`, kind: 'lab', floor: 'RDC' });
  for (let i = 0; i < workshops; i++) planned.push({ building: 'Bâtiment B (sciences et ateliers)', name: `Atelier ${i + 1}`, kind: 'workshop', floor: 'RDC' });
  planned.push({ building: 'Bâtiment A (enseignement)', name: 'CDI', kind: 'cdi', floor: 'RDC' });
  for (let i = 0; i < boarding; i++) planned.push({ building: 'Internat', name: `Chambre ${100 * (1 + Math.floor(i / 12)) + (i % 12) + 1}`, kind: 'boarding', floor: floorLabel(1 + Math.floor(i / 12)) });
  for (const name of ['Vie scolaire', 'Secrétariat', 'Salle des professeurs']) planned.push({ building: 'Administration', name, kind: 'office', floor: 'RDC' });
  return planned;
}

/**
 * The buildings and rooms of a tenant's lycées, chosen by their UAI among the file's lines (never
 * by a name); a lycée that already has premises is left as it is. Returns the rooms created.
 */
export async function seedLyceeRooms(ctx: Ctx, tenantId: string, lines: readonly LyceeLine[]): Promise<number> {
  const byUai = new Map<string, LyceeLine[]>();
  for (const line of lines) byUai.set(line.uai, [...(byUai.get(line.uai) ?? []), line]);
  const schools = await ctx.db
    .select({ id: establishments.id, uai: establishments.uai })
    .from(establishments)
    .where(and(eq(establishments.tenantId, tenantId), inArray(establishments.uai, [...byUai.keys()])));
  const equipped = new Set(
    (await ctx.db.selectDistinct({ id: buildings.establishmentId }).from(buildings).where(eq(buildings.tenantId, tenantId))).map((b) => b.id),
  );
  const roomRows: (typeof rooms.$inferInsert)[] = [];
  for (const school of schools.filter((s) => !equipped.has(s.id))) {
    const planned = planLyceeRooms(school.uai, byUai.get(school.uai) ?? []);
    const names = [...new Set(planned.map((p) => p.building))];
    const made = await ctx.db
      .insert(buildings)
      .values(names.map((name) => ({ tenantId, establishmentId: school.id, name })))
      .returning({ id: buildings.id, name: buildings.name });
    const buildingOf = new Map(made.map((b) => [b.name, b.id]));
    for (const p of planned) roomRows.push({ tenantId, establishmentId: school.id, buildingId: buildingOf.get(p.building)!, name: p.name, kind: p.kind, floor: p.floor });
  }
  for (let i = 0; i < roomRows.length; i += 2000) await ctx.db.insert(rooms).values(roomRows.slice(i, i + 2000));
  return roomRows.length;
}
