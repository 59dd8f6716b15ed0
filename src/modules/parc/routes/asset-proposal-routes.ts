import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { decideAssetProposal, findAssetProposals, proposalFieldLabel, type AssetProposal } from '../operations/asset-proposals.js';
import { assetIdParams } from '../operations/get-asset.js';

const proposalSchema = z.object({
  id: z.string(),
  at: z.string(),
  agentDeviceId: z.string().nullable(),
  trust: z.string(),
  remoteAddress: z.string().nullable(),
  reason: z.string(),
  changes: z.array(z.object({ field: z.string(), label: z.string(), from: z.unknown(), to: z.unknown() })),
  status: z.enum(['pending', 'confirmed', 'refused']),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
});

const present = (p: AssetProposal) => ({
  id: p.id,
  at: p.at.toISOString(),
  agentDeviceId: p.agentDeviceId,
  trust: p.trust,
  remoteAddress: p.remoteAddress,
  reason: p.reason,
  changes: p.changes.map((c) => ({ field: c.field, label: proposalFieldLabel(c.field), from: c.from ?? null, to: c.to ?? null })),
  status: p.status as 'pending' | 'confirmed' | 'refused',
  decidedAt: p.decidedAt?.toISOString() ?? null,
  decidedBy: p.decidedBy,
});

const proposalParams = assetIdParams.extend({ proposalId: z.uuid() });

/** What unauthenticated agents' reports proposed on a device, and a technician's decision. */
export async function assetProposalRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['parc'];

  app.get(
    '/assets/:id/proposals',
    {
      schema: {
        operationId: 'listAssetProposals',
        tags,
        summary: 'Changements proposés par des rapports d’agents sans identifiants (déplacement, nom, identité), avec leur raison',
        params: assetIdParams,
        response: { 200: z.object({ items: z.array(proposalSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: (await findAssetProposals(ctxOf(fastify, request), request.params)).map(present) }),
  );

  for (const decision of ['confirm', 'refuse'] as const) {
    app.post(
      `/assets/:id/proposals/:proposalId/${decision}`,
      {
        schema: {
          operationId: decision === 'confirm' ? 'confirmAssetProposal' : 'refuseAssetProposal',
          tags,
          summary:
            decision === 'confirm'
              ? 'Confirme une proposition : le rapport de l’agent est appliqué (déplacement, nom, rattachement de l’agent)'
              : 'Refuse une proposition : rien ne change, et la même proposition du même agent ne revient pas',
          params: proposalParams,
          response: { 200: z.object({ status: z.string() }), ...errorResponses },
        },
      },
      async (request) => decideAssetProposal(ctxOf(fastify, request), { ...request.params, decision }),
    );
  }
}
