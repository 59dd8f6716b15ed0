import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, call } from '../../../api/client';
import { marchesKey } from '../queries';

export function useResourceTitles() {
  return useQuery({ queryKey: marchesKey('resource-titles'), queryFn: ({ signal }) => call(apiClient.GET('/api/resource-titles', { params: { query: {} }, signal })) });
}

/** One page of the schools' choices (a school: its own), filtered by school; the page before stays while the next loads. */
export function useResourceChoices(uai: string | null, page: number, pageSize: number) {
  return useQuery({
    queryKey: marchesKey('resource-choices', uai, page, pageSize),
    queryFn: ({ signal }) => call(apiClient.GET('/api/resource-choices', { params: { query: { uai: uai ?? undefined, page, pageSize } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useResourceLicences(contractId: string | null) {
  return useQuery({
    queryKey: marchesKey('resource-licences', contractId),
    enabled: Boolean(contractId),
    queryFn: ({ signal }) => call(apiClient.GET('/api/resource-licences', { params: { query: { contractId: contractId! } }, signal })),
  });
}

export function useEntSites(contractId: string | null) {
  return useQuery({
    queryKey: marchesKey('ent-sites', contractId),
    enabled: Boolean(contractId),
    queryFn: ({ signal }) => call(apiClient.GET('/api/ent-sites', { params: { query: { contractId: contractId! } }, signal })),
  });
}

/** After a change of choices or orders: the choices, licences and orders lists read again. */
function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: marchesKey() });
}

export function useSetChoice() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { titleId: string; uai: string; level: '6e' | '5e' | '4e' | '3e' | '2de' | '1re' | 'Tle' | 'CAP' | 'BTS'; quantity: number }) => call(apiClient.PUT('/api/resource-choices', { body })),
    onSuccess: refresh,
  });
}

export function useSetHeadcount() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { contractId: string; uai: string; level: '6e' | '5e' | '4e' | '3e' | '2de' | '1re' | 'Tle' | 'CAP' | 'BTS'; pupils: number }) => call(apiClient.PUT('/api/resource-headcounts', { body })),
    onSuccess: refresh,
  });
}

export function useConsolidate() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (contractId: string) => call(apiClient.POST('/api/resource-consolidations', { body: { contractId } })), onSuccess: refresh });
}
