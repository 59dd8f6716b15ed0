import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf } from '../../api/types';
import { apiClient, call, getActiveTenant } from '../../api/client';
import type { AssetListSearch } from './list-search';
import type { AssetChanges, BulkAction } from './types';

export type { AssetChanges, BulkAction } from './types';

/** Every fleet query starts with ['parc', tenant]: one invalidation refreshes the module after a change. */
export const parcKey = (...parts: unknown[]) => ['parc', getActiveTenant(), ...parts];

/** Also started by the route's loader, so the list is asked while the page's code loads. */
export const assetListQuery = (search: AssetListSearch) =>
  queryOptions({
    queryKey: parcKey('assets', search),
    queryFn: ({ signal }) =>
      call(
        apiClient.GET('/api/assets', {
          params: { query: { ...search, sort: search.sort ?? 'name', order: search.order ?? 'asc', page: search.page ?? 1, pageSize: search.pageSize ?? 25 } },
          signal,
        }),
      ),
  });

export function useAssetList(search: AssetListSearch) {
  return useQuery({ ...assetListQuery(search), placeholderData: keepPreviousData });
}

export const assetQuery = (id: string) =>
  queryOptions({
    queryKey: parcKey('asset', id),
    queryFn: ({ signal }) => call(apiClient.GET('/api/assets/{id}', { params: { path: { id } }, signal })),
  });

/** Invalidates the module's lists and dashboards after a change (the detail is set from the answer). */
function useRefreshParc() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['parc', getActiveTenant()] });
}

export function useUpdateAsset(id: string) {
  const client = useQueryClient();
  const refresh = useRefreshParc();
  return useMutation({
    mutationFn: (body: AssetChanges & { version: number }) => call(apiClient.PATCH('/api/assets/{id}', { params: { path: { id } }, body })),
    onSuccess: (updated) => {
      client.setQueryData(assetQuery(id).queryKey, updated);
      void refresh();
    },
  });
}

export function useUndoMatch(assetId: string) {
  const client = useQueryClient();
  const refresh = useRefreshParc();
  return useMutation({
    mutationFn: (matchId: number) =>
      call(apiClient.POST('/api/assets/{id}/matches/{matchId}/undo', { params: { path: { id: assetId, matchId } } })),
    onSuccess: (updated) => {
      client.setQueryData(assetQuery(assetId).queryKey, updated);
      void refresh();
    },
  });
}

export function useBulkAssets() {
  const refresh = useRefreshParc();
  return useMutation({
    mutationFn: (body: BulkAction) => call(apiClient.POST('/api/assets/bulk', { body })),
    onSettled: () => refresh(),
  });
}

export const fleetStatsQuery = (uai?: string) =>
  queryOptions({
    queryKey: parcKey('fleet-stats', uai ?? null),
    queryFn: ({ signal }) => call(apiClient.GET('/api/fleet/stats', { params: { query: { uai } }, signal })),
    staleTime: 60_000,
  });

export const renewalQuery = (uai?: string, years = 5) =>
  queryOptions({
    queryKey: parcKey('renewal', uai ?? null, years),
    queryFn: ({ signal }) => call(apiClient.GET('/api/fleet/renewal', { params: { query: { uai, years, by: 'class' } }, signal })),
    staleTime: 60_000,
  });

export function useDeployments(filters: { uai?: string; late?: 'true' | 'false'; page?: number }) {
  return useQuery({
    queryKey: parcKey('deployments', filters),
    queryFn: ({ signal }) => call(apiClient.GET('/api/deployments', { params: { query: { ...filters, pageSize: 100 } }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** The planned deployments (granted renewal quantities) of the sites the person reaches, not yet delivered in full. */
export function useDeploymentPlans(uai?: string) {
  return useQuery({
    queryKey: parcKey('deployment-plans', uai),
    queryFn: ({ signal }) => call(apiClient.GET('/api/deployments/plans', { params: { query: { uai, pending: 'true' } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useCreateDeployment() {
  const refresh = useRefreshParc();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/deployments', 'post'>) => call(apiClient.POST('/api/deployments', { body })),
    onSuccess: () => refresh(),
  });
}

export function useAdvanceDeployment() {
  const refresh = useRefreshParc();
  return useMutation({
    mutationFn: ({ id, step }: { id: string; step: 'installed' | 'imaged' | 'in-service' }) =>
      call(apiClient.POST('/api/deployments/{id}/advance', { params: { path: { id } }, body: { step, all: true } })),
    onSettled: () => refresh(),
  });
}

export function useInventorySettings() {
  return useQuery({
    queryKey: parcKey('settings'),
    queryFn: ({ signal }) => call(apiClient.GET('/api/inventory/settings', { signal })),
  });
}

export function useSaveInventorySettings() {
  const client = useQueryClient();
  const refresh = useRefreshParc();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/inventory/settings', 'put'>) => call(apiClient.PUT('/api/inventory/settings', { body })),
    onSuccess: (saved) => {
      client.setQueryData(parcKey('settings'), saved);
      void refresh();
    },
  });
}

export function useAgentCredentials() {
  return useQuery({
    queryKey: parcKey('credentials'),
    queryFn: ({ signal }) => call(apiClient.GET('/api/inventory/credentials', { signal })),
  });
}

export function useCreateCredential() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/inventory/credentials', 'post'>) => call(apiClient.POST('/api/inventory/credentials', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: parcKey('credentials') }),
  });
}

export function useRevokeCredential() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (username: string) => call(apiClient.DELETE('/api/inventory/credentials/{username}', { params: { path: { username } } })),
    onSettled: () => client.invalidateQueries({ queryKey: parcKey('credentials') }),
  });
}

export function useUnassignedReports() {
  return useQuery({
    queryKey: parcKey('unassigned'),
    queryFn: ({ signal }) => call(apiClient.GET('/api/inventory/unassigned', { signal })),
  });
}

export function useAttachReport() {
  const refresh = useRefreshParc();
  return useMutation({
    mutationFn: (id: string) =>
      call(apiClient.POST('/api/inventory/unassigned/{id}/attach', { params: { path: { id } } })),
    onSettled: () => refresh(),
  });
}

/** Merges a duplicate into the device that stays; the answer is the kept device, with the match to undo. */
export function useMergeAssets() {
  const client = useQueryClient();
  const refresh = useRefreshParc();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/assets/merge', 'post'>) => call(apiClient.POST('/api/assets/merge', { body })),
    onSuccess: (kept) => {
      client.setQueryData(assetQuery(kept.id).queryKey, kept);
      void refresh();
    },
  });
}

export const deploymentQuery = (id: string) =>
  queryOptions({
    queryKey: parcKey('deployment', id),
    queryFn: ({ signal }) => call(apiClient.GET('/api/deployments/{id}', { params: { path: { id } }, signal })),
  });

/** Moves the chosen serials of one batch to a step (the server refuses the lot if one is not in the batch). */
export function useAdvanceDeploymentItems(id: string) {
  const client = useQueryClient();
  const refresh = useRefreshParc();
  return useMutation({
    mutationFn: ({ step, serials }: { step: 'installed' | 'imaged' | 'in-service'; serials: string[] }) =>
      call(apiClient.POST('/api/deployments/{id}/advance', { params: { path: { id } }, body: { step, serials } })),
    onSuccess: (result) => client.setQueryData(deploymentQuery(id).queryKey, result.deployment),
    onSettled: () => refresh(),
  });
}
