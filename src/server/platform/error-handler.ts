import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sentence } from '../../shared/messages.js';
import '../../shared/zod-locale.js';
import { AppError, type ErrorBody, type ErrorIssue } from './errors.js';

/** Fastify's own errors, in French, by their code. */
const fastifyMessages: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE', 'Le contenu envoyé est trop volumineux.'],
  FST_REQ_FILE_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE', 'Le fichier envoyé est trop volumineux.'],
  FST_FILES_LIMIT: [413, 'PAYLOAD_TOO_LARGE', 'Trop de fichiers envoyés à la fois.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', "Type de contenu non pris en charge."],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'BAD_REQUEST', 'Le corps JSON de la requête est vide.'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'BAD_REQUEST', "Le corps de la requête n'est pas du JSON valide."],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', 'Envoyez le fichier en multipart/form-data.'],
  FST_ERR_NOT_FOUND: [404, 'NOT_FOUND', 'Adresse inconnue.'],
};

export function installErrorHandler(app: FastifyInstance, options: { spaIndex: string | null }) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const requestId = String(request.id);
    const send = (status: number, code: string, message: string, issues?: ErrorIssue[], details?: Record<string, unknown>) => {
      const body: ErrorBody = { error: { code, message, requestId, ...(issues ? { issues } : {}), ...(details ? { details } : {}) } };
      return reply.status(status).send(body);
    };
    if (error instanceof AppError) {
      // a refusal that ends (throttling, a lock) says when: the client waits instead of insisting
      const retryAfter = error.details?.retryAfterSeconds;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
      return send(error.status, error.code, error.message, error.issues, error.details);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        path: [error.validationContext, ...String(v.instancePath || '').split('/').filter(Boolean)].filter(Boolean).join('.'),
        message: frenchIssue(v.message ?? '', { code: v.keyword, ...(v.params as Record<string, unknown>) }),
      }));
      return send(400, 'VALIDATION', 'Certaines valeurs envoyées ne sont pas valides.', issues);
    }
    const known = error.code ? fastifyMessages[error.code] : undefined;
    if (known) return send(known[0], known[1], known[2]);
    if (isResponseSerializationError(error)) request.log.error({ err: error.cause }, 'response does not match its schema');
    else if ((error.statusCode ?? 500) < 500) {
      return send(error.statusCode!, 'BAD_REQUEST', 'Requête invalide.');
    } else request.log.error({ err: error }, 'unexpected error');
    // never leak SQL or stack traces: the request id ties the answer to the server log
    return send(500, 'INTERNAL', `Erreur inattendue du serveur. Communiquez la référence ${requestId} au support.`);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    // a page of the single-page app, not an API path nor a missing file (a stale /assets/x.js)
    if (options.spaIndex && request.method === 'GET' && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path)) {
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile(options.spaIndex);
    }
    const body: ErrorBody = { error: { code: 'NOT_FOUND', message: 'Adresse inconnue.', requestId: String(request.id) } };
    reply.status(404).send(body);
  });
}

const frenchDefaults = z.locales.fr().localeError;

/** A message the schema wrote itself (`.regex(re, 'Code postal sur 5 chiffres')`), not zod's default for that issue. */
function ownMessage(message: string, issue: Record<string, unknown>): boolean {
  if (!message || typeof issue.code !== 'string') return false;
  const fallback = frenchDefaults(issue as never);
  const text = typeof fallback === 'string' ? fallback : fallback?.message;
  return text !== undefined && text !== message;
}


/**
 * The French message of one invalid field: the schema's own message when it wrote one, else a
 * plain wording for sizes and choices, else zod's message (French: see src/shared/zod-locale.ts).
 */
function frenchIssue(message: string, issue: Record<string, unknown>): string {
  if (ownMessage(message, issue)) return sentence(message);
  switch (issue.code) {
    case 'too_small':
      return `Valeur trop petite ou trop courte (minimum ${String(issue.minimum)}).`;
    case 'too_big':
      return `Valeur trop grande ou trop longue (maximum ${String(issue.maximum)}).`;
    case 'invalid_value':
      return 'Valeur non autorisée.';
    case 'unrecognized_keys':
      return 'Champs inconnus.';
    default:
      return message ? sentence(message) : 'Valeur invalide.';
  }
}
