import type { UseFormReturnType } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import type { z } from 'zod';
import { sentence } from '../../shared/messages';
import { isApiError } from '../api/client';

/**
 * A @mantine/form validator from the operation's own zod schema (the one the server parses the
 * request with), applied to the body the form would send: the same rules, the same French
 * messages, each on its field, before anything leaves the browser.
 */
export function schemaValidator<Values>(schema: z.ZodType, toBody: (values: Values) => unknown, fieldOf: FieldOf = {}) {
  const resolve = zod4Resolver(schema);
  return (values: Values) => {
    const errors = resolve(toBody(values) as Record<string, unknown>);
    return Object.fromEntries(Object.entries(errors).map(([path, message]) => [fieldName(fieldOf, path), typeof message === 'string' ? sentence(message) : message]));
  };
}

/** How a form names a body's field where the two differ: a table of paths, or a function for computed ones (grid cells). */
export type FieldOf = Record<string, string> | ((bodyPath: string) => string);

const fieldName = (fieldOf: FieldOf, bodyPath: string) => (typeof fieldOf === 'function' ? fieldOf(bodyPath) : (fieldOf[bodyPath] ?? bodyPath));

/**
 * Puts the server's field issues (`body.phone`, `unitId`) on the form's fields, through `fieldOf`
 * where a form names a field otherwise than the body; true when there were some.
 */
export function showServerIssues<Values>(form: UseFormReturnType<Values, never> | UseFormReturnType<Values>, error: unknown, fieldOf: FieldOf = {}): boolean {
  if (!isApiError(error) || error.issues.length === 0) return false;
  const fieldFor = (path: string) => fieldName(fieldOf, path.replace(/^(body|querystring|params)\./, ''));
  form.setErrors(Object.fromEntries(error.issues.map((i) => [fieldFor(i.path), i.message])));
  return true;
}
