import { multipartBody } from './multipart.js';
import { allowed, created, deleted, everyUser, onSchools, readableUais, unique, unit2School, unreadableUais, type MatrixEntry } from './authz-matrix.js';
import {
  auditReaders,
  establishmentExporters,
  establishmentReaders,
  establishmentVersion,
  importRunOfA,
  newBuilding,
  newRoom,
  organizationReaders,
  ownLyceesFile,
  premisesOnUnit1,
  premisesOnUnit2,
  unitReaders,
  unitVersion,
} from './matrix-fixtures/referentiel.js';

let phoneCounter = 0;

const tenantACompetence = { families: ['lycee', 'erea', 'college'], academyCodes: ['09', '20'], departmentCodes: [], communeCodes: [] };

/** Establishments, premises, units, organizations, imports and audit: their routes in the authorization matrix (see authz-matrix.ts for the rules). */
export const referentielMatrix: Record<string, MatrixEntry> = {
  // ------------------------------------------------------------ establishments
  listEstablishments: {
    cases: [
      {
        expect: allowed(establishmentReaders, 200),
        request: () => ({ url: '/api/establishments', query: { pageSize: '100' } }),
        hidden: (t, c) => unreadableUais(t, c),
        shown: (t, c) => (c === 'admin-b' ? t.ids.establishmentsB.map((e) => e.uai) : readableUais(t, c)),
      },
      {
        label: 'recherche du nom d’un lycée du secteur 2',
        expect: allowed(establishmentReaders, 200),
        request: (t) => ({ url: '/api/establishments', query: { search: unit2School(t).name } }),
        hidden: (t, c) => unreadableUais(t, c),
      },
    ],
  },
  getEstablishmentStats: {
    cases: [
      {
        expect: allowed(establishmentReaders, 200),
        request: () => ({ url: '/api/establishments/stats' }),
        // counts only what the caller may read
        shown: (t, c) => [`"total":${c === 'admin-b' ? t.ids.establishmentsB.length : readableUais(t, c).length}`],
      },
    ],
  },
  exportEstablishments: {
    cases: [
      {
        expect: allowed(establishmentExporters, 200),
        request: () => ({ url: '/api/establishments/export', query: { format: 'csv' } }),
        hidden: (t, c) => unreadableUais(t, c),
        shown: (t, c) => (c === 'admin-b' ? t.ids.establishmentsB.map((e) => e.uai) : readableUais(t, c)),
      },
    ],
  },
  getEstablishment: {
    cases: onSchools(
      (_t, e) => ({ url: `/api/establishments/${e.uai}` }),
      {
        unit1: allowed(establishmentReaders, 200, { outOfScope: ['contractor'], recordOfA: true }),
        unit2: allowed(establishmentReaders, 200, { outOfScope: ['technician', 'establishment-staff', 'academy-staff'], recordOfA: true }),
        lilleNoUnit: allowed(establishmentReaders, 200, { outOfScope: ['technician', 'establishment-staff', 'contractor'], recordOfA: true }),
      },
      { showRecord: true },
    ),
  },
  updateEstablishment: {
    cases: onSchools(
      async (t, e) => ({ url: `/api/establishments/${e.uai}`, payload: { version: await establishmentVersion(t, e), phone: `03 20 00 00 ${String(++phoneCounter % 100).padStart(2, '0')}` } }),
      {
        unit1: allowed(['authority-admin'], 200, { recordOfA: true }),
        unit2: allowed(['authority-admin'], 200, { recordOfA: true }),
      },
      { showRecord: true },
    ),
  },
  getEstablishmentHistory: {
    cases: onSchools(
      (_t, e) => ({ url: `/api/establishments/${e.uai}/history` }),
      {
        unit1: allowed(auditReaders, 200, { recordOfA: true }),
        unit2: allowed(auditReaders, 200, { recordOfA: true }),
      },
    ),
  },

  // ------------------------------------------------------------ buildings and rooms
  createBuilding: {
    cases: onSchools((_t, e) => ({ url: `/api/establishments/${e.uai}/buildings`, payload: { name: unique('Bâtiment') } }), {
      unit1: created(premisesOnUnit1),
      unit2: created(premisesOnUnit2),
    }),
  },
  updateBuilding: {
    cases: onSchools(
      async (t, e) => {
        const building = await newBuilding(t, e);
        return { url: `/api/establishments/${e.uai}/buildings/${building.id}`, payload: { name: unique('Bâtiment'), version: building.version } };
      },
      { unit1: premisesOnUnit1, unit2: premisesOnUnit2 },
    ),
  },
  deleteBuilding: {
    cases: onSchools(
      async (t, e) => {
        const building = await newBuilding(t, e);
        return { url: `/api/establishments/${e.uai}/buildings/${building.id}`, query: { version: String(building.version) } };
      },
      { unit1: deleted(premisesOnUnit1), unit2: deleted(premisesOnUnit2) },
    ),
  },
  createRoom: {
    cases: onSchools(
      async (t, e) => {
        const building = await newBuilding(t, e);
        return { url: `/api/establishments/${e.uai}/rooms`, payload: { buildingId: building.id, name: unique('Salle'), kind: 'classroom' } };
      },
      { unit1: created(premisesOnUnit1), unit2: created(premisesOnUnit2) },
    ),
  },
  updateRoom: {
    cases: onSchools(
      async (t, e) => {
        const { building, room } = await newRoom(t, e);
        return {
          url: `/api/establishments/${e.uai}/rooms/${room.id}`,
          payload: { buildingId: building.id, name: unique('Salle'), kind: 'lab', floor: '1', version: room.version },
        };
      },
      { unit1: premisesOnUnit1, unit2: premisesOnUnit2 },
    ),
  },
  deleteRoom: {
    cases: onSchools(
      async (t, e) => {
        const { room } = await newRoom(t, e);
        return { url: `/api/establishments/${e.uai}/rooms/${room.id}`, query: { version: String(room.version) } };
      },
      { unit1: deleted(premisesOnUnit1), unit2: deleted(premisesOnUnit2) },
    ),
  },

  // ------------------------------------------------------------ units and organizations
  listUnits: {
    cases: [
      {
        expect: allowed(unitReaders, 200),
        request: () => ({ url: '/api/units' }),
        shown: (t, c) => (c === 'admin-b' ? [t.ids.unitB.name] : [t.ids.unit1.name, t.ids.unit2.name]),
      },
    ],
  },
  createUnit: {
    cases: [
      {
        expect: allowed(['authority-admin'], 201),
        request: () => ({ method: 'POST', url: '/api/units', payload: { code: unique('AG'), name: unique('Agence matrice'), kind: 'agency' } }),
      },
    ],
  },
  updateUnit: {
    cases: [
      {
        label: 'agence 1 de A',
        expect: allowed(['authority-admin'], 200, { recordOfA: true }),
        request: async (t) => ({ url: `/api/units/${t.ids.unit1.id}`, payload: { version: await unitVersion(t, t.ids.unit1.id), name: t.ids.unit1.name } }),
        record: (t) => [t.ids.unit1.name, t.ids.unit1.code],
      },
    ],
  },
  listOrganizations: {
    cases: [
      {
        expect: allowed(organizationReaders, 200),
        request: () => ({ url: '/api/organizations' }),
        shown: (t, c) => (c === 'admin-b' ? [t.ids.b.name] : [t.ids.a.name, t.ids.academy.name, t.ids.contractorOrg.name]),
        hidden: (t, c) => (c === 'admin-b' ? [t.ids.a.name] : [t.ids.b.name]),
      },
    ],
  },
  addPartner: {
    cases: [
      {
        expect: allowed(['authority-admin'], 201),
        request: () => ({ method: 'POST', url: '/api/organizations', payload: { code: unique('partenaire'), kind: 'contractor', name: unique('Partenaire matrice') } }),
      },
    ],
  },

  getCompetence: {
    cases: [
      {
        expect: everyUser(200),
        request: () => ({ url: '/api/organization/competence' }),
      },
    ],
  },
  declareCompetence: {
    cases: [
      {
        label: 'redéclare la compétence déjà en place',
        expect: allowed(['authority-admin'], 200),
        // tenant A keeps the competence src/test/app.ts declares; tenant B keeps its defaults
        request: (_t, c) => ({ method: 'PUT', url: '/api/organization/competence', payload: { competence: c === 'admin-b' ? null : tenantACompetence } }),
      },
    ],
  },

  // ------------------------------------------------------------ imports and audit
  importEstablishments: {
    cases: [
      {
        label: 'le fichier de ses propres lycées, attendu jusqu’au bout',
        expect: allowed(['authority-admin'], 200),
        request: async (t, c) => {
          const body = multipartBody({ name: 'lycees.json', bytes: await ownLyceesFile(t, c), type: 'application/json' }, { mode: 'all-or-nothing' });
          return { method: 'POST', url: '/api/imports/establishments', query: { wait: 'true' }, payload: body.payload, headers: { 'content-type': body.contentType } };
        },
      },
    ],
  },
  listImports: {
    cases: [{ expect: { ...allowed(['authority-admin'], 200), 'read-token': 403 }, request: () => ({ url: '/api/imports' }) }],
  },
  getImport: {
    cases: [
      {
        label: 'un import de A',
        expect: { ...allowed(['authority-admin'], 200, { recordOfA: true }), 'read-token': 403 },
        request: async (t) => ({ url: `/api/imports/${await importRunOfA(t)}` }),
      },
    ],
  },
  listAuditEvents: {
    cases: [{ expect: allowed(auditReaders, 200), request: () => ({ url: '/api/audit', query: { pageSize: '100' } }) }],
  },

};
