import type { ItemOf, ResponseOf } from '../../api/types';

/** An API token as GET /api/tokens lists it (generated contract). */
export type ApiToken = ItemOf<ResponseOf<'/api/tokens'>['items']>;
