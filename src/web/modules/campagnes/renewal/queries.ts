import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, call } from '../../../api/client';
import type { components } from '../../../api/schema';
import { campagnesKey } from '../queries';

type Body<T extends keyof components['schemas']> = components['schemas'][T];
export type RenewalRequestBody = { lines: { assetClass: string; requested: number }[]; justification: string; version: number };
export type RenewalGrantBody = { lines: { assetClass: string; granted: number }[]; version: number };
export type DraftOrderBody = { contractId: string; lotId: string; items: { assetClass: string; priceItemId: string }[] };
export type ProjectBody = { title: string; assetClass: 'tablet' | 'mobile-cart'; quantity: number; startsOn: string; endsOn: string; version: number };
export type { Body };

export function useRenewalFile(id: string) {
  return useQuery({ queryKey: campagnesKey('renewal-file', id), queryFn: ({ signal }) => call(apiClient.GET('/api/renewal-files/{id}', { params: { path: { id } }, signal })) });
}

export function useSaveRenewalRequest(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RenewalRequestBody) => call(apiClient.PUT('/api/renewal-files/{id}/request', { params: { path: { id } }, body: body as never })),
    onSuccess: (data) => client.setQueryData(campagnesKey('renewal-file', id), data),
  });
}

export function useGrantRenewal(campaign: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RenewalGrantBody }) => call(apiClient.PUT('/api/renewal-files/{id}/grants', { params: { path: { id } }, body })),
    onSettled: () => client.invalidateQueries({ queryKey: campagnesKey('renewal-arbitration', campaign) }),
  });
}

export function useDraftOrder(kind: 'renewal' | 'project', id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DraftOrderBody) =>
      kind === 'renewal'
        ? call(apiClient.POST('/api/renewal-files/{id}/draft-order', { params: { path: { id } }, body }))
        : call(apiClient.POST('/api/project-files/{id}/draft-order', { params: { path: { id } }, body })),
    onSettled: () => client.invalidateQueries({ queryKey: campagnesKey(kind === 'renewal' ? 'renewal-file' : 'project-file', id) }),
  });
}

export function useProjectFile(id: string) {
  return useQuery({ queryKey: campagnesKey('project-file', id), queryFn: ({ signal }) => call(apiClient.GET('/api/project-files/{id}', { params: { path: { id } }, signal })) });
}

export function useSaveProject(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ProjectBody) => call(apiClient.PUT('/api/project-files/{id}/project', { params: { path: { id } }, body })),
    onSuccess: (data) => client.setQueryData(campagnesKey('project-file', id), data),
  });
}

/** The contracts in force, their lots and a lot's price items: what a draft order is placed on. */
export function useContractsInForce(enabled: boolean) {
  return useQuery({
    queryKey: campagnesKey('order-contracts'),
    enabled,
    queryFn: ({ signal }) => call(apiClient.GET('/api/contracts', { params: { query: { status: 'notified', pageSize: 100 } as never }, signal })),
  });
}

export function useContractLots(contractId: string | null) {
  return useQuery({
    queryKey: campagnesKey('order-lots', contractId),
    enabled: !!contractId,
    queryFn: ({ signal }) => call(apiClient.GET('/api/contracts/{id}', { params: { path: { id: contractId! } }, signal })),
  });
}

export function useLotItems(lotId: string | null) {
  return useQuery({
    queryKey: campagnesKey('order-items', lotId),
    enabled: !!lotId,
    queryFn: ({ signal }) => call(apiClient.GET('/api/lots/{id}/price-items', { params: { path: { id: lotId! }, query: { on: new Date().toISOString().slice(0, 10) } }, signal })),
  });
}
