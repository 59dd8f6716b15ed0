import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, call, getActiveTenant } from '../../../api/client';
import type { DeskDashboardSearch } from './types';

/** Also started by the route's loader, so the figures are asked while the page's code loads. */
export const deskDashboardQuery = (search: DeskDashboardSearch) =>
  queryOptions({
    queryKey: ['guichet', getActiveTenant(), 'dashboard', search],
    queryFn: ({ signal }) => call(apiClient.GET('/api/desk/dashboard', { params: { query: { ...search, level: search.level === undefined ? undefined : Number(search.level) } }, signal })),
  });

export function useDeskDashboard(search: DeskDashboardSearch) {
  return useQuery({ ...deskDashboardQuery(search), placeholderData: keepPreviousData });
}

export function useDeskCategories() {
  return useQuery({
    queryKey: ['guichet', getActiveTenant(), 'categories'],
    queryFn: ({ signal }) => call(apiClient.GET('/api/desk/categories', { signal })),
    staleTime: 5 * 60_000,
  });
}

export function useDeskTeams(enabled: boolean) {
  return useQuery({
    queryKey: ['guichet', getActiveTenant(), 'teams'],
    queryFn: ({ signal }) => call(apiClient.GET('/api/desk/teams', { signal })),
    enabled,
    staleTime: 5 * 60_000,
  });
}
