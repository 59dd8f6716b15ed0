import { bigint, index, jsonb, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const platform = pgSchema('platform');

/** Every change to a tenant's data: who, when, what before and after. Written in the same transaction. */
export const auditEvents = platform.table(
  'audit_events',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorType: text('actor_type').notNull(), // user | token | system
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(), // create | update | delete | import | login ...
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('audit_events_entity_idx').on(t.tenantId, t.entityType, t.entityId, t.at),
    index('audit_events_at_idx').on(t.tenantId, t.at),
  ],
);
