import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { rows } from '../../../server/platform/db.js';
import { steeringScope } from '../operations/steering-scope.js';

/** The départements' outlines shipped with the application (IGN ADMIN EXPRESS via france-geojson, Licence Ouverte: see geo/LICENCE.md). */
const outlinesFile = new URL('./geo/departements.geojson', import.meta.url);

export interface DepartmentOutline {
  code: string;
  name: string;
  /** MultiPolygon coordinates: polygons of rings of [longitude, latitude]. */
  polygons: [number, number][][][];
}

interface Feature {
  properties: { code: string; nom: string };
  geometry: { type: 'MultiPolygon'; coordinates: [number, number][][][] };
}

let byCode: Map<string, DepartmentOutline> | null = null;

/** Read once per process: 230 KB for the 101 départements. */
export function departmentOutlines(): Map<string, DepartmentOutline> {
  if (!byCode) {
    const collection = JSON.parse(readFileSync(outlinesFile, 'utf8')) as { features: Feature[] };
    byCode = new Map(collection.features.map((f) => [f.properties.code, { code: f.properties.code, name: f.properties.nom, polygons: f.geometry.coordinates }]));
  }
  return byCode;
}

export const outlinesInput = z.object({ departmentCode: z.string().trim().toUpperCase().max(3).optional() });

/** The outlines of the départements where the actor's schools are, no more (a commune gets its own département, not France). */
export async function getDashboardOutlines(ctx: Ctx, input: z.infer<typeof outlinesInput>) {
  const scope = steeringScope(ctx);
  const found = await rows<{ code: string }>(
    ctx.db,
    sql`select distinct department_code as code from referentiel.establishments_view
         where referentiel.establishments_view.tenant_id = ${scope.tenantId} and referentiel.establishments_view.is_open
           and referentiel.establishments_view.department_code is not null and ${scope.where}`,
  );
  const outlines = departmentOutlines();
  const codes = found.map((r) => r.code).filter((c) => !input.departmentCode || c === input.departmentCode);
  return { departments: codes.sort().flatMap((c) => outlines.get(c) ?? []) };
}
