import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { recordLinkInput } from '../../../../modules/marches/links/operations/link.input';
import { apiClient, call } from '../../../api/client';
import { marchesKey } from '../queries';

export function useSiteLinks(uai: string | undefined, history: boolean, page: number) {
  return useQuery({
    queryKey: marchesKey('site-links', uai, history, page),
    queryFn: ({ signal }) => call(apiClient.GET('/api/site-links', { params: { query: { uai, history: history ? 'true' : 'false', page, pageSize: 50 } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useLinkChanges(id: string | null) {
  return useQuery({ queryKey: marchesKey('site-link-changes', id), enabled: Boolean(id), queryFn: ({ signal }) => call(apiClient.GET('/api/site-links/{id}/changes', { params: { path: { id: id! } }, signal })) });
}

export function useLinkSavings(uai: string | undefined) {
  return useQuery({ queryKey: marchesKey('site-link-savings', uai), queryFn: ({ signal }) => call(apiClient.GET('/api/site-links/savings', { params: { query: { uai } }, signal })) });
}

export function useRecordLink() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof recordLinkInput>) => call(apiClient.POST('/api/site-links', { body: body as z.infer<typeof recordLinkInput> })),
    onSuccess: () => client.invalidateQueries({ queryKey: marchesKey() }),
  });
}

export function useUpdateShare() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (schoolSharePercent: number) => call(apiClient.PUT('/api/site-links/settings', { body: { schoolSharePercent } })),
    onSuccess: () => client.invalidateQueries({ queryKey: marchesKey() }),
  });
}
