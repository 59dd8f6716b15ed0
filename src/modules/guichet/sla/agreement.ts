import { z } from 'zod';
import type { Priority } from './priority.js';

/**
 * A service agreement (convention de service): for each priority, and optionally per category
 * (a free string key such as "poste-de-travail"), the time to own and the time to resolve in
 * business minutes, when to warn before the breach, and which calendar measures the time.
 *
 * Versions: an agreement is edited by publishing a new `version`; clock.ts takes a timeline of
 * versions (see timeline.ts) and decides which one applies to what (rules in clock.ts).
 */

// a missing delay says so in words (the form leaves an empty cell out of the number it sends)
const minutes = z
  .number({ error: (issue) => (issue.input === undefined ? 'Délai obligatoire.' : undefined) })
  .int()
  .positive()
  .max(525_600, 'Au plus un an (525 600 minutes).');

export const slaTargetSchema = z
  .object({
    timeToOwnMinutes: minutes,
    timeToResolveMinutes: minutes,
    /** Warn this many business minutes before each deadline … */
    warnBeforeMinutes: minutes.optional(),
    /** … or when this share of each target is spent (0.75 = at 75 %). Exactly one of the two. */
    warnAtRatio: z.number().gt(0).lt(1).optional(),
    /** Key of the business calendar (calendars are versioned on their own). */
    calendarId: z.string().trim().min(1).max(100),
  })
  .superRefine((t, ctx) => {
    if ((t.warnBeforeMinutes === undefined) === (t.warnAtRatio === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['warnBeforeMinutes'], message: "Indiquez soit un délai d'alerte en minutes, soit un pourcentage, pas les deux." });
    }
    if (t.warnBeforeMinutes !== undefined && t.warnBeforeMinutes >= t.timeToOwnMinutes) {
      ctx.addIssue({ code: 'custom', path: ['warnBeforeMinutes'], message: "Le délai d'alerte doit être plus court que le délai de prise en charge." });
    }
    if (t.timeToOwnMinutes > t.timeToResolveMinutes) {
      ctx.addIssue({ code: 'custom', path: ['timeToOwnMinutes'], message: 'Le délai de prise en charge ne peut dépasser le délai de résolution.' });
    }
  });
export type SlaTarget = z.output<typeof slaTargetSchema>;

const priorityKey = z.enum(['1', '2', '3', '4', '5', '6']);

export const serviceAgreementSchema = z.object({
  id: z.string().trim().min(1).max(100),
  version: z.number().int().positive(),
  label: z.string().trim().min(1).max(200),
  /** Whether waiting on a third party (supplier, rectorat…) pauses the clocks. Default: no, the desk stays accountable. */
  pauseOnThirdParty: z.boolean().default(false),
  /** Targets for every priority, used for any category without its own. */
  targets: z.record(priorityKey, slaTargetSchema),
  /** Per-category overrides, priority by priority. */
  categories: z.record(z.string().trim().min(1).max(100), z.partialRecord(priorityKey, slaTargetSchema)).default({}),
});
export type ServiceAgreement = z.output<typeof serviceAgreementSchema>;
export type ServiceAgreementInput = z.input<typeof serviceAgreementSchema>;

export function parseServiceAgreement(input: unknown): ServiceAgreement {
  return serviceAgreementSchema.parse(input);
}

/** The target for a category and priority: the category's own if it has one, else the agreement's. */
export function targetFor(agreement: ServiceAgreement, category: string, priority: Priority): SlaTarget {
  const key = String(priority) as z.infer<typeof priorityKey>;
  return agreement.categories[category]?.[key] ?? agreement.targets[key];
}

export type ClockKind = 'own' | 'resolve';

export function targetMinutes(target: SlaTarget, kind: ClockKind): number {
  return kind === 'own' ? target.timeToOwnMinutes : target.timeToResolveMinutes;
}

/** Business minutes spent when the warning is due (never below 0). */
export function warnThresholdMinutes(target: SlaTarget, kind: ClockKind): number {
  const total = targetMinutes(target, kind);
  if (target.warnAtRatio !== undefined) return total * target.warnAtRatio;
  return Math.max(0, total - (target.warnBeforeMinutes ?? 0));
}

/** Key of the demo calendar (Monday-Friday 08:00-12:00 / 13:30-17:30, see calendar-schema.ts). */
export const DEMO_CALENDAR_ID = 'heures-ouvrees';

const hours = (h: number) => h * 60;
const demoTarget = (own: number, resolve: number): SlaTarget => ({
  timeToOwnMinutes: own,
  timeToResolveMinutes: resolve,
  warnAtRatio: 0.75,
  calendarId: DEMO_CALENDAR_ID,
});

/**
 * The demo authorities' default agreement. Medium priority (every category) is the requirement:
 * own in 4 business hours, resolve in 16. The other priorities are DEMO DEFAULTS chosen by us
 * (each authority sets its own): very low 16 h / 80 h, low 8 h / 40 h, high 2 h / 8 h,
 * very high 1 h / 4 h, major 30 min / 4 h. Warning at 75 % of each target.
 */
export const demoAgreement: ServiceAgreement = parseServiceAgreement({
  id: 'convention-demo',
  version: 1,
  label: 'Convention de service (démonstration)',
  pauseOnThirdParty: false,
  targets: {
    '1': demoTarget(hours(16), hours(80)),
    '2': demoTarget(hours(8), hours(40)),
    '3': demoTarget(hours(4), hours(16)),
    '4': demoTarget(hours(2), hours(8)),
    '5': demoTarget(hours(1), hours(4)),
    '6': demoTarget(30, hours(4)),
  },
  categories: {},
});
