import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/**
 * The one HTTP client of the web app, typed from openapi.json (src/web/api/schema.d.ts, written by
 * `npm run openapi`): sends the session cookie and the active tenant header, and turns every error
 * body ({error:{code,message,issues}}) into an ApiError carrying the server's French message.
 * The session is a SameSite cookie and the server reads no CSRF token, so no such header is sent.
 */

export interface ApiIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const tenantHeader = 'x-coherence-tenant';
const tenantStorageKey = 'coherence.tenant';

let activeTenant: string | null = readStoredTenant();

function readStoredTenant(): string | null {
  try {
    const stored = sessionStorage.getItem(tenantStorageKey);
    if (stored) return stored;
  } catch {
    // storage may be unavailable (private mode): fall back to the cookie the server sets
  }
  const match = /(?:^|;\s*)coh_tenant=([^;]+)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]) : null;
}

export function getActiveTenant(): string | null {
  return activeTenant;
}

export function setActiveTenant(code: string | null) {
  activeTenant = code;
  try {
    if (code) sessionStorage.setItem(tenantStorageKey, code);
    else sessionStorage.removeItem(tenantStorageKey);
  } catch {
    // ignore
  }
}

/** Headers every API call carries (also used by the XHR upload). */
export function apiHeaders(): Record<string, string> {
  return activeTenant ? { [tenantHeader]: activeTenant } : {};
}

const genericMessages: Record<number, string> = {
  401: 'Votre session a expiré. Reconnectez-vous.',
  403: "Vous n'avez pas le droit d'effectuer cette action.",
  404: 'Élément introuvable.',
  413: 'Le fichier est trop volumineux.',
  415: "Ce type de fichier n'est pas pris en charge.",
  429: 'Trop de tentatives. Patientez un instant puis réessayez.',
};

/** Builds an ApiError from a response status and its (possibly empty or non-JSON) body text. */
export function errorFromBody(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; requestId?: string; issues?: ApiIssue[] } };
    if (body.error?.message) {
      return new ApiError(status, body.error.code ?? 'ERROR', body.error.message, body.error.requestId, body.error.issues ?? []);
    }
  } catch {
    // not JSON: fall through to the generic message
  }
  const message = genericMessages[status] ?? `Le serveur a répondu par une erreur (${status}). Réessayez dans un instant.`;
  return new ApiError(status, status >= 500 ? 'INTERNAL' : 'ERROR', message);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Builds an ApiError from a status and the body openapi-fetch parsed (JSON, text or nothing). */
function errorFromPayload(status: number, payload: unknown): ApiError {
  return errorFromBody(status, typeof payload === 'string' ? payload : JSON.stringify(payload ?? ''));
}

const headersMiddleware: Middleware = {
  onRequest({ request }) {
    request.headers.set('accept', 'application/json');
    for (const [name, value] of Object.entries(apiHeaders())) request.headers.set(name, value);
    return request;
  },
};

/** Empty query values mean « no filter »: the server's schemas would refuse an empty enum value. */
function querySerializer(query: Record<string, unknown>): string {
  return withQuery('', query as Query).replace(/^\?/, '');
}

export const apiClient = createClient<paths>({ credentials: 'same-origin', querySerializer });
apiClient.use(headersMiddleware);

type Answer<T> = { data?: T; error?: unknown; response: Response };

/**
 * Awaits one call of apiClient and returns its data, or throws an ApiError (network failure
 * included) that the query client's 401 handler and the pages' error messages understand.
 * The data type is the operation's success response, generated from openapi.json.
 */
export async function call<T>(pending: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await pending;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.');
  }
  if (!answer.response.ok) throw errorFromPayload(answer.response.status, answer.error);
  return answer.data as T;
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** The message to show for any error thrown by a query or a mutation. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Une erreur inattendue est survenue. Réessayez dans un instant.';
}
