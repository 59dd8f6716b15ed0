import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import { termEnd, totalMonths } from '../ceilings.js';
import { contracts, lots, sentAlerts } from '../db/schema.js';
import { lotSpending } from '../lot-spending.js';
import { notifyAlert, type AlertNotice } from '../notify.js';
import { ceilingAlerts, endsWithinThreeMonths, euros } from '../rules/ceilings.js';

/**
 * The daily watch: a lot whose orders reach 80 % or 100 % of its maximum, a contract ending within
 * three months. Each alert is sent once (sent_alerts, inserted in the same transaction as the
 * notification: a second run, or a second process, finds it and sends nothing).
 */
export async function watchContracts(ctx: Ctx): Promise<{ sent: number }> {
  const today = ctx.now().toISOString().slice(0, 10);
  const live = await ctx.db.select().from(contracts).where(eq(contracts.status, 'notified'));
  const notices: AlertNotice[] = [];
  const byTenant = new Map<string, typeof live>();
  for (const c of live) byTenant.set(c.tenantId, [...(byTenant.get(c.tenantId) ?? []), c]);
  for (const [tenantId, tenantContracts] of byTenant) {
    const lotRows = await ctx.db.select().from(lots).where(and(eq(lots.tenantId, tenantId), isNotNull(lots.maxAmountCents), inArray(lots.contractId, tenantContracts.map((c) => c.id))));
    const spending = await lotSpending(ctx.db, tenantId, lotRows.map((l) => l.id));
    for (const lot of lotRows) {
      const contract = tenantContracts.find((c) => c.id === lot.contractId)!;
      const s = spending.get(lot.id)!;
      const ordered = s.committedCents + s.consumedCents;
      for (const kind of ceilingAlerts(lot.maxAmountCents, ordered)) {
        const share = kind === 'ceiling-80' ? '80 %' : '100 %';
        notices.push({
          tenantId, groupId: contract.groupId, buyerOrganizationId: contract.buyerOrganizationId, kind, contractId: contract.id, subjectId: lot.id, at: ctx.now(),
          subject: `Marché ${contract.reference}, lot ${lot.number} : ${share} du maximum atteint`,
          body: `${lot.title}\nCommandé : ${euros(ordered)} sur un maximum de ${euros(lot.maxAmountCents!)}.`,
        });
      }
    }
    for (const contract of tenantContracts) {
      const endsOn = contract.startsOn ? termEnd(contract.startsOn, totalMonths(contract.durationMonths, contract.renewals)) : null;
      if (!endsWithinThreeMonths(endsOn, today)) continue;
      notices.push({
        tenantId, groupId: contract.groupId, buyerOrganizationId: contract.buyerOrganizationId, kind: 'end-3-months', contractId: contract.id, subjectId: contract.id, at: ctx.now(),
        subject: `Marché ${contract.reference} : fin le ${endsOn!.split('-').reverse().join('/')}`,
        body: `${contract.object}\nLe marché prend fin dans moins de trois mois : préparez son renouvellement.`,
      });
    }
  }
  let sent = 0;
  for (const notice of notices) {
    await ctx.db.transaction(async (tx) => {
      const [fresh] = await tx.insert(sentAlerts).values({ tenantId: notice.tenantId, subjectId: notice.subjectId, kind: notice.kind, sentAt: notice.at }).onConflictDoNothing().returning();
      if (!fresh) return;
      await notifyAlert(tx, notice);
      sent++;
    });
  }
  return { sent };
}
