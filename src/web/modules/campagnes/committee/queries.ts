import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, call } from '../../../api/client';
import { campagnesKey } from '../queries';

export function useRanking(campaign: string, search: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: campagnesKey('ranking', campaign, search),
    queryFn: ({ signal }) => call(apiClient.GET('/api/campaigns/{campaign}/ranking', { params: { path: { campaign }, query: search }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** The balance of the ticked files, asked again at each tick (the selection may span pages). */
export function useBalance(campaign: string, dossierIds: string[]) {
  return useQuery({
    queryKey: campagnesKey('ranking-balance', campaign, [...dossierIds].sort()),
    queryFn: ({ signal }) => call(apiClient.GET('/api/campaigns/{campaign}/ranking/balance', { params: { path: { campaign }, query: { ids: dossierIds.join(',') } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useSessions(campaign: string) {
  return useQuery({ queryKey: campagnesKey('committee-sessions', campaign), queryFn: ({ signal }) => call(apiClient.GET('/api/campaigns/{campaign}/committee-sessions', { params: { path: { campaign } }, signal })) });
}

export function useCreateSession(campaign: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { title: string; heldOn: string; participants: { organizationId: string; name: string }[] }) =>
      call(apiClient.POST('/api/campaigns/{campaign}/committee-sessions', { params: { path: { campaign } }, body })),
    onSettled: () => client.invalidateQueries({ queryKey: campagnesKey('committee-sessions', campaign) }),
  });
}

export function useSession(id: string) {
  return useQuery({ queryKey: campagnesKey('committee-session', id), queryFn: ({ signal }) => call(apiClient.GET('/api/committee-sessions/{id}', { params: { path: { id } }, signal })) });
}

function useSessionChange<B>(id: string, run: (body: B) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSettled: () => client.invalidateQueries({ queryKey: campagnesKey() }) });
  void id;
}

export function useDecideInSession(id: string) {
  return useSessionChange(id, (body: { dossierId: string; decision: 'accepte' | 'refuse' | 'classe_sans_suite'; motivation: string; version: number }) =>
    call(apiClient.POST('/api/committee-sessions/{id}/decisions', { params: { path: { id } }, body })),
  );
}

export function useSaveMinutes(id: string) {
  return useSessionChange(id, (body: { minutes: string; version: number }) => call(apiClient.PUT('/api/committee-sessions/{id}/minutes', { params: { path: { id } }, body })));
}

export function useCloseSession(id: string) {
  return useSessionChange(id, (body: { version: number }) => call(apiClient.POST('/api/committee-sessions/{id}/closing', { params: { path: { id } }, body })));
}
