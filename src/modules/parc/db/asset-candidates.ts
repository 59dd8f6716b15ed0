import { sql } from 'drizzle-orm';
import type { Db } from '../../../server/platform/db.js';
import { pgArray, runRendered } from '../../../server/platform/prepared.js';

export interface AssetCandidate {
  id: string;
  uuid: string | null;
  serial: string | null;
  macs: string[];
  deviceId: string | null;
  name: string | null;
}

/** Devices of the tenant sharing any identity key with a report (uuid, serial, a MAC, the agent id). */
export async function findAssetCandidates(
  db: Db,
  params: { tenantId: string; uuid: string | null; serial: string | null; macs: string[]; deviceId: string | null },
): Promise<AssetCandidate[]> {
  const macs = pgArray(params.macs);
  const values = { tenantId: params.tenantId, deviceId: params.deviceId, uuid: params.uuid, serial: params.serial, macs };
  return runRendered<AssetCandidate>(db, 'parc_ingest_candidates', '', candidatesQuery, values);
}

function candidatesQuery() {
  const [tenantId, deviceId, uuid, serial] = ['tenantId', 'deviceId', 'uuid', 'serial'].map((name) => sql.placeholder(name));
  return sql`select id, hardware_uuid as uuid, serial, mac_addresses as macs, agent_device_id as "deviceId", name
          from parc.assets
         where tenant_id = ${tenantId}
           and status not in ('retired', 'lost')
           and ((${deviceId}::text is not null and agent_device_id = ${deviceId})
                or (${uuid}::text is not null and hardware_uuid = ${uuid})
                or (${serial}::text is not null and serial = ${serial})
                or mac_addresses && ${sql.placeholder('macs')}::text[])
           -- a link a person undid stays undone: this agent gets a device of its own
           and not exists (select 1 from parc.asset_matches m
                            where m.tenant_id = parc.assets.tenant_id and m.asset_id = parc.assets.id and m.kind = 'link'
                              and m.undone_at is not null and m.agent_device_id = ${deviceId})
         limit 20`;
}

/**
 * Serialises the reports of one machine, so two agents racing never create it twice. The keys are
 * locked in sorted order (so two reports never wait on each other crosswise), in one statement.
 */
export async function lockMachine(db: Db, tenantId: string, keys: (string | null)[]) {
  const sorted = [...new Set(keys.filter((k): k is string => Boolean(k)))].sort().map((key) => `${tenantId}:${key}`);
  if (sorted.length === 0) return;
  await runRendered(db, 'parc_ingest_lock', '', lockQuery, { list: pgArray(sorted) });
}

function lockQuery() {
  return sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(${sql.placeholder('list')}::text[]) with ordinality as u(k, n) order by n`;
}
