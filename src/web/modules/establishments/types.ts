export interface Establishment {
  id: string;
  uai: string;
  name: string;
  natureCode: string | null;
  natureLabel: string | null;
  sector: string;
  contractType: string | null;
  academyCode: string | null;
  academyName: string | null;
  departmentCode: string | null;
  communeCode: string | null;
  communeName: string | null;
  postalCode: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  pupils: number | null;
  priorityEducation: string | null;
  tracks: string[];
  isOpen: boolean;
  phone: string | null;
  email: string | null;
  unitId: string | null;
  version: number;
  updatedAt: string;
  permissions: { update: boolean; managePremises: boolean };
}

export interface Building {
  id: string;
  name: string;
  version: number;
}

export interface Room {
  id: string;
  buildingId: string;
  name: string;
  kind: string;
  floor: string | null;
  version: number;
}

export interface Unit {
  id: string;
  parentId: string | null;
  kind: string;
  code: string;
  name: string;
  version: number;
}

export interface EstablishmentDetail extends Establishment {
  buildings: Building[];
  rooms: Room[];
  unit: Unit | null;
}

export interface AuditEvent {
  id: number;
  at: string;
  actorType: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** A page of the establishment list, with where the pages beside it start. */
export interface CursorPage<T> extends Page<T> {
  nextCursor: string | null;
  previousCursor: string | null;
}
