import { useQuery } from '@tanstack/react-query';
import { apiClient, call, getActiveTenant } from '../../api/client';

/** Polls a run while it is running, then keeps its report. */
export function useImportRun(id: string | null) {
  return useQuery({
    queryKey: ['imports', getActiveTenant(), 'run', id],
    queryFn: ({ signal }) => call(apiClient.GET('/api/imports/{id}', { params: { path: { id: id! } }, signal })),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 700 : false),
    staleTime: 0,
  });
}

export function useRecentImports() {
  return useQuery({
    queryKey: ['imports', getActiveTenant(), 'recent'],
    queryFn: ({ signal }) => call(apiClient.GET('/api/imports', { signal })),
  });
}
