import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, call, getActiveTenant } from '../../api/client';
import type { DossierState } from './labels';

export const campagnesKey = (...parts: unknown[]) => ['campagnes', getActiveTenant(), ...parts];

export function useCampaigns() {
  return useQuery({ queryKey: campagnesKey('campaigns'), queryFn: ({ signal }) => call(apiClient.GET('/api/campaigns', { signal })) });
}

export function useCampaign(id: string) {
  return useQuery({ queryKey: campagnesKey('campaign', id), queryFn: ({ signal }) => call(apiClient.GET('/api/campaigns/{campaign}', { params: { path: { campaign: id } }, signal })) });
}

export interface DossiersSearch {
  state?: DossierState;
  page: number;
  pageSize: number;
}

export function useDossiers(campaign: string, search: DossiersSearch) {
  return useQuery({
    queryKey: campagnesKey('dossiers', campaign, search),
    queryFn: ({ signal }) => call(apiClient.GET('/api/campaigns/{campaign}/dossiers', { params: { path: { campaign }, query: search }, signal })),
    placeholderData: keepPreviousData,
  });
}

export type BulkAction = 'accept' | 'refuse' | 'classify' | 'start-review' | 'message' | 'request-opinions';
/** The files chosen one by one (`ids`, kept across pages) or every file of a filter (`filter`). */
export interface BulkBody {
  action: BulkAction;
  ids?: string[];
  filter?: { state?: DossierState };
  message?: string;
  expertUserIds?: string[];
  question?: string;
}
/** The server refuses a bulk action on more files (the UI says so before). */
export const maxBulk = 500;

export function useBulk(campaign: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkBody) => call(apiClient.POST('/api/campaigns/{campaign}/dossiers/bulk', { params: { path: { campaign } }, body })),
    onSettled: () => client.invalidateQueries({ queryKey: campagnesKey('dossiers', campaign) }),
  });
}

export function useDossier(id: string) {
  return useQuery({ queryKey: campagnesKey('dossier', id), queryFn: ({ signal }) => call(apiClient.GET('/api/dossiers/{id}', { params: { path: { id } }, signal })) });
}

export function useForm(campaignId: string | undefined) {
  return useQuery({
    queryKey: campagnesKey('form', campaignId),
    enabled: !!campaignId,
    queryFn: ({ signal }) => call(apiClient.GET('/api/campaigns/{campaign}/form', { params: { path: { campaign: campaignId! } }, signal })),
  });
}

export type DossierMove =
  | { kind: 'review' }
  | { kind: 'decision'; decision: 'accepte' | 'refuse' | 'classe_sans_suite'; motivation?: string }
  | { kind: 'correction'; reason: 'incorrect' | 'incomplete' | 'outdated'; comment: string }
  | { kind: 'reopen'; reason: string }
  | { kind: 'message'; body: string };

/** Every move sends the version read: a file changed meanwhile answers 409. */
function send(id: string, version: number, move: DossierMove) {
  const path = { params: { path: { id } } };
  switch (move.kind) {
    case 'review':
      return call(apiClient.POST('/api/dossiers/{id}/review', { ...path, body: { version } }));
    case 'decision':
      return call(apiClient.POST('/api/dossiers/{id}/decision', { ...path, body: { decision: move.decision, motivation: move.motivation, version } }));
    case 'correction':
      return call(apiClient.POST('/api/dossiers/{id}/correction', { ...path, body: { reason: move.reason, comment: move.comment, version } }));
    case 'reopen':
      return call(apiClient.POST('/api/dossiers/{id}/reopening', { ...path, body: { reason: move.reason, version } }));
    case 'message':
      return call(apiClient.POST('/api/dossiers/{id}/messages', { ...path, body: { body: move.body, documentIds: [] } }));
  }
}

export function useDossierMove(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ version, move }: { version: number; move: DossierMove }) => send(id, version, move),
    onSuccess: (dossier) => client.setQueryData(campagnesKey('dossier', id), dossier),
  });
}

export interface SimulationInput {
  authority: string;
  code: string;
  device: string;
  householdIncomeCents: number;
  instalments: number;
  insurance: boolean;
}

export function useSimulation() {
  return useMutation({
    mutationFn: ({ authority, code, ...body }: SimulationInput) =>
      call(apiClient.POST('/api/authorities/{authority}/campaigns/{code}/aid-simulation', { params: { path: { authority, code } }, body })),
  });
}

/** A school's files across campaigns (those the reader sees), one server page, latest change first. */
export const schoolDossiersQuery = (uai: string, page: number, pageSize: number) =>
  queryOptions({
    queryKey: campagnesKey('school-dossiers', uai, page, pageSize),
    queryFn: ({ signal }) => call(apiClient.GET('/api/dossiers', { params: { query: { uai, page, pageSize } }, signal })),
    placeholderData: keepPreviousData,
  });
