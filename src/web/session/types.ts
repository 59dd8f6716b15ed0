import type { ItemOf, ResponseOf } from '../api/types';

/** The signed-in person, as GET /api/auth/me answers (generated from openapi.json). */
export type Me = ResponseOf<'/api/auth/me'>;
export type TenantSummary = ItemOf<Me['tenants']>;

/**
 * An authorization action: the keys of the session's permissions. The server sends every action
 * with whether this person may do it, so the web holds no list of its own; once the session's
 * schema names its keys, this type narrows to them and a misspelt action stops compiling.
 */
export type Permission = keyof Me['permissions'] & string;
