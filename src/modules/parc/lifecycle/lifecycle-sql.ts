import { sql, type SQL } from 'drizzle-orm';
import { defaultExpectedLifeYears } from '../asset-classes.js';
import { assets } from '../db/schema.js';
import { ageBucketBounds, unknownAgeBucket } from './age-buckets.js';
import { daysPerYear } from './device-lifecycle.js';
import type { ExpectedLife } from './expected-life.js';
import { outOfFleetStatuses } from './fleet-sets.js';

/**
 * The SQL forms of the lifecycle rules of device-lifecycle.ts, for set-based counts over a whole
 * fleet; lifecycle-sql.test.ts checks both give the same answers. `today` is a `YYYY-MM-DD` date
 * from the request's clock, never the database's now().
 */

const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/** Purchase date, else the day of the first inventory (UTC). */
export const ageStartSql: SQL = sql`coalesce(${assets.purchaseDate}, (${assets.firstInventoryAt} at time zone 'UTC')::date)`;

export function ageYearsSql(today: string): SQL {
  return sql`greatest(0, (${today}::date - ${ageStartSql})::numeric / ${daysPerYear})`;
}

export function expectedLifeSql(life: ExpectedLife): SQL {
  return sql`coalesce((${JSON.stringify(life)}::jsonb ->> ${assets.assetClass})::int, ${defaultExpectedLifeYears.desktop})`;
}

export function renewalYearSql(life: ExpectedLife): SQL {
  return sql`(extract(year from ${ageStartSql})::int + ${expectedLifeSql(life)})`;
}

/** The bar of the age pyramid (age-buckets.ts), -1 when the age is unknown. */
export function ageBucketSql(today: string): SQL {
  const age = ageYearsSql(today);
  const whens = [...ageBucketBounds]
    .map((min, index) => ({ min, index }))
    .reverse()
    .map(({ min, index }) => sql`when ${age} >= ${min} then ${index}`);
  return sql`(case when ${ageStartSql} is null then ${unknownAgeBucket} ${sql.join(whens, sql` `)} else 0 end)::int`;
}

export function warrantySql(today: string): SQL {
  return sql`(case when ${assets.warrantyEnd} is null then 'unknown' when ${assets.warrantyEnd} >= ${today}::date then 'covered' else 'expired' end)`;
}

/** Devices that are part of the fleet (not ordered, retired or lost). */
export const inFleetSql: SQL = sql`${assets.status} not in (${list(outOfFleetStatuses)})`;

export function statusInSql(statuses: readonly string[]): SQL {
  return sql`${assets.status} in (${list(statuses)})`;
}

export function classInSql(classes: readonly string[]): SQL {
  return sql`${assets.assetClass} in (${list(classes)})`;
}
