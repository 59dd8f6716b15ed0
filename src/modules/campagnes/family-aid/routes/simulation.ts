import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf, errorResponses } from '../../../../server/platform/http.js';
import { z } from 'zod';
import { listOpenFamilyAidCampaigns, openFamilyAidCampaign } from '../operations/list-open-campaigns.js';
import { aidSimulationInput, aidSimulationParams, aidSimulationResult, simulateFamilyAid } from '../operations/simulate-aid.js';
import { authorityParams } from '../operations/sign-in-link.js';

export async function simulationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/authorities/:authority/campaigns/:code/aid-simulation',
    {
      schema: {
        operationId: 'simulateFamilyAid',
        tags: ['campagnes'],
        summary: 'Simule l’aide à l’équipement d’une famille : aide, reste à payer, assurance, échéancier (sans compte)',
        description:
          'Montants en centimes d’euro. L’aide vaut 50 % du prix plafonnée à 225 € si le revenu fiscal de référence est strictement inférieur à 72 000 € ; ' +
          'familyCents = prix − aide ; l’échéancier (1 à 36 mensualités, écart d’un centime au plus) totalise familyCents + insuranceCents.',
        security: [],
        params: aidSimulationParams,
        body: aidSimulationInput,
        response: { 200: aidSimulationResult, ...errorResponses },
      },
    },
    async (request) => simulateFamilyAid(ctxOf(fastify, request), request.params, request.body),
  );

  app.get(
    '/authorities/:authority/family-aid-campaigns',
    {
      schema: {
        operationId: 'listOpenFamilyAidCampaigns',
        tags: ['campagnes'],
        summary: 'Les campagnes d’aide aux familles ouvertes d’une collectivité, avec les équipements proposés et leur prix (sans compte)',
        security: [],
        params: authorityParams,
        response: { 200: z.array(openFamilyAidCampaign), ...errorResponses },
      },
    },
    async (request) => listOpenFamilyAidCampaigns(ctxOf(fastify, request), request.params),
  );
}
