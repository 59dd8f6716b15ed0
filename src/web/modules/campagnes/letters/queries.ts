import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, call } from '../../../api/client';
import { campagnesKey } from '../queries';

export type DecisionKind = 'accepte' | 'refuse' | 'classe_sans_suite';
export const decisionKindLabels: Record<DecisionKind, string> = { accepte: 'Accepté', refuse: 'Refusé', classe_sans_suite: 'Classé sans suite' };

export function useLetterTemplates(campaign: string) {
  return useQuery({ queryKey: campagnesKey('letter-templates', campaign), queryFn: ({ signal }) => call(apiClient.GET('/api/campaigns/{campaign}/letter-templates', { params: { path: { campaign } }, signal })) });
}

export function useSaveTemplate(campaign: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ decision, ...body }: { decision: DecisionKind; body: string; version: number }) =>
      call(apiClient.PUT('/api/campaigns/{campaign}/letter-templates/{decision}', { params: { path: { campaign, decision } }, body })),
    onSettled: () => client.invalidateQueries({ queryKey: campagnesKey('letter-templates', campaign) }),
  });
}

export function useLetterPreview(id: string, decision: DecisionKind) {
  return useQuery({ queryKey: campagnesKey('letter-preview', id, decision), queryFn: ({ signal }) => call(apiClient.GET('/api/dossiers/{id}/letter-preview', { params: { path: { id }, query: { decision } }, signal })) });
}

export function useEditLetter(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { text: string | null; version: number }) => call(apiClient.PUT('/api/dossiers/{id}/letter', { params: { path: { id } }, body })),
    onSettled: () => client.invalidateQueries({ queryKey: campagnesKey() }),
  });
}
