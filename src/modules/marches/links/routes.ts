import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportFormat, sendExport } from '../../../server/platform/export.js';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { linkInScope } from './link-scope.js';
import { exportSiteLinks, linksExportInput } from './operations/export-site-links.js';
import { findLinkChanges } from './operations/find-link-changes.js';
import { findLinkSavings, linkSavingsInput } from './operations/find-link-savings.js';
import { findLinksInput, findSiteLinks } from './operations/find-site-links.js';
import { getLinkSettings, linkSettingsInput, updateLinkSettings } from './operations/link-settings.js';
import { recordLinkInput, recordSiteLink } from './operations/record-site-link.js';
import { updateLinkInput, updateSiteLink } from './operations/update-site-link.js';
import { linkChangeSchema, linkSavingsSchema, presentLinkChange, presentSiteLink, siteLinkListSchema, siteLinkSchema } from './presenters.js';

const idParams = z.object({ id: z.uuid('Identifiant invalide.') });

/** The network link of every site: current links, their history, before/after a contract. */
export async function linkRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['marches'];
  app.get(
    '/site-links',
    { schema: { operationId: 'listSiteLinks', tags, summary: 'Liens réseau des sites (actuels, ou toutes les périodes)', querystring: findLinksInput, response: { 200: siteLinkListSchema, ...errorResponses } } },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      const { items, total } = await findSiteLinks(ctx, request.query);
      return { items: items.map((r) => presentSiteLink(r, ctx.actor!)), total };
    },
  );
  app.get(
    '/site-links/export',
    {
      schema: {
        operationId: 'exportSiteLinks',
        tags,
        summary: 'Export CSV (UTF-8 avec BOM, « ; ») ou XLSX des liens réseau, mêmes filtres que la liste',
        querystring: linksExportInput.extend({ format: exportFormat.default('csv') }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const { format, ...filters } = request.query;
      return sendExport(reply, format, await exportSiteLinks(ctx, filters), ctx.now());
    },
  );
  app.get(
    '/site-links/savings',
    { schema: { operationId: 'getSiteLinkSavings', tags, summary: 'Coût mensuel par site avant et après un marché, économie et part reversée à l’établissement', querystring: linkSavingsInput, response: { 200: linkSavingsSchema, ...errorResponses } } },
    async (request) => findLinkSavings(ctxOf(fastify, request), request.query),
  );
  app.get(
    '/site-links/settings',
    { schema: { operationId: 'getSiteLinkSettings', tags, summary: 'Part de l’économie reversée aux établissements', response: { 200: linkSettingsInput, ...errorResponses } } },
    async (request) => getLinkSettings(ctxOf(fastify, request)),
  );
  app.put(
    '/site-links/settings',
    { schema: { operationId: 'updateSiteLinkSettings', tags, summary: 'Fixe la part de l’économie reversée aux établissements', body: linkSettingsInput, response: { 200: linkSettingsInput, ...errorResponses } } },
    async (request) => updateLinkSettings(ctxOf(fastify, request), request.body),
  );
  app.post(
    '/site-links',
    { schema: { operationId: 'recordSiteLink', tags, summary: 'Enregistre le nouveau lien d’un site (le lien en cours se termine la veille)', body: recordLinkInput, response: { 201: siteLinkSchema, ...errorResponses } } },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const created = await recordSiteLink(ctx, request.body);
      return reply.status(201).send(presentSiteLink({ link: created.link, uai: created.uai, establishmentName: created.establishmentName }, ctx.actor!));
    },
  );
  app.get(
    '/site-links/:id',
    { schema: { operationId: 'getSiteLink', tags, summary: 'Un lien réseau', params: idParams, response: { 200: siteLinkSchema, ...errorResponses } } },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      return presentSiteLink(await linkInScope(ctx, request.params.id, 'link.read'), ctx.actor!);
    },
  );
  app.patch(
    '/site-links/:id',
    { schema: { operationId: 'updateSiteLink', tags, summary: 'Corrige un lien réseau (version lue obligatoire) ; la modification est historisée', params: idParams, body: updateLinkInput, response: { 200: siteLinkSchema, ...errorResponses } } },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      await updateSiteLink(ctx, { ...request.body, id: request.params.id });
      return presentSiteLink(await linkInScope(ctx, request.params.id, 'link.read'), ctx.actor!);
    },
  );
  app.get(
    '/site-links/:id/changes',
    { schema: { operationId: 'listSiteLinkChanges', tags, summary: 'Historique des modifications d’un lien', params: idParams, response: { 200: z.object({ items: z.array(linkChangeSchema) }), ...errorResponses } } },
    async (request) => ({ items: (await findLinkChanges(ctxOf(fastify, request), request.params)).map(presentLinkChange) }),
  );
}
