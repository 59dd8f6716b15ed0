import { z } from 'zod';
import type { AgentCredentialRow } from '../operations/find-agent-credentials.js';
import type { UnassignedReason, UnassignedReportRow } from '../operations/find-unassigned-reports.js';

export const credentialSchema = z.object({ username: z.string(), label: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() });
export const presentCredential = (c: AgentCredentialRow) => ({
  username: c.username,
  label: c.label,
  createdAt: c.createdAt.toISOString(),
  revokedAt: c.revokedAt?.toISOString() ?? null,
});

export const unassignedSchema = z.object({
  id: z.string(),
  receivedAt: z.string(),
  source: z.string(),
  deviceId: z.string().nullable(),
  tag: z.string().nullable(),
  remoteAddress: z.string().nullable(),
  /** Why this authority sees it: its tag is one of its UAIs, or its address is in its networks. */
  reason: z.enum(['tag', 'network']),
  name: z.string().nullable(),
  serial: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  os: z.string().nullable(),
});

export function presentUnassigned({ row, reason }: { row: UnassignedReportRow; reason: UnassignedReason }) {
  const report = (row.report ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const os = (report.os ?? null) as Record<string, unknown> | null;
  return {
    id: row.id,
    receivedAt: row.receivedAt.toISOString(),
    source: row.source,
    deviceId: row.deviceId,
    tag: row.tag,
    remoteAddress: row.remoteAddress,
    reason,
    name: text(report.name),
    serial: text(report.serial),
    manufacturer: text(report.manufacturer),
    model: text(report.model),
    os: text(os?.fullName) ?? text(os?.name),
  };
}
