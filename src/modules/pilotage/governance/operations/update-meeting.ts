import type { Ctx } from '../../../../server/platform/context.js';
import { updateVersioned } from '../../../../server/platform/versioned-update.js';
import { governanceActor, invalid } from '../access.js';
import { meetings } from '../db/schema.js';
import { loadMeeting, membersOf } from '../meeting-store.js';
import { updateMeetingInput, type UpdateMeetingInput } from './meeting.input.js';

/** Agenda, attendance (members of the body only) and minutes; the version read must be current. */
export async function updateMeeting(ctx: Ctx, meetingId: string, raw: UpdateMeetingInput) {
  const actor = governanceActor(ctx, 'governance.manage');
  const input = updateMeetingInput.parse(raw);
  const tenantId = actor.tenantId;
  const { meeting } = await loadMeeting(ctx, tenantId, meetingId);
  if (input.attendance) {
    const members = new Set((await membersOf(ctx, tenantId, meeting.bodyId)).map((m) => m.id));
    if (input.attendance.some((id) => !members.has(id))) throw invalid('attendance', "Seuls les membres de l'instance figurent sur la feuille de présence.");
  }
  const { version, ...changes } = input;
  const clean = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  if (clean.attendance) clean.attendance = [...new Set(clean.attendance as string[])];
  return updateVersioned(ctx, { table: meetings, tenantId, id: meetingId, version, changes: clean, entityType: 'governance-meeting', label: 'Réunion' });
}
