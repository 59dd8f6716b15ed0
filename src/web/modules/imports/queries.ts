import { useQuery } from '@tanstack/react-query';
import { api, getActiveTenant } from '../../api';
import type { ImportRun } from './types';

/** Polls a run while it is running, then keeps its report. */
export function useImportRun(id: string | null) {
  return useQuery({
    queryKey: ['imports', getActiveTenant(), 'run', id],
    queryFn: ({ signal }) => api<ImportRun>(`/imports/${id}`, { signal }),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 700 : false),
    staleTime: 0,
  });
}

export function useRecentImports() {
  return useQuery({
    queryKey: ['imports', getActiveTenant(), 'recent'],
    queryFn: ({ signal }) => api<{ items: ImportRun[] }>('/imports', { signal }),
  });
}
