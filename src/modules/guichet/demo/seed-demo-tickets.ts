import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import { rows } from '../../../server/platform/db.js';
import { computePriority, defaultPriorityMatrix, type Level } from '../sla/index.js';

/**
 * A few months of the desk's life for the demo, so that its dashboard, the queues and the home
 * pages show real shapes on first start: tickets opened over `days` days before `now`, in every
 * status, routed as the desk routes them (hardware to the sector's teams, the pedagogical software
 * to the Académie, some to the contractor, the rest to the experts), with the measures the
 * dashboard reads (owned, resolved, late, rated) and their history. Written in one statement per
 * tenant (generate_series over deterministic hashes of the ticket number): a loop of creations
 * would cost the demo minutes.
 *
 * `technicianId` gets half of the level-1 tickets of the first sector (their queue), and ten recent ones;
 * `referent` (a school's digital referent) asks for some of their school's tickets.
 */
export interface DemoTicketsOptions {
  now: Date;
  days: number;
  perSchool: number;
  technicianId?: string | null;
  referent?: { userId: string; establishmentId: string } | null;
}

interface Team {
  id: string;
  level: number;
  organizationId: string;
  unitId: string | null;
  triage: boolean;
}

const titles = [
  'Le poste du professeur ne démarre plus',
  'Vidéoprojecteur de la salle sans image',
  'Imprimante du CDI bloquée (bourrage)',
  'Pas d’accès à internet en salle informatique',
  'Mot de passe ENT à réinitialiser',
  'Tableau numérique interactif décalibré',
  'Borne Wi-Fi du bâtiment B hors service',
  'Installation d’un logiciel de sciences',
  'Écran cassé sur un portable élève',
  'Le proxy bloque un site pédagogique',
  'Manuels numériques inaccessibles (GAR)',
  'Téléphone de la vie scolaire muet',
];

const referentTickets = 8;
const technicianTickets = 10;

const uuidArray = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;
const textArray = (values: string[]) => sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;
const intArray = (values: number[]) => sql`${`{${values.join(',')}}`}::int[]`;

export async function seedDemoTickets(ctx: Ctx, tenantId: string, options: DemoTicketsOptions): Promise<number> {
  const schools = await rows<{ id: string; unitId: string | null }>(
    ctx.db,
    // a school sits in a zone of its sector, or in the sector itself: the teams are the sector's
    sql`select e.id, case when u.kind = 'zone' then u.parent_id else u.id end as "unitId"
          from referentiel.establishments_view e
          left join referentiel.territorial_units_view u on u.tenant_id = e.tenant_id and u.id = e.unit_id
         where e.tenant_id = ${tenantId} order by e.uai`,
  );
  const teams = await rows<Team>(
    ctx.db,
    sql`select id, level, organization_id as "organizationId", unit_ids[1] as "unitId", triage from guichet.support_teams where tenant_id = ${tenantId} order by name`,
  );
  const hotline = teams.find((t) => t.triage);
  if (schools.length === 0 || !hotline) return 0;
  const own = teams.filter((t) => t.organizationId === tenantId && !t.triage);
  const experts = own.find((t) => t.level === 2 && !t.unitId) ?? hotline;
  const bySector = (level: number) => schools.map((s) => own.find((t) => t.level === level && t.unitId === s.unitId)?.id ?? experts.id);
  const academy = teams.filter((t) => t.organizationId !== tenantId && t.level <= 2);
  const academy1 = academy.find((t) => t.level === 1) ?? experts;
  const academy2 = academy.find((t) => t.level === 2) ?? academy1;
  const contractor = teams.find((t) => t.level === 3);
  const firstSector = own.find((t) => t.level === 1 && t.unitId)?.unitId ?? null;
  const priorities = Array.from({ length: 25 }, (_, k) =>
    computePriority(defaultPriorityMatrix, { urgency: (Math.floor(k / 5) + 1) as Level, impact: ((k % 5) + 1) as Level, major: false }),
  );
  const total = schools.length * options.perSchool;
  const [{ next }] = await rows<{ next: number }>(ctx.db, sql`select coalesce(max(number), 0) + 1 as next from guichet.tickets where tenant_id = ${tenantId}`);
  const from = Number(next);
  const to = from + total - 1;
  const referent = options.referent ?? null;
  // the referent's school gets the last (most recent) tickets of the series, asked by them
  const referentSchool = referent ? schools.findIndex((school) => school.id === referent.establishmentId) + 1 : 0;
  const referentFrom = referentSchool > 0 ? to - referentTickets + 1 : to + 1;
  // and the technician's sector the ones before: level-1 hardware tickets in their queue
  const technicianSchool = options.technicianId && firstSector ? schools.findIndex((school) => school.unitId === firstSector) + 1 : 0;
  const technicianFrom = technicianSchool > 0 ? referentFrom - technicianTickets : referentFrom;
  await ctx.db.execute(sql`
    with base as (
      select g,
             case when g >= ${referentFrom} then ${referentSchool} when g >= ${technicianFrom} then ${technicianSchool}
                  else 1 + abs(hashint8extended(g, 1)) % ${schools.length} end as s,
             g >= ${technicianFrom} and g < ${referentFrom} as for_technician,
             abs(hashint8extended(g, 2)) % 1000 as h_channel,
             abs(hashint8extended(g, 3)) % 1000 as h_category,
             abs(hashint8extended(g, 4)) % 1000 as h_level,
             abs(hashint8extended(g, 5)) % 1000 as h_status,
             abs(hashint8extended(g, 6)) % 1000 as h_urgency,
             abs(hashint8extended(g, 7)) % 1000 as h_impact,
             abs(hashint8extended(g, 8)) % 1000 as h_misc,
             (g * 7) % 50 as slot,
             ${options.now}::timestamptz - ${options.days} * interval '1 day' * (1 - (g - ${from})::float8 / ${total}) as opened
        from generate_series(${from}::bigint, ${to}::bigint) g
    ), drawn as (
      select b.*, (${uuidArray(schools.map((s) => s.id))})[s] as school, (${uuidArray(schools.map((s) => s.unitId ?? '00000000-0000-0000-0000-000000000000'))})[s] as unit,
             case when g >= ${referentFrom} or h_channel < 550 then 'web' when h_channel < 850 then 'phone' when h_channel < 950 then 'email' else 'onsite' end as channel,
             case when for_technician or h_category < 520 then 'devices' when h_category < 670 then 'infrastructure' when h_category < 770 then 'ent'
                  when h_category < 850 then 'security' when h_category < 920 then 'digital-resources' when h_category < 970 then 'pedagogical-software' end as category,
             case when h_urgency < 50 then 1 when h_urgency < 250 then 2 when h_urgency < 800 then 3 when h_urgency < 950 then 4 else 5 end as urgency,
             case when h_impact < 50 then 1 when h_impact < 250 then 2 when h_impact < 800 then 3 when h_impact < 950 then 4 else 5 end as impact,
             -- older tickets are over (a few forgotten); the last ten days' are in every state
             case when ${options.now}::timestamptz - opened > interval '10 days'
                  then case when h_status < 900 then 'closed' when h_status < 960 then 'solved' when h_status < 985 then 'waiting-third-party' else 'reopened' end
                  -- a cycle of 50 (7 is prime to 50): any 50 tickets in a row hold every status
                  else case when slot < 5 then 'new' when slot < 15 then 'assigned' when slot < 18 then 'planned'
                            when slot < 24 then 'in-progress' when slot < 27 then 'waiting-requester' when slot < 30 then 'waiting-third-party'
                            when slot < 31 then 'reopened' when slot < 40 then 'solved' else 'closed' end end as status
        from base b
    ), routed as (
      select d.*,
             case when category is null or for_technician then 1
                  when category = 'pedagogical-software' then case when h_level < 800 then 1 else 2 end
                  when h_level < 300 then 0 when h_level < 800 then 1 when h_level < 920 or category not in ('devices', 'infrastructure') then 2 else ${contractor ? 3 : 2} end as level,
             (${intArray(priorities)})[(urgency - 1) * 5 + impact] as priority
        from drawn d
    ), placed as (
      select r.*,
             case when category is null then ${hotline.id}::uuid
                  when category = 'pedagogical-software' then case level when 1 then ${academy1.id}::uuid else ${academy2.id}::uuid end
                  when level = 0 then (${uuidArray(bySector(0))})[s]
                  when level = 1 then (${uuidArray(bySector(1))})[s]
                  when level = 2 then ${experts.id}::uuid
                  else ${(contractor ?? experts).id}::uuid end as team,
             case when status = 'new' then null
                  when ${options.technicianId ?? null}::uuid is not null and level = 1 and unit = ${firstSector}::uuid
                       and category is not null and category <> 'pedagogical-software' and (for_technician or h_misc % 2 = 0) then ${options.technicianId ?? null}::uuid end as assignee,
             case when g >= ${referentFrom} then ${referent?.userId ?? null}::uuid end as requester,
             -- the last change: within two days of the opening, never after now
             least(opened + (1 + h_misc % 48) * interval '1 hour', ${options.now}::timestamptz - interval '5 minutes') as changed
        from routed r
    ), placed_orgs as (
      select p.*, (select organization_id from guichet.support_teams t where t.tenant_id = ${tenantId} and t.id = p.team) as team_org
        from placed p
    ), inserted as (
      insert into guichet.tickets (tenant_id, number, type, title, description, establishment_id, room_label, requester_user_id, requester_name, requester_contact,
        channel, category, urgency, impact, priority, status, responsible_org_id, assigned_team_id, assigned_org_id, assigned_user_id, level, agreement_id,
        opened_at, logged_at, updated_at, planned_for, solved_at, closed_at, school_visible, solution, satisfaction,
        due_to_own, due_to_resolve, owned_at, own_minutes, resolve_minutes, created_by, version)
      select ${tenantId}, g, case when h_misc % 4 = 0 then 'request' else 'incident' end,
             (${textArray(titles)})[1 + h_category % ${titles.length}],
             'Signalé par l’établissement : ' || (${textArray(titles)})[1 + h_category % ${titles.length}] || '. Constaté le ' || to_char(opened, 'DD/MM/YYYY') || ', merci d’intervenir.',
             school, case when h_misc % 3 = 0 then 'Salle ' || (100 + h_misc % 250) end, requester,
             case when requester is not null then 'Référent numérique' when channel = 'phone' then 'Accueil du lycée' else 'Personnel de l’établissement' end,
             case when channel = 'phone' then '03 20 00 ' || lpad((h_misc % 100)::text, 2, '0') || ' 00' end,
             channel, category, urgency, impact, priority, status,
             case when category = 'pedagogical-software' then coalesce(team_org, ${tenantId}::uuid) else ${tenantId}::uuid end, team, team_org, assignee, level, 'convention-demo',
             opened, opened, case when status = 'new' then opened else changed end,
             case when status = 'planned' then changed + interval '2 days' end,
             case when status in ('solved', 'closed') then changed end,
             case when status = 'closed' then least(changed + interval '7 days', ${options.now}::timestamptz) end,
             h_misc % 20 <> 0,
             case when status in ('solved', 'closed') then 'Intervention réalisée, matériel testé avec l’utilisateur.' end,
             case when status = 'closed' and h_misc % 3 = 0 then case when h_status % 10 < 5 then 5 when h_status % 10 < 8 then 4 when h_status % 10 < 9 then 3 else 1 + h_status % 2 end end,
             case when status = 'new' then opened + (case priority when 5 then 1 when 4 then 2 when 3 then 4 when 2 then 8 else 16 end) * interval '3 hours'
                  when h_level % 12 = 0 then opened + interval '4 hours' end,
             case when status in ('solved', 'closed') then case when h_status % 10 = 0 then opened + interval '3 days' end
                  when status = 'waiting-requester' then null
                  else opened + (case priority when 5 then 4 when 4 then 8 when 3 then 16 when 2 then 40 else 80 end) * interval '3 hours' end,
             case when status <> 'new' then opened + (5 + h_misc % 240) * interval '1 minute' end,
             case when status <> 'new' then 5 + h_misc % 240 end,
             case when status in ('solved', 'closed') then 30 + (h_status * 7 + h_misc) % 2400 end,
             'Démo', 1
        from placed_orgs
      returning tenant_id, id, opened_at, updated_at, category, priority, agreement_id, level, assigned_team_id, channel, requester_user_id, requester_name, status, assigned_user_id
    ), created as (
      insert into guichet.ticket_events (tenant_id, ticket_id, at, kind, status, category, priority, agreement_id, level, team_id, reason, actor_type, actor_id, actor_label, details)
      select tenant_id, id, opened_at, 'created', 'new', coalesce(category, '_triage'), priority, agreement_id, level, assigned_team_id,
             'Niveau ' || level || ' : équipe du secteur.', 'user', requester_user_id::text, requester_name,
             jsonb_build_object('channel', channel, 'openedAt', opened_at, 'warranty', false)
        from inserted)
    insert into guichet.ticket_events (tenant_id, ticket_id, at, kind, status, actor_type, actor_id, actor_label)
    select tenant_id, id, updated_at, 'status', status, 'user', assigned_user_id::text, 'Technicien du secteur'
      from inserted where status <> 'new'`);
  // the months before the demo were watched: its late tickets were warned and escalated then, not
  // all at once by the service-level watcher's first minute (hundreds of clocks rebuilt, levels changed)
  await ctx.db.execute(sql`
    insert into guichet.sla_alerts (tenant_id, ticket_id, clock, level, at, due_at)
    select t.tenant_id, t.id, c.clock, l.level, c.due, c.due
      from guichet.tickets t
     cross join lateral (values ('own', t.due_to_own), ('resolve', t.due_to_resolve)) as c(clock, due)
     cross join (values ('warning'), ('breach')) as l(level)
     where t.tenant_id = ${tenantId} and t.number between ${from} and ${to} and t.status not in ('solved', 'closed') and c.due <= ${options.now}
    on conflict do nothing`);
  await ctx.db.execute(sql`insert into guichet.ticket_counters (tenant_id, next_number) values (${tenantId}, ${to + 1})
                            on conflict (tenant_id) do update set next_number = greatest(guichet.ticket_counters.next_number, excluded.next_number)`);
  return total;
}
