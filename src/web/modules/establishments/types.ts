import type { BodyOf, ItemOf, ResponseOf } from '../../api/types';

/** Shapes of the establishments API, named from the generated contract (src/web/api/schema.d.ts). */
export type EstablishmentPage = ResponseOf<'/api/establishments'>;
export type Establishment = ItemOf<EstablishmentPage['items']>;
export type EstablishmentDetail = ResponseOf<'/api/establishments/{uai}'>;
export type Building = ItemOf<EstablishmentDetail['buildings']>;
export type Room = ItemOf<EstablishmentDetail['rooms']>;
export type Unit = NonNullable<EstablishmentDetail['unit']>;
export type AuditEvent = ItemOf<ResponseOf<'/api/establishments/{uai}/history'>['items']>;
export type EstablishmentChanges = Omit<NonNullable<BodyOf<'/api/establishments/{uai}', 'patch'>>, 'version'>;
