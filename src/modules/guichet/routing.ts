import type { SupportTeamRow } from './db/schema.js';
import type { DeskConfig } from './desk-config.js';
import { levelLabels, type Channel } from './vocabulary.js';

/**
 * Who takes a ticket: pure decisions on the desk configuration, explained in French for the history.
 *
 * 1. Scope. The category's owner is responsible (the Académie owns pedagogical software); when the
 *    owner is an académie and the school belongs to another académie that is also a partner of the
 *    tenant, that académie is. No category: the tenant, and the ticket goes to its triage desk.
 * 2. Warranty. A hardware category on a device whose warranty runs today goes to the level-3 team
 *    that honours the warranty of its supplier (the holder), if one exists.
 * 3. Levels. From the entry level (0 for the web form and e-mail: the on-site level 0 takes what
 *    it can; 1 for the hotline, the API and level 0 itself), the first level with a team: a team
 *    of the school's unit or of a parent unit (nearest first), else the category's default team
 *    for that level, else a team serving the whole tenant. At each step a team that names the
 *    category comes before a generic one. A team is eligible when it belongs to the responsible
 *    organization, or is a level-3 team (contractor) that names the category.
 */

export interface RoutedSchool {
  unitId: string | null;
  academyCode: string | null;
}

export interface RoutedAsset {
  label: string;
  supplier: string | null;
  /** YYYY-MM-DD */
  warrantyEnd: string | null;
}

export interface RoutingDecision {
  team: SupportTeamRow | null;
  level: number;
  responsibleOrgId: string;
  reason: string;
  warranty: boolean;
}

export const entryLevel = (channel: Channel): number => (channel === 'web' || channel === 'email' ? 0 : 1);

export function responsibleOrganization(config: DeskConfig, category: string | null, school: RoutedSchool): string {
  const owner = category ? config.categories.get(category)?.responsibleOrganizationId : undefined;
  if (!owner) return config.tenantId;
  const org = config.organizations.get(owner);
  if (org?.kind === 'academie' && school.academyCode && org.academyCode !== school.academyCode) {
    const own = [...config.organizations.values()].find((o) => o.kind === 'academie' && o.academyCode === school.academyCode);
    if (own) return own.id;
  }
  return owner;
}

/** The school's unit, then its parents up to the root. */
export function unitChain(config: DeskConfig, unitId: string | null): string[] {
  const chain: string[] = [];
  let current = unitId;
  while (current && !chain.includes(current)) {
    chain.push(current);
    current = config.units.get(current)?.parentId ?? null;
  }
  return chain;
}

export function isEligible(team: SupportTeamRow, category: string | null, responsibleOrgId: string): boolean {
  if (!team.active) return false;
  const names = category !== null && team.categories.includes(category);
  if (team.categories.length > 0 && !names) return false;
  return team.organizationId === responsibleOrgId || (team.level === 3 && names);
}

/** Explicit category first, then by name: routing is deterministic. */
function best(teams: SupportTeamRow[], category: string | null): SupportTeamRow | null {
  const ranked = [...teams].sort(
    (a, b) =>
      Number(category !== null && b.categories.includes(category)) - Number(category !== null && a.categories.includes(category)) ||
      a.name.localeCompare(b.name),
  );
  return ranked[0] ?? null;
}

export function teamAtLevel(
  config: DeskConfig,
  input: { level: number; category: string | null; responsibleOrgId: string; school: RoutedSchool },
): SupportTeamRow | null {
  const candidates = config.teams.filter((t) => t.level === input.level && isEligible(t, input.category, input.responsibleOrgId));
  for (const unitId of unitChain(config, input.school.unitId)) {
    const found = best(
      candidates.filter((t) => t.unitIds.includes(unitId)),
      input.category,
    );
    if (found) return found;
  }
  const defaultId = input.category ? config.categories.get(input.category)?.defaultTeams[String(input.level)] : undefined;
  const byDefault = defaultId ? config.teamsById.get(defaultId) : undefined;
  if (byDefault?.active) return byDefault;
  return best(
    candidates.filter((t) => t.unitIds.length === 0),
    input.category,
  );
}

function triageTeam(config: DeskConfig, school: RoutedSchool): SupportTeamRow | null {
  const triage = config.teams.filter((t) => t.active && t.triage && t.organizationId === config.tenantId);
  for (const unitId of unitChain(config, school.unitId)) {
    const found = best(
      triage.filter((t) => t.unitIds.includes(unitId)),
      null,
    );
    if (found) return found;
  }
  return best(
    triage.filter((t) => t.unitIds.length === 0),
    null,
  );
}

const normalizeHolder = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

/** The level-3 team honouring the warranty of a device still under warranty on `today`. */
export function warrantyTeam(config: DeskConfig, assets: RoutedAsset[], today: string): { team: SupportTeamRow; asset: RoutedAsset } | null {
  for (const asset of assets) {
    if (!asset.supplier || !asset.warrantyEnd || asset.warrantyEnd < today) continue;
    const holder = normalizeHolder(asset.supplier);
    const team = config.teams.find((t) => t.active && t.level === 3 && t.warrantyHolders.some((h) => normalizeHolder(h) === holder));
    if (team) return { team, asset };
  }
  return null;
}

export interface RouteInput {
  category: string | null;
  channel: Channel;
  school: RoutedSchool;
  assets: RoutedAsset[];
  /** Local date YYYY-MM-DD, for warranties. */
  today: string;
}

export function routeTicket(config: DeskConfig, input: RouteInput): RoutingDecision {
  const responsibleOrgId = responsibleOrganization(config, input.category, input.school);
  const start = entryLevel(input.channel);
  if (input.category === null) {
    const team = triageTeam(config, input.school);
    return {
      team,
      level: team?.level ?? 1,
      responsibleOrgId,
      warranty: false,
      reason: team ? `Sans catégorie : confié au tri (${team.name}).` : 'Sans catégorie et sans équipe de tri : en attente de qualification.',
    };
  }
  const category = config.categories.get(input.category);
  if (category?.hardware && responsibleOrgId === config.tenantId) {
    const held = warrantyTeam(config, input.assets, input.today);
    if (held) {
      return {
        team: held.team,
        level: 3,
        responsibleOrgId,
        warranty: true,
        reason: `${held.asset.label} sous garantie jusqu'au ${frenchDate(held.asset.warrantyEnd!)} : confié au titulaire de la garantie (${held.team.name}).`,
      };
    }
  }
  for (let level = start; level <= 3; level++) {
    const team = teamAtLevel(config, { level, category: input.category, responsibleOrgId, school: input.school });
    if (team) {
      const owner = config.organizations.get(responsibleOrgId);
      const scope = responsibleOrgId === config.tenantId ? '' : ` (périmètre de ${owner?.name ?? 'un partenaire'})`;
      return { team, level, responsibleOrgId, warranty: false, reason: `${levelLabels[level]}${scope} : ${team.name}.` };
    }
  }
  return { team: null, level: start, responsibleOrgId, warranty: false, reason: 'Aucune équipe ne prend cette catégorie pour cet établissement : en attente d’attribution.' };
}

/** The team one or more levels up or down, for an escalation; null when no level in that direction has one. */
export function routeToLevel(
  config: DeskConfig,
  input: { from: number; to: number; category: string | null; responsibleOrgId: string; school: RoutedSchool },
): { team: SupportTeamRow; level: number } | null {
  const step = input.to > input.from ? 1 : -1;
  for (let level = input.to; level >= 0 && level <= 3; level += step) {
    const team = teamAtLevel(config, { level, category: input.category, responsibleOrgId: input.responsibleOrgId, school: input.school });
    if (team) return { team, level };
  }
  return null;
}

function frenchDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
