/**
 * The one HTTP client of the web app: sends the session cookie and the active tenant header,
 * and turns every error body into an ApiError carrying the server's French message.
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

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...apiHeaders() };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(withQuery(`/api${path}`, options.query), {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      body,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.');
  }
  if (!response.ok) throw errorFromBody(response.status, await response.text());
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** The message to show for any error thrown by a query or a mutation. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Une erreur inattendue est survenue. Réessayez dans un instant.';
}
