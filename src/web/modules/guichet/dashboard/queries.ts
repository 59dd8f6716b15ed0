import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, getActiveTenant } from '../../../api';
import type { DeskDashboard, DeskDashboardSearch } from './types';

export function useDeskDashboard(search: DeskDashboardSearch) {
  return useQuery({
    queryKey: ['guichet', getActiveTenant(), 'dashboard', search],
    queryFn: ({ signal }) => api<DeskDashboard>('/desk/dashboard', { query: { ...search }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useDeskCategories() {
  return useQuery({
    queryKey: ['guichet', getActiveTenant(), 'categories'],
    queryFn: ({ signal }) => api<{ items: { key: string; label: string }[] }>('/desk/categories', { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useDeskTeams(enabled: boolean) {
  return useQuery({
    queryKey: ['guichet', getActiveTenant(), 'teams'],
    queryFn: ({ signal }) => api<{ items: { id: string; name: string; level: number }[] }>('/desk/teams', { signal }),
    enabled,
    staleTime: 5 * 60_000,
  });
}
