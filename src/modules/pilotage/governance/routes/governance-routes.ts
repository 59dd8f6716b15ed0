import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendAttachment } from '../../../../server/platform/files/attachment.js';
import { ctxOf, errorResponses } from '../../../../server/platform/http.js';
import { addBodyMember } from '../operations/add-body-member.js';
import { addDecision } from '../operations/add-decision.js';
import { createAgreementInput, updateAgreementInput } from '../operations/agreement.input.js';
import { memberInput, createBodyInput, removeMemberQuery, updateBodyInput, updateMemberInput } from '../operations/body.input.js';
import { castVote } from '../operations/cast-vote.js';
import { closeDecision } from '../operations/close-decision.js';
import { createAgreement } from '../operations/create-agreement.js';
import { createBody } from '../operations/create-body.js';
import { createMeeting } from '../operations/create-meeting.js';
import { findAgreements } from '../operations/find-agreements.js';
import { findBodies } from '../operations/find-bodies.js';
import { findGovernancePartners } from '../operations/find-partners.js';
import { updateAgreement } from '../operations/update-agreement.js';
import { updateBody } from '../operations/update-body.js';
import { removeBodyMember, updateBodyMember } from '../operations/update-body-member.js';
import { addFollowUp, completeFollowUp, findFollowUps } from '../operations/follow-ups.js';
import { getDataPack } from '../operations/get-data-pack.js';
import { getMeeting } from '../operations/get-meeting.js';
import { issueDataPack } from '../operations/issue-data-pack.js';
import { createMeetingInput, decisionInput, followUpInput, updateMeetingInput, voteInput } from '../operations/meeting.input.js';
import { updateMeeting } from '../operations/update-meeting.js';
import { agreementSchema, bodySchema, dataPackSchema, followUpSchema, idSchema, meetingSchema, memberSchema, partnerSchema } from '../presenters.js';

const idParams = z.object({ id: z.uuid('Identifiant invalide') });
const memberParams = idParams.extend({ memberId: z.uuid('Identifiant de membre invalide') });
const versioned = z.object({ id: z.string(), version: z.number() });
const tags = ['pilotage'];

/** Governance: agreements, bodies and their members, meetings, decisions and votes, actions, data packs. */
export async function governanceRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: Parameters<typeof ctxOf>[1]) => ctxOf(fastify, request);

  app.get('/governance/agreements', { schema: { operationId: 'findGovernanceAgreements', tags, summary: 'Convention cadre et conventions de service, avec les niveaux de service mesurés par le guichet sur 12 mois', response: { 200: z.array(agreementSchema), ...errorResponses } } }, async (request) =>
    findAgreements(ctx(request)),
  );
  app.post('/governance/agreements', { schema: { operationId: 'createGovernanceAgreement', tags, summary: 'Crée une convention (cadre, collectivité ↔ établissement, académie ↔ collectivité, académie ↔ établissement)', body: createAgreementInput, response: { 201: idSchema, ...errorResponses } } }, async (request, reply) => {
    const row = await createAgreement(ctx(request), request.body);
    return reply.status(201).send({ id: row.id });
  });

  app.put('/governance/agreements/:id', { schema: { operationId: 'updateGovernanceAgreement', tags, summary: 'Modifie une convention : parties, dates, engagements et niveaux de service (version lue requise : 409 si elle a changé)', params: idParams, body: updateAgreementInput, response: { 200: versioned, ...errorResponses } } }, async (request) => {
    const row = await updateAgreement(ctx(request), request.params.id, request.body);
    return { id: row.id, version: row.version };
  });
  app.get('/governance/partners', { schema: { operationId: 'findGovernancePartners', tags, summary: 'La collectivité et ses partenaires : pour qui siège un membre, qui lie une convention', response: { 200: z.array(partnerSchema), ...errorResponses } } }, async (request) =>
    findGovernancePartners(ctx(request)),
  );

  app.get('/governance/bodies', { schema: { operationId: 'findGovernanceBodies', tags, summary: 'Instances de gouvernance, leurs membres par partenaire et leurs réunions', response: { 200: z.array(bodySchema), ...errorResponses } } }, async (request) =>
    findBodies(ctx(request)),
  );
  app.post('/governance/bodies', { schema: { operationId: 'createGovernanceBody', tags, summary: 'Crée une instance (groupe projet, comité technique, comité de pilotage, groupement d’achat)', body: createBodyInput, response: { 201: idSchema, ...errorResponses } } }, async (request, reply) => {
    const row = await createBody(ctx(request), request.body);
    return reply.status(201).send({ id: row.id });
  });
  app.post('/governance/bodies/:id/members', { schema: { operationId: 'addGovernanceBodyMember', tags, summary: 'Ajoute un membre à une instance', params: idParams, body: memberInput, response: { 201: memberSchema.pick({ id: true, name: true, title: true, organizationId: true }), ...errorResponses } } }, async (request, reply) => {
    const m = await addBodyMember(ctx(request), request.params.id, request.body);
    return reply.status(201).send({ id: m.id, name: m.name, title: m.title, organizationId: m.organizationId });
  });

  app.put('/governance/bodies/:id', { schema: { operationId: 'updateGovernanceBody', tags, summary: 'Modifie une instance : type, nom, périodicité, règle de décision (version lue requise : 409 si elle a changé)', params: idParams, body: updateBodyInput, response: { 200: versioned, ...errorResponses } } }, async (request) => {
    const row = await updateBody(ctx(request), request.params.id, request.body);
    return { id: row.id, version: row.version };
  });
  app.put('/governance/bodies/:id/members/:memberId', { schema: { operationId: 'updateGovernanceBodyMember', tags, summary: 'Modifie un membre : nom, fonction, partenaire représenté (version lue requise)', params: memberParams, body: updateMemberInput, response: { 200: versioned, ...errorResponses } } }, async (request) => {
    const row = await updateBodyMember(ctx(request), request.params.id, request.params.memberId, request.body);
    return { id: row.id, version: row.version };
  });
  app.delete('/governance/bodies/:id/members/:memberId', { schema: { operationId: 'removeGovernanceBodyMember', tags, summary: 'Retire un membre qui n’a ni voté ni porté d’action (sinon 409)', params: memberParams, querystring: removeMemberQuery, response: { 204: z.null(), ...errorResponses } } }, async (request, reply) => {
    await removeBodyMember(ctx(request), request.params.id, request.params.memberId, request.query.version);
    return reply.status(204).send(null);
  });

  app.post('/governance/meetings', { schema: { operationId: 'createGovernanceMeeting', tags, summary: "Crée une réunion d'une instance avec son ordre du jour", body: createMeetingInput, response: { 201: idSchema, ...errorResponses } } }, async (request, reply) => {
    const row = await createMeeting(ctx(request), request.body);
    return reply.status(201).send({ id: row.id });
  });
  app.get('/governance/meetings/:id', { schema: { operationId: 'getGovernanceMeeting', tags, summary: "Une réunion : ordre du jour, présences, compte rendu, décisions et votes, actions, dossiers de séance émis", params: idParams, response: { 200: meetingSchema, ...errorResponses } } }, async (request) =>
    getMeeting(ctx(request), request.params.id),
  );
  app.patch('/governance/meetings/:id', { schema: { operationId: 'updateGovernanceMeeting', tags, summary: 'Modifie ordre du jour, présences ou compte rendu (version lue requise : 409 si elle a changé)', params: idParams, body: updateMeetingInput, response: { 200: z.object({ id: z.string(), version: z.number() }), ...errorResponses } } }, async (request) => {
    const row = await updateMeeting(ctx(request), request.params.id, request.body);
    return { id: row.id, version: row.version };
  });

  app.post('/governance/meetings/:id/decisions', { schema: { operationId: 'addGovernanceDecision', tags, summary: 'Soumet une décision au vote', params: idParams, body: decisionInput, response: { 201: idSchema, ...errorResponses } } }, async (request, reply) => {
    const row = await addDecision(ctx(request), request.params.id, request.body);
    return reply.status(201).send({ id: row.id });
  });
  app.post('/governance/decisions/:id/votes', { schema: { operationId: 'castGovernanceVote', tags, summary: "Enregistre le vote d'un membre présent de l'instance (un non-membre est refusé)", params: idParams, body: voteInput, response: { 200: z.object({ memberId: z.string(), choice: z.string() }), ...errorResponses } } }, async (request) => {
    const vote = await castVote(ctx(request), request.params.id, request.body);
    return { memberId: vote.memberId, choice: vote.choice };
  });
  app.post('/governance/decisions/:id/close', { schema: { operationId: 'closeGovernanceDecision', tags, summary: "Clôt le vote : adoptée ou rejetée selon la règle de l'instance (unanimité ou majorité)", params: idParams, response: { 200: z.object({ id: z.string(), status: z.string() }), ...errorResponses } } }, async (request) => {
    const row = await closeDecision(ctx(request), request.params.id);
    return { id: row.id, status: row.status };
  });

  app.get('/governance/actions', { schema: { operationId: 'findGovernanceActions', tags, summary: 'Actions décidées par les instances, suivies jusqu’à leur réalisation (retards signalés)', querystring: z.object({ open: z.enum(['true', 'false']).optional() }), response: { 200: z.array(followUpSchema), ...errorResponses } } }, async (request) =>
    findFollowUps(ctx(request), { open: request.query.open === 'true' }),
  );
  app.post('/governance/meetings/:id/actions', { schema: { operationId: 'addGovernanceAction', tags, summary: 'Ajoute une action avec son porteur (membre de l’instance) et son échéance', params: idParams, body: followUpInput, response: { 201: idSchema, ...errorResponses } } }, async (request, reply) => {
    const row = await addFollowUp(ctx(request), request.params.id, request.body);
    return reply.status(201).send({ id: row.id });
  });
  app.post('/governance/actions/:id/done', { schema: { operationId: 'completeGovernanceAction', tags, summary: 'Marque une action comme faite', params: idParams, response: { 200: followUpSchema, ...errorResponses } } }, async (request) =>
    completeFollowUp(ctx(request), request.params.id),
  );

  app.post('/governance/meetings/:id/data-packs', { schema: { operationId: 'issueGovernanceDataPack', tags, summary: 'Émet le dossier de séance (PDF) à partir des chiffres du moment : une nouvelle version, conservée telle qu’émise', params: idParams, response: { 201: dataPackSchema.extend({ bytes: z.number() }), ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await issueDataPack(ctx(request), request.params.id)),
  );
  app.get('/governance/meetings/:id/data-packs/:version', { schema: { operationId: 'downloadGovernanceDataPack', tags, summary: 'Télécharge un dossier de séance tel qu’il a été émis (jamais régénéré)', params: idParams.extend({ version: z.coerce.number().int().positive('Version invalide') }), response: { 200: z.any(), ...errorResponses } } }, async (request, reply) => {
    const pack = await getDataPack(ctx(request), request.params.id, request.params.version);
    reply.header('x-content-sha256', pack.sha256);
    return sendAttachment(reply, { filename: pack.filename, contentType: 'application/pdf', bytes: pack.bytes });
  });
}
