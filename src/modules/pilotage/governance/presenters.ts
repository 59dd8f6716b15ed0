import { z } from 'zod';

/** Response schemas of the governance routes (the presenters build these shapes, never rows). */
const org = z.object({ id: z.string(), name: z.string() });

export const agreementSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  partyA: org,
  partyB: org.nullable(),
  establishment: z.object({ id: z.string(), name: z.string(), uai: z.string() }).nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  version: z.number(),
  commitments: z.array(z.object({ party: z.string(), text: z.string() })),
  serviceLevels: z.array(
    z.object({
      indicator: z.string(),
      target: z.number(),
      measured: z.number().nullable().describe('Part des tickets résolus dans les délais sur 12 mois, de 0 à 1'),
      tickets: z.number(),
      met: z.boolean().nullable(),
    }),
  ),
});

export const memberSchema = z.object({ id: z.string(), name: z.string(), title: z.string(), organizationId: z.string(), organizationName: z.string(), version: z.number() });

export const bodySchema = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  cadence: z.string(),
  unanimity: z.boolean(),
  version: z.number(),
  members: z.array(memberSchema),
  meetings: z.array(z.object({ id: z.string(), heldOn: z.string(), place: z.string() })),
});

export const followUpSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  title: z.string(),
  ownerMemberId: z.string(),
  ownerName: z.string(),
  bodyName: z.string(),
  meetingHeldOn: z.string(),
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  overdue: z.boolean(),
});

export const dataPackSchema = z.object({ version: z.number(), issuedAt: z.string(), issuedBy: z.string(), sha256: z.string() });

export const meetingSchema = z.object({
  id: z.string(),
  version: z.number(),
  heldOn: z.string(),
  place: z.string(),
  agenda: z.array(z.string()),
  minutes: z.string(),
  body: z.object({ id: z.string(), kind: z.string(), name: z.string(), unanimity: z.boolean() }),
  members: z.array(z.object({ id: z.string(), name: z.string(), title: z.string(), organizationName: z.string(), present: z.boolean() })),
  decisions: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      status: z.string(),
      votes: z.array(z.object({ memberId: z.string(), memberName: z.string(), choice: z.string() })),
      tally: z.object({ for: z.number(), against: z.number(), abstain: z.number() }),
    }),
  ),
  actions: z.array(followUpSchema),
  dataPacks: z.array(dataPackSchema),
});

export const partnerSchema = z.object({ id: z.string(), name: z.string(), kind: z.string(), self: z.boolean() });

export const idSchema = z.object({ id: z.string() });
