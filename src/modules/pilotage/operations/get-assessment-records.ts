import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { roomsWithoutWifi, steeringDevices, type DeviceSelection, type SteeringDevice, type UncoveredRoom } from '../../parc/index.js';
import { parisDate } from '../indicators/assess.js';
import { teachingRoomKinds } from '../indicators/catalogue.input.js';
import { schoolInScope, steeringScope } from './steering-scope.js';

/** The indicators whose records can be listed, and which records stand behind each. */
const deviceSelections: Record<string, DeviceSelection> = {
  pupils_per_device: 'teaching',
  devices_per_100_pupils: 'teaching',
  fleet_under_5_years_share: 'past-age',
  warranty_share: 'out-of-warranty',
  displays_per_classroom: 'interactive-displays',
};
export const drillableIndicators = ['wifi_teaching_rooms_share', ...Object.keys(deviceSelections)] as const;

export const assessmentRecordsParams = z.object({ uai: z.string().trim().min(1).max(20), code: z.enum(drillableIndicators) });

export type AssessmentRecords = { kind: 'rooms'; rooms: UncoveredRoom[] } | { kind: 'devices'; devices: SteeringDevice[] };

/** The records behind one figure of a school: the teaching rooms without Wi-Fi, the PCs past age… */
export async function getAssessmentRecords(ctx: Ctx, params: z.infer<typeof assessmentRecordsParams>): Promise<AssessmentRecords> {
  const scope = steeringScope(ctx);
  const school = await schoolInScope(scope, params.uai);
  if (params.code === 'wifi_teaching_rooms_share') return { kind: 'rooms', rooms: await roomsWithoutWifi(ctx.db, scope.tenantId, school.id, teachingRoomKinds) };
  return { kind: 'devices', devices: await steeringDevices(ctx.db, scope.tenantId, school.id, deviceSelections[params.code], parisDate(ctx.now())) };
}
