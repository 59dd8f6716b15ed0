/**
 * One error type for the whole product. Operations throw AppError with a stable code and a
 * French message meant for the person using the product; the HTTP layer maps codes to statuses.
 */
export const errorStatus = {
  VALIDATION: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  LOCKED: 423,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface ErrorIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  readonly issues?: ErrorIssue[];

  constructor(code: ErrorCode, message: string, extra: { details?: Record<string, unknown>; issues?: ErrorIssue[] } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = extra.details;
    this.issues = extra.issues;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} introuvable.`);
export const forbidden = (message = "Vous n'avez pas le droit d'effectuer cette action.") =>
  new AppError('FORBIDDEN', message);
export const versionConflict = () =>
  new AppError(
    'VERSION_CONFLICT',
    "Cet enregistrement a été modifié par quelqu'un d'autre depuis que vous l'avez ouvert. Rechargez la page pour voir sa version actuelle, puis refaites votre modification.",
  );

/** The JSON body every error response carries (also described in the OpenAPI document). */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    requestId: string;
    issues?: ErrorIssue[];
    details?: Record<string, unknown>;
  };
}
