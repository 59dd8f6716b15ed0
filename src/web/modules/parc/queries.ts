import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getActiveTenant } from '../../api';
import type { AssetListSearch } from './list-search';
import type {
  AgentCredential,
  AssetDetail,
  AssetSummary,
  DeploymentDetail,
  DeploymentList,
  FleetStats,
  InventorySettings,
  Page,
  RenewalForecast,
  UnassignedReport,
} from './types';

/** Every fleet query starts with ['parc', tenant]: one invalidation refreshes the module after a change. */
export const parcKey = (...parts: unknown[]) => ['parc', getActiveTenant(), ...parts];

export function useAssetList(search: AssetListSearch) {
  return useQuery({
    queryKey: parcKey('assets', search),
    queryFn: ({ signal }) =>
      api<Page<AssetSummary>>('/assets', {
        query: { ...search, sort: search.sort ?? 'name', order: search.order ?? 'asc', page: search.page ?? 1, pageSize: search.pageSize ?? 25 },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export const assetQuery = (id: string) =>
  queryOptions({
    queryKey: parcKey('asset', id),
    queryFn: ({ signal }) => api<AssetDetail>(`/assets/${encodeURIComponent(id)}`, { signal }),
  });

export type AssetChanges = Partial<{
  class: string;
  status: string;
  uai: string | null;
  roomId: string | null;
  name: string | null;
  serial: string | null;
  inventoryNumber: string | null;
  manufacturer: string | null;
  model: string | null;
  osName: string | null;
  osVersion: string | null;
  ownerKind: string;
  funder: string | null;
  fundingSource: string | null;
  supplier: string | null;
  orderReference: string | null;
  purchaseDate: string | null;
  purchasePrice: number | null;
  warrantyEnd: string | null;
  imageVersion: string | null;
  lockedFields: string[];
  note: string;
}>;

/** Invalidates the module's lists and dashboards after a change (the detail is set from the answer). */
function useRefreshParc() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['parc', getActiveTenant()] });
}

export function useUpdateAsset(id: string) {
  const client = useQueryClient();
  const refresh = useRefreshParc();
  return useMutation({
    mutationFn: (body: AssetChanges & { version: number }) => api<AssetDetail>(`/assets/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
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
      api<AssetDetail & { restoredId: string | null }>(`/assets/${encodeURIComponent(assetId)}/matches/${matchId}/undo`, { method: 'POST' }),
    onSuccess: (updated) => {
      client.setQueryData(assetQuery(assetId).queryKey, updated);
      void refresh();
    },
  });
}

export type BulkAction =
  | { action: 'move'; ids: string[]; uai: string | null; roomId: string | null; note?: string }
  | { action: 'set-status'; ids: string[]; status: string; note?: string }
  | { action: 'lend'; ids: string[]; borrower: string; until: string; note?: string }
  | { action: 'return'; ids: string[]; note?: string }
  | { action: 'put-in-cart'; ids: string[]; cartId: string; note?: string }
  | { action: 'take-out-of-cart'; ids: string[]; note?: string };

export function useBulkAssets() {
  const refresh = useRefreshParc();
  return useMutation({
    mutationFn: (body: BulkAction) => api<{ changed: number; unchanged: number }>('/assets/bulk', { method: 'POST', body }),
    onSettled: () => refresh(),
  });
}

export const fleetStatsQuery = (uai?: string) =>
  queryOptions({
    queryKey: parcKey('fleet-stats', uai ?? null),
    queryFn: ({ signal }) => api<FleetStats>('/fleet/stats', { query: { uai }, signal }),
    staleTime: 60_000,
  });

export const renewalQuery = (uai?: string, years = 5) =>
  queryOptions({
    queryKey: parcKey('renewal', uai ?? null, years),
    queryFn: ({ signal }) => api<RenewalForecast>('/fleet/renewal', { query: { uai, years }, signal }),
    staleTime: 60_000,
  });

export function useDeployments(filters: { uai?: string; late?: 'true' | 'false'; page?: number }) {
  return useQuery({
    queryKey: parcKey('deployments', filters),
    queryFn: ({ signal }) => api<DeploymentList>('/deployments', { query: { ...filters, pageSize: 100 }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateDeployment() {
  const refresh = useRefreshParc();
  return useMutation({
    mutationFn: (body: {
      uai: string;
      label: string;
      assetClass: string;
      expectedCount?: number;
      deliveredAt: string;
      deadlineHours: number;
      orderReference?: string;
      serials: string[];
    }) => api('/deployments', { method: 'POST', body }),
    onSuccess: () => refresh(),
  });
}

export function useAdvanceDeployment() {
  const refresh = useRefreshParc();
  return useMutation({
    mutationFn: ({ id, step }: { id: string; step: 'installed' | 'imaged' | 'in-service' }) =>
      api<{ advanced: number }>(`/deployments/${encodeURIComponent(id)}/advance`, { method: 'POST', body: { step, all: true } }),
    onSettled: () => refresh(),
  });
}

export function useInventorySettings() {
  return useQuery({
    queryKey: parcKey('settings'),
    queryFn: ({ signal }) => api<InventorySettings>('/inventory/settings', { signal }),
  });
}

export function useSaveInventorySettings() {
  const client = useQueryClient();
  const refresh = useRefreshParc();
  return useMutation({
    mutationFn: (body: InventorySettings) => api<InventorySettings>('/inventory/settings', { method: 'PUT', body }),
    onSuccess: (saved) => {
      client.setQueryData(parcKey('settings'), saved);
      void refresh();
    },
  });
}

export function useAgentCredentials() {
  return useQuery({
    queryKey: parcKey('credentials'),
    queryFn: ({ signal }) => api<{ items: AgentCredential[] }>('/inventory/credentials', { signal }),
  });
}

export function useCreateCredential() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; label: string; password?: string }) =>
      api<AgentCredential & { password: string }>('/inventory/credentials', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: parcKey('credentials') }),
  });
}

export function useRevokeCredential() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (username: string) => api<void>(`/inventory/credentials/${encodeURIComponent(username)}`, { method: 'DELETE' }),
    onSettled: () => client.invalidateQueries({ queryKey: parcKey('credentials') }),
  });
}

export function useUnassignedReports() {
  return useQuery({
    queryKey: parcKey('unassigned'),
    queryFn: ({ signal }) => api<{ items: UnassignedReport[] }>('/inventory/unassigned', { signal }),
  });
}

export function useAttachReport() {
  const refresh = useRefreshParc();
  return useMutation({
    mutationFn: (id: string) =>
      api<{ assetId: string; created: boolean; matchReason: string | null }>(`/inventory/unassigned/${encodeURIComponent(id)}/attach`, { method: 'POST' }),
    onSettled: () => refresh(),
  });
}

/** Merges a duplicate into the device that stays; the answer is the kept device, with the match to undo. */
export function useMergeAssets() {
  const client = useQueryClient();
  const refresh = useRefreshParc();
  return useMutation({
    mutationFn: (body: { keepId: string; mergeId: string; reason?: string }) => api<AssetDetail & { matchId: number }>('/assets/merge', { method: 'POST', body }),
    onSuccess: (kept) => {
      client.setQueryData(assetQuery(kept.id).queryKey, kept);
      void refresh();
    },
  });
}

export const deploymentQuery = (id: string) =>
  queryOptions({
    queryKey: parcKey('deployment', id),
    queryFn: ({ signal }) => api<DeploymentDetail>(`/deployments/${encodeURIComponent(id)}`, { signal }),
  });

/** Moves the chosen serials of one batch to a step (the server refuses the lot if one is not in the batch). */
export function useAdvanceDeploymentItems(id: string) {
  const client = useQueryClient();
  const refresh = useRefreshParc();
  return useMutation({
    mutationFn: ({ step, serials }: { step: 'installed' | 'imaged' | 'in-service'; serials: string[] }) =>
      api<{ advanced: number; unchanged: number | null; deployment: DeploymentDetail }>(`/deployments/${encodeURIComponent(id)}/advance`, { method: 'POST', body: { step, serials } }),
    onSuccess: (result) => client.setQueryData(deploymentQuery(id).queryKey, result.deployment),
    onSettled: () => refresh(),
  });
}
