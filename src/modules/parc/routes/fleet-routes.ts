import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportFormat, sendExport } from '../../../server/platform/export.js';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { exportFleetEstablishments, fleetEstablishmentsExportInput } from '../operations/export-fleet-establishments.js';
import { exportLifecycleDevices, lifecycleDevicesExportInput } from '../operations/export-lifecycle-devices.js';
import { findFleetEstablishments, fleetEstablishmentsInput } from '../operations/find-fleet-establishments.js';
import { findLifecycleDevices, lifecycleDevicesInput } from '../operations/find-lifecycle-devices.js';
import { fleetStatsInput, getFleetStats } from '../operations/get-fleet-stats.js';
import { getRenewalForecast, renewalForecastInput } from '../operations/get-renewal-forecast.js';
import {
  fleetEstablishmentsSchema,
  fleetStatsSchema,
  lifecycleDevicesSchema,
  presentFleetEstablishments,
  presentFleetStats,
  presentLifecycleDevices,
  presentRenewalForecast,
  renewalForecastSchema,
} from '../presenters/fleet.js';

/** Fleet pages of a school (uai) or of every school the actor reaches: counts, ages, renewal. */
export async function fleetRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['parc'];
  app.get(
    '/fleet/stats',
    {
      schema: {
        operationId: 'getFleetStats',
        tags,
        summary: 'Parc d’un établissement ou de la collectivité : classes, statuts, pyramide des âges, systèmes, garantie, équipements muets, élèves par poste',
        querystring: fleetStatsInput,
        response: { 200: fleetStatsSchema, ...errorResponses },
      },
    },
    async (request) => presentFleetStats(await getFleetStats(ctxOf(fastify, request), request.query)),
  );
  app.get(
    '/fleet/renewal',
    {
      schema: {
        operationId: 'getRenewalForecast',
        tags,
        summary: 'Prévision de renouvellement : équipements arrivant en fin de vie par année, établissement et classe, avec coût estimé',
        querystring: renewalForecastInput,
        response: { 200: renewalForecastSchema, ...errorResponses },
      },
    },
    async (request) => presentRenewalForecast(await getRenewalForecast(ctxOf(fastify, request), request.query)),
  );
  app.get(
    '/fleet/establishments',
    {
      schema: {
        operationId: 'listFleetEstablishments',
        tags,
        summary: 'Parc par établissement : équipements, élèves par poste, hors garantie, à renouveler ; filtre par système d’exploitation',
        querystring: fleetEstablishmentsInput,
        response: { 200: fleetEstablishmentsSchema, ...errorResponses },
      },
    },
    async (request) => presentFleetEstablishments(await findFleetEstablishments(ctxOf(fastify, request), request.query)),
  );
  app.get(
    '/fleet/lifecycle',
    {
      schema: {
        operationId: 'listLifecycleDevices',
        tags,
        summary: 'Âge, durée de vie attendue, année de renouvellement et garantie de chaque équipement',
        querystring: lifecycleDevicesInput,
        response: { 200: lifecycleDevicesSchema, ...errorResponses },
      },
    },
    async (request) => presentLifecycleDevices(await findLifecycleDevices(ctxOf(fastify, request), request.query)),
  );
  app.get(
    '/fleet/establishments/export',
    {
      schema: {
        operationId: 'exportFleetEstablishments',
        tags,
        summary: 'Export CSV (UTF-8 avec BOM, « ; ») ou XLSX du parc par établissement, mêmes filtres, ordre et périmètre que la liste',
        querystring: fleetEstablishmentsExportInput.extend({ format: exportFormat.default('csv') }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      return sendExport(reply, request.query.format, await exportFleetEstablishments(ctx, request.query), ctx.now());
    },
  );
  app.get(
    '/fleet/lifecycle/export',
    {
      schema: {
        operationId: 'exportLifecycleDevices',
        tags,
        summary: 'Export CSV ou XLSX de l’âge, de la durée de vie, de l’année de renouvellement et de la garantie de chaque équipement, mêmes filtres que la liste',
        querystring: lifecycleDevicesExportInput.extend({ format: exportFormat.default('csv') }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      return sendExport(reply, request.query.format, await exportLifecycleDevices(ctx, request.query), ctx.now());
    },
  );
}
