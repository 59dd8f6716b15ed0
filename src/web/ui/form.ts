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
export function schemaValidator<Values>(schema: z.ZodType, toBody: (values: Values) => unknown) {
  const resolve = zod4Resolver(schema);
  return (values: Values) => {
    const errors = resolve(toBody(values) as Record<string, unknown>);
    return Object.fromEntries(Object.entries(errors).map(([path, message]) => [path, typeof message === 'string' ? sentence(message) : message]));
  };
}

/** Puts the server's field issues (`body.phone`, `unitId`) on the form's fields; true when there were some. */
export function showServerIssues<Values>(form: UseFormReturnType<Values, never> | UseFormReturnType<Values>, error: unknown): boolean {
  if (!isApiError(error) || error.issues.length === 0) return false;
  form.setErrors(Object.fromEntries(error.issues.map((i) => [i.path.replace(/^(body|querystring|params)\./, ''), i.message])));
  return true;
}
