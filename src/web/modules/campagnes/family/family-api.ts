import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, call, setActiveTenant } from '../../../api/client';
import type { paths } from '../../../api/schema';

type UpdateBody = paths['/api/family/aid-files/{id}']['put']['requestBody']['content']['application/json'];
export type FamilyFile = Awaited<ReturnType<typeof fetchFile>>;
export type OpenCampaign = Awaited<ReturnType<typeof fetchOpenCampaigns>>[number];
export type FamilyFileChange = Omit<UpdateBody, 'version'>;

const fetchFiles = (signal?: AbortSignal) => call(apiClient.GET('/api/family/aid-files', { signal }));
const fetchFile = (id: string, signal?: AbortSignal) => call(apiClient.GET('/api/family/aid-files/{id}', { params: { path: { id } }, signal }));
const fetchOpenCampaigns = (authority: string, signal?: AbortSignal) =>
  call(apiClient.GET('/api/authorities/{authority}/family-aid-campaigns', { params: { path: { authority } }, signal }));
const saveFile = (id: string, body: UpdateBody) => call(apiClient.PUT('/api/family/aid-files/{id}', { params: { path: { id } }, body }));

const filesKey = ['family', 'aid-files'] as const;

export const useOwnFiles = () => useQuery({ queryKey: filesKey, queryFn: ({ signal }) => fetchFiles(signal), retry: false });
export const useOwnFile = (id: string) => useQuery({ queryKey: [...filesKey, id], queryFn: ({ signal }) => fetchFile(id, signal), retry: false });
export const useOpenCampaigns = (authority: string) => useQuery({ queryKey: ['family', 'open-campaigns', authority], queryFn: ({ signal }) => fetchOpenCampaigns(authority, signal) });
export const useSignInMethods = (authority: string) =>
  useQuery({
    queryKey: ['family', 'sign-in-methods', authority],
    queryFn: ({ signal }) => call(apiClient.GET('/api/authorities/{authority}/family-sign-in-methods', { params: { path: { authority } }, signal })),
  });

/** Every change to a file answers with the whole file: it replaces what the page shows. */
function useFileWrite<Input>(id: string, write: (input: Input) => Promise<FamilyFile>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (file) => {
      client.setQueryData([...filesKey, id], file);
      void client.invalidateQueries({ queryKey: filesKey, exact: true });
    },
  });
}

export const useSaveFile = (id: string) => useFileWrite(id, (body: UpdateBody) => saveFile(id, body));
export const useSubmitFile = (id: string) =>
  useFileWrite(id, (version: number) => call(apiClient.POST('/api/family/aid-files/{id}/submit', { params: { path: { id } }, body: { version } })));

export function useStartFile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => call(apiClient.POST('/api/family/campaigns/{code}/aid-files', { params: { path: { code } } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: filesKey }),
  });
}

export const useRequestLink = () =>
  useMutation({
    mutationFn: (input: { authority: string; code: string; email: string }) =>
      call(apiClient.POST('/api/authorities/{authority}/campaigns/{code}/family-sign-in-link', { params: { path: { authority: input.authority, code: input.code } }, body: { email: input.email } })),
  });

/** Opens the family's session from the link's token; the tenant becomes the active one for the API's calls. */
export async function signInWithToken(authority: string, token: string) {
  const session = await call(apiClient.POST('/api/authorities/{authority}/family-sign-in', { params: { path: { authority } }, body: { token } }));
  setActiveTenant(session.tenant);
  return session;
}

export const signOut = () => call(apiClient.POST('/api/auth/logout'));
