import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, call } from '../../../api/client';
import type { FormField } from '../../../../shared/campaign-form';
import { campagnesKey } from '../queries';

/** The draft the builder edits (created from the last published version when there is none). */
export function useFormDraft(campaign: string) {
  return useQuery({
    queryKey: campagnesKey('form-draft', campaign),
    queryFn: () => call(apiClient.POST('/api/campaigns/{campaign}/form/draft', { params: { path: { campaign } } })),
    staleTime: Infinity,
  });
}

export function useSaveForm(campaign: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { fields: FormField[]; annotationFields: FormField[]; version: number }) =>
      call(apiClient.PUT('/api/campaigns/{campaign}/form', { params: { path: { campaign } }, body: body as never })),
    onSuccess: (draft) => client.setQueryData(campagnesKey('form-draft', campaign), draft),
  });
}

export function usePublishForm(campaign: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => call(apiClient.POST('/api/campaigns/{campaign}/form/publication', { params: { path: { campaign } }, body: { version } })),
    // the builder then opens the next draft, made from the version just published
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: campagnesKey('form') }), client.invalidateQueries({ queryKey: campagnesKey('form-draft', campaign) })]),
  });
}
