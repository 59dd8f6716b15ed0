import { z } from 'zod';
import type { auditEvents } from '../../../server/platform/db-schema.js';
import type { buildings, organizations, rooms, territorialUnits } from '../db/schema.js';

export const buildingSchema = z.object({ id: z.string(), name: z.string(), version: z.number() });
export const roomSchema = z.object({
  id: z.string(),
  buildingId: z.string(),
  name: z.string(),
  kind: z.string(),
  floor: z.string().nullable(),
  version: z.number(),
});
export const unitSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.string(),
  code: z.string(),
  name: z.string(),
  version: z.number(),
});
export const organizationSchema = z.object({ id: z.string(), code: z.string(), kind: z.string(), name: z.string(), academyCode: z.string().nullable() });
export const auditEventSchema = z.object({
  id: z.number(),
  at: z.string(),
  actorType: z.string(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

export const presentBuilding = (b: typeof buildings.$inferSelect) => ({ id: b.id, name: b.name, version: b.version });
export const presentRoom = (r: typeof rooms.$inferSelect) => ({
  id: r.id,
  buildingId: r.buildingId,
  name: r.name,
  kind: r.kind,
  floor: r.floor,
  version: r.version,
});
export const presentUnit = (u: typeof territorialUnits.$inferSelect) => ({
  id: u.id,
  parentId: u.parentId,
  kind: u.kind,
  code: u.code,
  name: u.name,
  version: u.version,
});
export const presentOrganization = (o: typeof organizations.$inferSelect) => ({
  id: o.tenantId,
  code: o.code,
  kind: o.kind,
  name: o.name,
  academyCode: o.academyCode,
});
export const presentAuditEvent = (e: typeof auditEvents.$inferSelect) => ({
  id: e.id,
  at: e.at.toISOString(),
  actorType: e.actorType,
  actorLabel: e.actorLabel,
  action: e.action,
  entityType: e.entityType,
  entityId: e.entityId,
  before: e.before,
  after: e.after,
});
