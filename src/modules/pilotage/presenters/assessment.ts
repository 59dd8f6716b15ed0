import { z } from 'zod';
import type { Assessment } from '../indicators/assess.js';
import { indicatorDefinitions } from '../indicators/catalogue.input.js';
import type { AssessmentRecords } from '../operations/get-assessment-records.js';

export const indicatorResultSchema = z.object({
  code: z.string(),
  label: z.string(),
  unit: z.string(),
  value: z.number().nullable(),
  target: z.number().nullable(),
  met: z.boolean().nullable(),
  gap: z.number().nullable(),
});

export const schoolSummarySchema = z.object({
  uai: z.string(),
  name: z.string(),
  kind: z.string(),
  pupils: z.number().nullable(),
  pupilsEstimated: z.boolean(),
  sector: z.string(),
  academyCode: z.string().nullable(),
  departmentCode: z.string().nullable(),
  communeName: z.string().nullable(),
  unitName: z.string().nullable(),
  priorityEducation: z.string().nullable(),
  ips: z.number().nullable(),
  rural: z.boolean().nullable(),
});

export const assessmentSchema = z.object({
  profile: z.object({ id: z.string(), name: z.string(), version: z.number() }).nullable(),
  computedAt: z.string(),
  establishment: schoolSummarySchema,
  indicators: z.array(indicatorResultSchema),
});

/**
 * The IPS the equity reads: the general track's, the one published for lycées on one footing. A
 * vocational-only lycée has none: its IPS is unknown (null), never 0 nor its vocational index.
 */
export const ipsOf = (s: { ipsGeneral: number | null }) => s.ipsGeneral ?? null;

export function presentSchool(s: Assessment['school']): z.infer<typeof schoolSummarySchema> {
  return {
    uai: s.uai,
    name: s.name,
    kind: s.kind,
    pupils: s.pupils,
    pupilsEstimated: s.pupilsEstimated,
    sector: s.sector,
    academyCode: s.academyCode,
    departmentCode: s.departmentCode,
    communeName: s.communeName,
    unitName: s.unitName,
    priorityEducation: s.priorityEducation,
    ips: ipsOf(s),
    rural: s.rural,
  };
}

export function presentAssessment(a: Assessment): z.infer<typeof assessmentSchema> {
  return {
    profile: a.profile ? { id: a.profile.id, name: a.profile.name, version: a.profile.versionNumber } : null,
    computedAt: a.computedAt.toISOString(),
    establishment: presentSchool(a.school),
    indicators: a.indicators.map((i) => ({ ...i, label: indicatorDefinitions[i.code].label, unit: indicatorDefinitions[i.code].unit })),
  };
}

export const assessmentRecordsSchema = z.object({
  kind: z.enum(['rooms', 'devices']),
  rooms: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), building: z.string() })),
  devices: z.array(
    z.object({
      id: z.string(),
      name: z.string().nullable(),
      assetClass: z.string(),
      status: z.string(),
      purchaseDate: z.string().nullable(),
      warrantyEnd: z.string().nullable(),
      room: z.string().nullable(),
    }),
  ),
});

export function presentAssessmentRecords(r: AssessmentRecords): z.infer<typeof assessmentRecordsSchema> {
  return r.kind === 'rooms' ? { kind: 'rooms', rooms: r.rooms, devices: [] } : { kind: 'devices', rooms: [], devices: r.devices };
}
