import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, call, getActiveTenant } from '../../api/client';

export const marchesKey = (...parts: unknown[]) => ['marches', getActiveTenant(), ...parts];

export interface ContractsSearch {
  search?: string;
  theme?: string;
  kind?: 'framework-orders' | 'framework-subsequent' | 'subsequent' | 'ordinary' | 'mapa';
  area?: string;
  cpv?: string;
  page?: number;
}

export function useContracts(search: ContractsSearch) {
  return useQuery({
    queryKey: marchesKey('contracts', search),
    queryFn: ({ signal }) => call(apiClient.GET('/api/contracts', { params: { query: { ...search, page: search.page ?? 1, pageSize: 25, sort: 'reference', order: 'asc' } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useContract(id: string) {
  return useQuery({ queryKey: marchesKey('contract', id), queryFn: ({ signal }) => call(apiClient.GET('/api/contracts/{id}', { params: { path: { id } }, signal })) });
}

export function useGroups() {
  return useQuery({ queryKey: marchesKey('groups'), queryFn: ({ signal }) => call(apiClient.GET('/api/purchasing-groups', { signal })) });
}

export function useGroup(id: string) {
  return useQuery({ queryKey: marchesKey('group', id), queryFn: ({ signal }) => call(apiClient.GET('/api/purchasing-groups/{id}', { params: { path: { id } }, signal })) });
}

export function useVote(groupId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { decisionId: string; vote: 'approve' | 'reject'; version: number; organizationId?: string }) =>
      call(apiClient.POST('/api/purchasing-groups/{id}/decisions/{decisionId}/votes', { params: { path: { id: groupId, decisionId: input.decisionId } }, body: { vote: input.vote, version: input.version, organizationId: input.organizationId } })),
    onSuccess: (group) => client.setQueryData(marchesKey('group', groupId), group),
  });
}

export function usePropose(groupId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: 'adopt-tender-file' | 'award-lot' | 'amend-price-list' | 'admit-member'; title: string; details: string }) =>
      call(apiClient.POST('/api/purchasing-groups/{id}/decisions', { params: { path: { id: groupId } }, body })),
    onSuccess: (group) => client.setQueryData(marchesKey('group', groupId), group),
  });
}
