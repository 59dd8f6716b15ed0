import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getActiveTenant } from '../../api';
import type { ListSearch } from './list-search';
import type { AuditEvent, CursorPage, Establishment, EstablishmentDetail } from './types';

const key = (...parts: unknown[]) => ['establishments', getActiveTenant(), ...parts];

export function useEstablishmentList(search: ListSearch) {
  return useQuery({
    queryKey: key('list', search),
    queryFn: ({ signal }) =>
      api<CursorPage<Establishment>>('/establishments', {
        query: { ...search, sort: search.sort ?? 'name', order: search.order ?? 'asc', page: search.page ?? 1, pageSize: search.pageSize ?? 25 },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export const establishmentQuery = (uai: string) =>
  queryOptions({
    queryKey: key('detail', uai),
    queryFn: ({ signal }) => api<EstablishmentDetail>(`/establishments/${encodeURIComponent(uai)}`, { signal }),
  });

export function useEstablishmentHistory(uai: string, enabled: boolean) {
  return useQuery({
    queryKey: key('history', uai),
    queryFn: ({ signal }) => api<{ items: AuditEvent[] }>(`/establishments/${encodeURIComponent(uai)}/history`, { signal }),
    enabled,
  });
}

export type EstablishmentChanges = Partial<
  Pick<Establishment, 'name' | 'address' | 'postalCode' | 'communeName' | 'phone' | 'email' | 'pupils' | 'priorityEducation' | 'isOpen' | 'unitId'>
>;

export function useUpdateEstablishment(uai: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EstablishmentChanges & { version: number }) =>
      api<Establishment>(`/establishments/${encodeURIComponent(uai)}`, { method: 'PATCH', body }),
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
