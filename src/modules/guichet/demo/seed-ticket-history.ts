import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import { rows } from '../../../server/platform/db.js';
import { uuidArray } from '../../../server/platform/prepared.js';
import { demoAgreement } from '../sla/index.js';

export interface TicketHistoryOptions {
  tenantId: string;
  establishmentIds: string[];
  /** Tickets per school over the period, before the per-school variation. */
  perSchool: number;
  /** Period the tickets were opened in (the last ones may still be open). */
  from: Date;
  to: Date;
  /** 0 to 1: how many solved tickets missed their deadline, varied by school around it. */
  lateShare: number;
}

/**
 * A year of past tickets for demo schools, in one statement (a Métropole's desk history, so each
 * commune sees figures): categories from the demo desk, most solved (some late: their deadline
 * kept, as the clock keeps it only when missed), a few still open. Deterministic by school.
 */
export async function seedTicketHistory(ctx: Ctx, o: TicketHistoryOptions): Promise<number> {
  if (o.establishmentIds.length === 0) return 0;
  const span = Math.max(1, Math.round((o.to.getTime() - o.from.getTime()) / 3_600_000));
  const [counter] = await rows<{ first: number }>(
    ctx.db,
    sql`insert into guichet.ticket_counters (tenant_id, next_number) values (${o.tenantId}, 100000)
        on conflict (tenant_id) do update set next_number = guichet.ticket_counters.next_number + 100000
        returning (next_number - 100000)::int as first`,
  );
  const inserted = await rows<{ id: string }>(
    ctx.db,
    sql`with schools as (select e.id, e.uai, e.department_code, abs(hashtext(e.uai)) as h
                           from referentiel.establishments_view e
                          where e.tenant_id = ${o.tenantId} and e.id = any(${uuidArray(o.establishmentIds)})),
        cats(n, key, title) as (values (0, 'devices', 'Poste de la classe en panne'), (1, 'infrastructure', 'Wi-Fi de l''école indisponible'),
                                       (2, 'ent', 'Accès à l''ENT impossible'), (3, 'digital-resources', 'Ressource numérique inaccessible'),
                                       (4, 'devices', 'Écran interactif sans image')),
        drafts as (
          select s.id, s.department_code, s.h, g, c.key, c.title,
                 ${o.from}::timestamptz + ((abs(hashtext(s.uai || g)) % ${span}::int) || ' hours')::interval as opened,
                 (abs(hashtext(s.uai || g || 'late')) % 1000) < (1000 * ${o.lateShare}::float8 * (0.4 + (s.h % 120) / 100.0)) as late
            from schools s
            cross join generate_series(1, ${o.perSchool}::int + (abs(hashtext(s.uai)) % 5)) g
            join cats c on c.n = abs(hashtext(s.uai || g || 'c')) % 5),
        numbered as (select d.*, ${counter.first}::bigint + row_number() over (order by d.id, d.g) as number,
                            d.opened + interval '60 days' > ${o.to}::timestamptz and (d.g % 3 = 0) as still_open
                       from drafts d)
    insert into guichet.tickets (tenant_id, number, type, title, description, establishment_id, department_code, requester_name, channel,
                                 category, urgency, impact, priority, status, responsible_org_id, level, agreement_id, opened_at, logged_at,
                                 updated_at, solved_at, due_to_own, due_to_resolve, owned_at, own_minutes, resolve_minutes, created_by)
    select ${o.tenantId}, number, 'incident', title, 'Historique de démonstration', id, department_code, 'Direction de l''école', 'phone',
           key, 3, 3, 3, case when still_open then 'in-progress' else 'solved' end, ${o.tenantId}, 1, ${demoAgreement.id}, opened, opened,
           opened + interval '2 days',
           case when still_open then null else opened + (case when late then interval '5 days' else interval '1 day' end) end,
           null,
           case when late then opened + interval '2 days' when still_open then opened + interval '2 days' else null end,
           opened + interval '2 hours', 120,
           case when still_open then null when late then 2400 else 480 end, 'demo'
      from numbered
    returning id::text`,
  );
  return inserted.length;
}
