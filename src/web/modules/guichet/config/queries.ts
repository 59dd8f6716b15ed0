import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api';
import type { DeskConfiguration } from './types';

export const deskConfigurationQuery = queryOptions({
  queryKey: ['desk', 'configuration'],
  queryFn: () => api<DeskConfiguration>('/desk/configuration'),
});

export function useDeskConfiguration() {
  return useQuery(deskConfigurationQuery);
}

/** A change of the desk configuration; every success reloads the whole page's data (versions move). */
export function useDeskChange<TBody>(method: 'POST' | 'PATCH' | 'PUT', path: (body: TBody) => string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => api<unknown>(path(body), { method, body: stripRouting(body) }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['desk'] }),
  });
}

/** Fields used only to build the path (`_id`) never go in the body. */
function stripRouting<TBody>(body: TBody): unknown {
  if (!body || typeof body !== 'object') return body;
  const { _id, ...rest } = body as Record<string, unknown>;
  void _id;
  return rest;
}
