import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { QueryOf } from '../../api/types';
import { apiClient, call, getActiveTenant } from '../../api/client';

export interface UserFilters {
  search?: string;
  role?: NonNullable<QueryOf<'/api/users'>['role']>;
  active?: NonNullable<QueryOf<'/api/users'>['active']>;
  page: number;
}

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: ['users', getActiveTenant(), filters],
    queryFn: ({ signal }) => call(apiClient.GET('/api/users', { params: { query: { ...filters, pageSize: 25 } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useRoleOptions() {
  return useQuery({
    queryKey: ['users', getActiveTenant(), 'options'],
    queryFn: ({ signal }) => call(apiClient.GET('/api/users/options', { signal })),
    staleTime: 5 * 60_000,
  });
}

/** Establishments matching a search, for pickers (10 at a time). */
export function useEstablishmentSearch(search: string) {
  return useQuery({
    queryKey: ['establishments', getActiveTenant(), 'pick', search],
    queryFn: ({ signal }) => call(apiClient.GET('/api/establishments', { params: { query: { search, pageSize: 10 } }, signal })),
    enabled: search.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
}
