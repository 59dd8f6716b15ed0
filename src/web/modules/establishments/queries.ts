import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, call, getActiveTenant } from '../../api/client';
import type { ListSearch } from './list-search';
import type { EstablishmentChanges, EstablishmentDetail } from './types';

const key = (...parts: unknown[]) => ['establishments', getActiveTenant(), ...parts];

/** Also started by the route's loader, so the list is asked while the page's code loads. */
export const establishmentListQuery = (search: ListSearch) =>
  queryOptions({
    queryKey: key('list', search),
    queryFn: ({ signal }) =>
      call(
        apiClient.GET('/api/establishments', {
          params: { query: { ...search, sort: search.sort ?? 'name', order: search.order ?? 'asc', page: search.page ?? 1, pageSize: search.pageSize ?? 25 } },
          signal,
        }),
      ),
  });

export function useEstablishmentList(search: ListSearch) {
  return useQuery({ ...establishmentListQuery(search), placeholderData: keepPreviousData });
}

export const establishmentQuery = (uai: string) =>
  queryOptions({
    queryKey: key('detail', uai),
    queryFn: ({ signal }) => call(apiClient.GET('/api/establishments/{uai}', { params: { path: { uai } }, signal })),
  });

export function useEstablishmentHistory(uai: string, enabled: boolean) {
  return useQuery({
    queryKey: key('history', uai),
    queryFn: ({ signal }) => call(apiClient.GET('/api/establishments/{uai}/history', { params: { path: { uai } }, signal })),
    enabled,
  });
}

export function useUpdateEstablishment(uai: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EstablishmentChanges & { version: number }) =>
      call(apiClient.PATCH('/api/establishments/{uai}', { params: { path: { uai } }, body })),
    onSuccess: (updated) => {
      client.setQueryData<EstablishmentDetail>(key('detail', uai), (old) => (old ? { ...old, ...updated } : old));
      void client.invalidateQueries({ queryKey: key('detail', uai) });
      void client.invalidateQueries({ queryKey: key('history', uai) });
      void client.invalidateQueries({ queryKey: key('list') });
    },
  });
}

/** Invalidates what a change of buildings or rooms makes stale. */
export function useRefreshEstablishment(uai: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: key('detail', uai) }),
      client.invalidateQueries({ queryKey: key('history', uai) }),
    ]);
}
