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

/**
 * Puts the server's field issues (`body.phone`, `unitId`) on the form's fields, through `fieldOf`
 * where a form names a field otherwise than the body; true when there were some.
 */
export function showServerIssues<Values>(form: UseFormReturnType<Values, never> | UseFormReturnType<Values>, error: unknown, fieldOf: Record<string, string> = {}): boolean {
  if (!isApiError(error) || error.issues.length === 0) return false;
  const fieldFor = (path: string) => {
    const bodyPath = path.replace(/^(body|querystring|params)\./, '');
    return fieldOf[bodyPath] ?? bodyPath;
  };
  form.setErrors(Object.fromEntries(error.issues.map((i) => [fieldFor(i.path), i.message])));
  return true;
}
