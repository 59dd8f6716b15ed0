import { isIP } from 'node:net';
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../../server/platform/db.js';
import { checkUai } from '../../referentiel/index.js';
import { verifyPassword } from '../../access/index.js';
import type { Caches } from '../../../server/platform/cache.js';
import { rememberVerified, wasVerified } from './agent-credential-cache.js';
import { plainAddress } from './school-networks.js';

export interface AgentTenant {
  tenantId: string;
  storeLastUser: boolean;
  how: 'credentials' | 'tag' | 'network';
}

export type AgentIdentification = { ok: true; tenant: AgentTenant } | { ok: false; reason: 'bad-credentials' | 'unknown' };

/** "hauts-de-france" or "hauts-de-france/lycees-nord": the tenant code leads the agent's user name. */
function tenantCodeOf(username: string) {
  return username.split('/')[0].trim().toLowerCase();
}

export function parseBasic(header: string | undefined): { username: string; password: string } | null {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Which authority an agent's report belongs to: its credentials, else (where the authority allows
 * it) its tag naming one of its schools, else the school networks it declared. An authority that
 * requires credentials is never reached by tag or network; one that takes tags only from its
 * networks ignores a tag sent from elsewhere. A network two authorities declared names neither.
 */
export async function identifyAgent(
  on: { db: Db; cache: Caches },
  input: { authorization: string | undefined; tag: string | null; remoteAddress: string },
): Promise<AgentIdentification> {
  const { db } = on;
  const basic = parseBasic(input.authorization);
  if (basic) return byCredentials(on, basic);
  const byTag = input.tag ? await tenantOfTag(db, input.tag, input.remoteAddress) : null;
  if (byTag) return { ok: true, tenant: { ...byTag, how: 'tag' } };
  const byNetwork = await tenantOfAddress(db, input.remoteAddress);
  if (byNetwork) return { ok: true, tenant: { ...byNetwork, how: 'network' } };
  return { ok: false, reason: 'unknown' };
}

/**
 * One statement per inventory: the authority named by the user name, its live credential and its
 * settings (three lookups that were three round trips). Read every time, never remembered: a
 * revoked credential is refused at once.
 */
async function byCredentials({ db, cache }: { db: Db; cache: Caches }, basic: { username: string; password: string }): Promise<AgentIdentification> {
  const [found] = await rows<{ tenantId: string; passwordHash: string | null; storeLastUser: boolean | null }>(
    db,
    sql`select o.tenant_id as "tenantId", c.password_hash as "passwordHash", s.store_last_user as "storeLastUser"
          from referentiel.organizations_view o
          left join parc.agent_credentials c on c.tenant_id = o.tenant_id and c.username = ${basic.username} and c.revoked_at is null
          left join parc.inventory_settings s on s.tenant_id = o.tenant_id
         where o.code = ${tenantCodeOf(basic.username)}
         limit 1`,
  );
  const passwordHash = found?.passwordHash ?? null;
  const ok =
    (passwordHash !== null && wasVerified(cache, basic.username, basic.password, passwordHash)) ||
    (await verifyPassword(passwordHash, basic.password));
  if (!ok || !found || passwordHash === null) return { ok: false, reason: 'bad-credentials' };
  rememberVerified(cache, basic.username, basic.password, passwordHash);
  return { ok: true, tenant: { tenantId: found.tenantId, storeLastUser: found.storeLastUser ?? false, how: 'credentials' } };
}

async function tenantOfTag(db: Db, tag: string, rawAddress: string) {
  const uai = checkUai(tag);
  if (!uai.ok) return null;
  const address = plainAddress(rawAddress);
  const inNetworks = isIP(address) ? sql`exists (select 1 from unnest(s.networks) n where ${address}::inet <<= n::cidr)` : sql`false`;
  const found = await rows<{ tenantId: string; storeLastUser: boolean }>(
    db,
    sql`select e.tenant_id as "tenantId", s.store_last_user as "storeLastUser"
          from referentiel.establishments_view e
          join parc.inventory_settings s on s.tenant_id = e.tenant_id and s.accept_tagged_agents and not s.require_credentials
         where e.uai = ${uai.uai} and (not s.tags_only_from_networks or ${inNetworks})`,
  );
  return found.length === 1 ? found[0] : null; // a UAI claimed by two authorities is not guessed
}

async function tenantOfAddress(db: Db, rawAddress: string) {
  const address = plainAddress(rawAddress);
  if (!isIP(address)) return null;
  const found = await rows<{ tenantId: string; storeLastUser: boolean; requireCredentials: boolean }>(
    db,
    sql`select s.tenant_id as "tenantId", s.store_last_user as "storeLastUser", s.require_credentials as "requireCredentials"
          from parc.inventory_settings s
         where exists (select 1 from unnest(s.networks) n where ${address}::inet <<= n::cidr)`,
  );
  return found.length === 1 && !found[0].requireCredentials ? { tenantId: found[0].tenantId, storeLastUser: found[0].storeLastUser } : null;
}

/** The authority that owned the credentials of a report queued in the inbox (verified when it arrived). */
export async function tenantById(db: Db, tenantId: string): Promise<AgentTenant | null> {
  const [found] = await rows<{ tenantId: string; storeLastUser: boolean | null }>(
    db,
    sql`select o.tenant_id as "tenantId", s.store_last_user as "storeLastUser"
          from referentiel.organizations_view o
          left join parc.inventory_settings s on s.tenant_id = o.tenant_id
         where o.tenant_id = ${tenantId}`,
  );
  return found ? { tenantId: found.tenantId, storeLastUser: found.storeLastUser ?? false, how: 'credentials' } : null;
}
