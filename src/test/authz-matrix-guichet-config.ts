import { and, desc, eq } from 'drizzle-orm';
import { categories, deskSettings, serviceTerms, supportTeams } from '../modules/guichet/db/schema.js';
import { deskConfigCache } from '../modules/guichet/index.js';
import { demoAgreement } from '../modules/guichet/sla/index.js';
import type { TestApp } from './app.js';
import { allowed, tenantIdOf, unique, type Caller, type MatrixEntry } from './authz-matrix.js';
import { deskOf, deskStaff } from './matrix-fixtures/guichet.js';

/**
 * The desk configuration (routes/desk-config.ts): read by those who work the desk
 * (ticket.private.read), changed by the authority's admin only (desk.configure). Tenant B's admin
 * changes B's own desk and gets 404 on A's teams and categories. Each change leaves the desks as
 * they were for the other entries: terms are republished unchanged or under new keys, new teams
 * and categories are deactivated after the call.
 */

/** A team of A, inactive (routing never picks it), made for one call. */
async function inactiveTeamOfA(t: TestApp) {
  await deskOf(t);
  const [team] = await t.ctx.db
    .insert(supportTeams)
    .values({ tenantId: t.ids.a.tenantId, name: unique('Équipe matrice'), level: 2, organizationId: t.ids.a.tenantId, active: false })
    .returning();
  t.ctx.cache.invalidate(deskConfigCache, t.ids.a.tenantId);
  return team;
}

async function inactiveCategoryOfA(t: TestApp) {
  await deskOf(t);
  const [category] = await t.ctx.db
    .insert(categories)
    .values({ tenantId: t.ids.a.tenantId, key: unique('matrice'), label: unique('Catégorie matrice'), responsibleOrganizationId: t.ids.a.tenantId, active: false })
    .returning();
  t.ctx.cache.invalidate(deskConfigCache, t.ids.a.tenantId);
  return category;
}

/** Deactivates what a successful creation added, so routing in the other entries is unchanged. */
async function deactivateCreated(t: TestApp, c: Caller) {
  const tenantId = tenantIdOf(t, c);
  await t.ctx.db.update(supportTeams).set({ active: false }).where(and(eq(supportTeams.tenantId, tenantId), eq(supportTeams.level, 3), eq(supportTeams.triage, false), eq(supportTeams.warrantyHolders, ['Matrice'])));
  t.ctx.cache.invalidate(deskConfigCache, tenantId);
}

async function latestMatrix(t: TestApp, c: Caller) {
  const [row] = await t.ctx.db
    .select({ version: serviceTerms.version, body: serviceTerms.body })
    .from(serviceTerms)
    .where(and(eq(serviceTerms.tenantId, tenantIdOf(t, c)), eq(serviceTerms.kind, 'priority-matrix'), eq(serviceTerms.key, 'default')))
    .orderBy(desc(serviceTerms.version))
    .limit(1);
  return row;
}

async function settingsVersion(t: TestApp, c: Caller) {
  const [row] = await t.ctx.db.select({ version: deskSettings.version }).from(deskSettings).where(eq(deskSettings.tenantId, tenantIdOf(t, c)));
  return row?.version ?? 0;
}

const { id: _demoId, version: _demoVersion, ...demoTerms } = demoAgreement;
const weekdays = [{ from: '08:00', to: '12:00' }];

/** Configuring the desk (desk.configure): the authority's admin, B's on its own desk. */
const adminOnly = allowed(['authority-admin'], 200);
const adminOnlyCreated = allowed(['authority-admin'], 201);
const adminOnlyOfA = allowed(['authority-admin'], 200, { recordOfA: true });

export const guichetConfigMatrix: Record<string, MatrixEntry> = {
  getDeskConfiguration: {
    cases: [
      {
        expect: allowed(deskStaff, 200),
        request: async (t) => {
          await deskOf(t);
          return { url: '/api/desk/configuration' };
        },
        shown: (t, c) => (c === 'admin-b' ? [t.ids.unitB.name, 'convention-demo'] : [t.ids.unit1.name, t.ids.academy.name, 'convention-demo']),
      },
    ],
  },
  createSupportTeam: {
    cases: [
      {
        expect: adminOnlyCreated,
        request: async (t, c) => {
          await deskOf(t);
          return {
            url: '/api/desk/teams',
            payload: { name: unique('Équipe matrice'), level: 3, organizationId: tenantIdOf(t, c), categories: ['security'], warrantyHolders: ['Matrice'] },
          };
        },
        after: deactivateCreated,
      },
    ],
  },
  updateSupportTeam: {
    cases: [
      {
        expect: adminOnlyOfA,
        request: async (t) => {
          const team = await inactiveTeamOfA(t);
          return { method: 'PATCH', url: `/api/desk/teams/${team.id}`, payload: { version: team.version, name: unique('Équipe renommée') } };
        },
      },
    ],
  },
  createTicketCategory: {
    cases: [
      {
        expect: adminOnlyCreated,
        request: async (t, c) => {
          await deskOf(t);
          return { url: '/api/desk/categories', payload: { key: unique('matrice'), label: 'Catégorie de la matrice', responsibleOrganizationId: tenantIdOf(t, c) } };
        },
      },
    ],
  },
  updateTicketCategory: {
    cases: [
      {
        expect: adminOnlyOfA,
        request: async (t) => {
          const category = await inactiveCategoryOfA(t);
          return { method: 'PATCH', url: `/api/desk/categories/${category.key}`, payload: { version: category.version, label: unique('Libellé') } };
        },
      },
    ],
  },
  publishPriorityMatrix: {
    cases: [
      {
        expect: adminOnly,
        request: async (t, c) => {
          await deskOf(t);
          const latest = await latestMatrix(t, c);
          return { method: 'PUT', url: '/api/desk/priority-matrix', payload: { version: latest.version, matrix: latest.body } };
        },
      },
    ],
  },
  publishServiceAgreement: {
    cases: [
      {
        expect: adminOnly,
        request: async (t) => {
          await deskOf(t);
          return { method: 'PUT', url: `/api/desk/agreements/${unique('convention')}`, payload: { ...demoTerms, version: 0, label: 'Convention de la matrice' } };
        },
      },
    ],
  },
  publishBusinessCalendar: {
    cases: [
      {
        expect: adminOnly,
        request: async (t) => {
          await deskOf(t);
          return {
            method: 'PUT',
            url: `/api/desk/calendars/${unique('calendrier')}`,
            payload: { version: 0, label: 'Calendrier de la matrice', week: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: [], sun: [] } },
          };
        },
      },
    ],
  },
  updateDeskSettings: {
    cases: [
      {
        expect: adminOnly,
        request: async (t, c) => {
          await deskOf(t);
          return { method: 'PATCH', url: '/api/desk/settings', payload: { version: await settingsVersion(t, c), problemThreshold: 3 } };
        },
      },
    ],
  },
};
