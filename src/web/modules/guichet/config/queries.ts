import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, call } from '../../../api/client';

export const deskConfigurationQuery = queryOptions({
  queryKey: ['desk', 'configuration'],
  queryFn: () => call(apiClient.GET('/api/desk/configuration')),
});

export function useDeskConfiguration() {
  return useQuery(deskConfigurationQuery);
}

/**
 * A change of the desk configuration, sent by the section's own typed call (apiClient, checked
 * against the generated contract); every success reloads the whole page's data (versions move).
 */
export function useDeskChange<TBody>(send: (body: TBody) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => client.invalidateQueries({ queryKey: ['desk'] }),
  });
}

/** Fields used only to build the path (`_id`) never go in the body. */
export function withoutRouting<TBody extends { _id?: string }>(body: TBody): Omit<TBody, '_id'> {
  const { _id, ...rest } = body;
  void _id;
  return rest;
}
