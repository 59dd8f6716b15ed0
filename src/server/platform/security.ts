import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';
import { sessionCookie } from './http.js';

/**
 * The HTTP defences every route gets, installed once by buildApp (before the routes):
 * - text PostgreSQL cannot store (NUL, invalid UTF-8, lone surrogates) is refused with a 400 in
 *   the URL (path parameters and query), the headers the server reads and every body field, so
 *   such bytes never reach a statement (PostgreSQL refuses NUL: that was a 500);
 * - a cookie-authenticated write from another origin is refused (Origin or Sec-Fetch-Site),
 *   whatever its content type: SameSite=Strict is not the only defence;
 * - a route that needs a caller answers an anonymous one 401 before its input is validated
 *   (a 400 listing the fields told strangers the route's shape);
 * - a Content-Security-Policy with no inline script, HSTS when the public URL is https.
 */
export function installSecurity(app: FastifyInstance): void {
  replaceTextParsers(app);
  const https = app.config.publicUrl.startsWith('https://');
  // hooks that call `done` (a throw is Fastify's error too): an async hook costs every request a promise and a turn
  app.addHook('onRequest', (request, reply, done) => {
    sendPolicyHeaders(reply, https);
    refuseBadUrl(request.url);
    refuseBadHeaders(request);
    refuseCrossOriginWrite(app, request);
    done();
  });
  // before the body is even read: an anonymous caller learns neither the fields nor the parser's errors
  app.addHook('preParsing', (request, _reply, _payload, done) => {
    if (needsCaller(request) && !request.actor) throw new AppError('UNAUTHENTICATED', 'Vous devez être connecté.');
    done();
  });
  app.addHook('preValidation', (request, _reply, done) => {
    refuseBadValue(request.body, 'body');
    done();
  });
}

/**
 * The policy headers every answer of the routes installed after this carries, errors included
 * (headers stay on the reply whatever it ends with), set when the request arrives: an onSend hook
 * did it before, and any onSend hook sends every answer through Fastify's hook runner. A route may
 * replace them (attachment.ts sends its own Content-Security-Policy).
 */
function sendPolicyHeaders(reply: FastifyReply, https: boolean) {
  reply.header('content-security-policy', contentSecurityPolicy);
  if (https) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
}

/**
 * Mantine writes its styles at run time (style elements), hence 'unsafe-inline' for styles only;
 * scripts come from the application's own files, never inline.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const unsafeText = (where: string) =>
  new AppError(
    'BAD_REQUEST',
    `Texte refusé dans ${where} : caractère nul (U+0000), UTF-8 invalide ou caractère incomplet (demi-paire UTF-16). Retirez ce caractère et recommencez.`,
    { issues: [{ path: where, message: 'Caractère interdit.' }] },
  );

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a JavaScript string can be stored by PostgreSQL as it is. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !loneSurrogate.test(value);
}

/** Percent-escapes decoded to bytes, then read as strict UTF-8: %00, %C3%28 or %ED%A0%80 are refused. */
function refuseBadUrl(url: string) {
  if (!url.includes('%') && /^[\x21-\x7e]*$/.test(url)) return;
  let decoded: string | null = null;
  try {
    // native and fast; throws on invalid UTF-8 (lone surrogates included) and on a stray %
    decoded = decodeURIComponent(url);
  } catch {
    decoded = null;
  }
  if (decoded !== null) {
    if (!isStorableText(decoded)) throw unsafeText("l'adresse (chemin ou paramètres)");
    return;
  }
  const bytes: number[] = [];
  const raw = Buffer.from(url, 'latin1');
  for (let i = 0; i < raw.length; i++) {
    const hex = raw[i] === 0x25 ? raw.subarray(i + 1, i + 3).toString('latin1') : '';
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(raw[i]);
  }
  let text: string;
  try {
    text = fatalUtf8.decode(Uint8Array.from(bytes));
  } catch {
    throw unsafeText("l'adresse (chemin ou paramètres)");
  }
  if (!isStorableText(text)) throw unsafeText("l'adresse (chemin ou paramètres)");
}

/** Headers whose values the server uses as text (the tenant chosen, cookies, agents' identity). */
const textHeaders = ['x-coherence-tenant', 'cookie', 'authorization', 'glpi-agent-id', 'glpi-request-id', 'user-agent'];

function refuseBadHeaders(request: FastifyRequest) {
  for (const name of textHeaders) {
    const value = request.headers[name];
    if (typeof value === 'string' && !isStorableText(value)) throw unsafeText(`l'en-tête ${name}`);
  }
  for (const [name, value] of Object.entries(request.cookies ?? {})) {
    if (typeof value === 'string' && !isStorableText(value)) throw unsafeText(`le cookie ${name}`);
  }
}

/** Every string of a parsed body, keys included; the path of the first bad one is named. */
export function refuseBadValue(value: unknown, path: string, depth = 0): void {
  if (typeof value === 'string') {
    if (!isStorableText(value)) throw unsafeText(`le champ « ${path} »`);
    return;
  }
  if (value === null || typeof value !== 'object' || depth > 64 || Buffer.isBuffer(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    if (!isStorableText(key)) throw unsafeText(`un nom de champ de « ${path} »`);
    refuseBadValue(inner, `${path}.${key}`, depth + 1);
  }
}

/**
 * JSON and plain text read as strict UTF-8 (Fastify's own parsers put U+FFFD in place of bad
 * bytes, silently changing what was sent). The JSON parser is Fastify's, with its prototype
 * poisoning checks.
 */
function replaceTextParsers(app: FastifyInstance) {
  const json = app.getDefaultJsonParser('error', 'error');
  const strict = (body: Buffer) => {
    try {
      return fatalUtf8.decode(body);
    } catch {
      throw Object.assign(unsafeText('le corps de la requête'), { statusCode: 400 });
    }
  };
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = strict(body as Buffer);
    } catch (error) {
      return done(error as Error, undefined);
    }
    json(request, text, done);
  });
  app.addContentTypeParser('text/plain', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, strict(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A browser names the page that sent a request: Sec-Fetch-Site (same-origin, same-site,
 * cross-site, none) and Origin. A cookie-authenticated write (or a login, which sets the cookie)
 * is accepted only from this application's own origin; a client sending neither header is not a
 * browser, so a forged cross-site request cannot come from it.
 */
function refuseCrossOriginWrite(app: FastifyInstance, request: FastifyRequest) {
  if (safeMethods.has(request.method) || !request.url.startsWith('/api/')) return;
  const bearer = /^Bearer\s/i.test(request.headers.authorization ?? '');
  const withCookie = request.cookies?.[sessionCookie] !== undefined;
  if (bearer || !(withCookie || request.url.startsWith('/api/auth/'))) return;
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') throw crossOrigin();
  const origin = request.headers.origin;
  if (origin === undefined) return;
  if (!sameOrigin(origin, app.config.publicUrl, request)) throw crossOrigin();
}

const crossOrigin = () =>
  new AppError('FORBIDDEN', 'Requête refusée : elle vient d’une autre origine que Cohérence (protection contre la falsification de requêtes).');

function sameOrigin(origin: string, publicUrl: string, request: FastifyRequest): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // "null" (a sandboxed frame, a file) included
  }
  if (parsed.origin === new URL(publicUrl).origin) return true;
  // the address the browser used to reach this server (a second name, a test port)
  return parsed.host === request.headers.host && (parsed.protocol === 'http:' || parsed.protocol === 'https:');
}

/** Routes declare `security: []` when anyone may call them (login, health, agents, OpenAPI). */
function needsCaller(request: FastifyRequest): boolean {
  if (!request.url.startsWith('/api/')) return false;
  // the application's routes name an operation; documentation pages and the not-found answer do not
  const schema = request.routeOptions.schema as { security?: unknown[]; operationId?: string } | undefined;
  if (!schema?.operationId) return false;
  return !(Array.isArray(schema.security) && schema.security.length === 0);
}
