import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { establishmentTrail } from '../db/establishment-trail.js';
import { authorize } from '../../../server/platform/authz.js';
import { exportFormat, sendExport } from '../../../server/platform/export.js';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { establishments } from '../db/schema.js';
import { establishmentColumns } from '../export-columns.js';
import { exportEstablishments, establishmentsExportInput } from '../operations/export-establishments.js';
import { cachedEstablishments } from '../operations/find-establishments-cached.js';
import { findEstablishmentsInput } from '../operations/find-establishments.js';
import { getEstablishment, getEstablishmentDetail } from '../operations/get-establishment.js';
import { getEstablishmentStats } from '../operations/get-establishment-stats.js';
import { updateEstablishment, updateEstablishmentInput } from '../operations/update-establishment.js';
import { establishmentSchema, permissionsKey, presentEstablishment, presentEstablishments } from '../presenters/establishments.js';
import { auditEventSchema, buildingSchema, presentAuditEvent, presentBuilding, presentRoom, roomSchema, unitSchema, presentUnit } from '../presenters/related.js';

const uaiParams = z.object({ uai: z.string().min(1).max(20) });

const listResponse = z.object({
  items: z.array(establishmentSchema),
  total: z.number(),
  totalIsLowerBound: z.boolean().describe('Vrai pour une recherche qui trouve plus de `total` établissements : le compte s’arrête à 1 000 (« plus de 1 000 »)'),
  nextCursor: z.string().nullable().describe('À passer en `after` pour la page suivante ; null en fin de liste'),
  previousCursor: z.string().nullable().describe('À passer en `before` pour la page précédente ; null en tête de liste'),
});
type ListResponse = z.infer<typeof listResponse>;

export async function establishmentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['référentiel'];

  app.get(
    '/establishments',
    {
      schema: {
        operationId: 'listEstablishments',
        tags,
        summary: 'Établissements visibles, filtrés, triés et paginés sur le serveur',
        querystring: findEstablishmentsInput,
        response: {
          200: listResponse,
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const page = await cachedEstablishments(ctx, request.query);
      const { items, total, totalIsLowerBound, nextCursor, previousCursor } = page;
      // a kept page's JSON is kept with it, one per set of row permissions (find-establishments-cached.ts)
      const body = page.written(permissionsKey(ctx.actor!), () => reply.serialize({ items: presentEstablishments(items, ctx.actor!), total, totalIsLowerBound, nextCursor, previousCursor }) as string);
      return reply.type('application/json; charset=utf-8').send(body as unknown as ListResponse);
    },
  );

  app.get(
    '/establishments/stats',
    {
      schema: {
        operationId: 'getEstablishmentStats',
        tags,
        summary: 'Chiffres des établissements visibles : total, ouverts, public/privé, REP/REP+, élèves, par nature',
        response: {
          200: z.object({
            total: z.number(),
            open: z.number(),
            public: z.number(),
            private: z.number(),
            rep: z.number(),
            repPlus: z.number(),
            pupils: z.number(),
            byNature: z.array(z.object({ natureCode: z.string().nullable(), natureLabel: z.string().nullable(), count: z.number() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => getEstablishmentStats(ctxOf(fastify, request)),
  );

  app.get(
    '/establishments/export',
    {
      schema: {
        operationId: 'exportEstablishments',
        tags,
        summary: 'Export CSV (UTF-8 avec BOM, « ; ») ou XLSX de la liste filtrée',
        querystring: establishmentsExportInput.extend({ format: exportFormat.default('csv') }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const { format, ...filters } = request.query;
      return sendExport(reply, format, await exportEstablishments(ctx, filters), ctx.now());
    },
  );

  app.get(
    '/establishments/:uai',
    {
      schema: {
        operationId: 'getEstablishment',
        tags,
        summary: 'Un établissement, ses bâtiments, ses salles et son unité territoriale',
        params: uaiParams,
        response: {
          200: establishmentSchema.extend({
            buildings: z.array(buildingSchema),
            rooms: z.array(roomSchema),
            unit: unitSchema.nullable(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      const detail = await getEstablishmentDetail(ctx, request.params);
      return {
        ...presentEstablishment(detail.establishment, ctx.actor!),
        buildings: detail.buildings.map(presentBuilding),
        rooms: detail.rooms.map(presentRoom),
        unit: detail.unit ? presentUnit(detail.unit) : null,
      };
    },
  );

  app.patch(
    '/establishments/:uai',
    {
      schema: {
        operationId: 'updateEstablishment',
        tags,
        summary: 'Modifie un établissement (envoyer la version lue : 409 si quelqu’un l’a modifié entre-temps)',
        params: uaiParams,
        body: updateEstablishmentInput,
        response: { 200: establishmentSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      const updated = await updateEstablishment(ctx, { uai: request.params.uai, changes: request.body });
      return presentEstablishment(updated, ctx.actor!);
    },
  );

  app.get(
    '/establishments/:uai/history',
    {
      schema: {
        operationId: 'getEstablishmentHistory',
        tags,
        summary: 'Journal des modifications d’un établissement : qui, quand, avant, après',
        params: uaiParams,
        response: { 200: z.object({ items: z.array(auditEventSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      authorize(ctx.actor, 'audit.read');
      const e = await getEstablishment(ctx, request.params);
      
      const events = await establishmentTrail(ctx.db, { tenantId: ctx.actor.tenantId, id: e.id, uai: e.uai, limit: 200 });
      return { items: events.map(presentAuditEvent) };
    },
  );
}
