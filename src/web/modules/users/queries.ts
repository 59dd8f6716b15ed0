import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, getActiveTenant } from '../../api';
import type { Establishment, Page } from '../establishments/types';
import type { RoleOptions, User } from './types';

export interface UserFilters {
  search?: string;
  role?: string;
  active?: string;
  page: number;
}

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: ['users', getActiveTenant(), filters],
    queryFn: ({ signal }) => api<Page<User>>('/users', { query: { ...filters, pageSize: 25 }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRoleOptions() {
  return useQuery({
    queryKey: ['users', getActiveTenant(), 'options'],
    queryFn: ({ signal }) => api<RoleOptions>('/users/options', { signal }),
    staleTime: 5 * 60_000,
  });
}

/** Establishments matching a search, for pickers (10 at a time). */
export function useEstablishmentSearch(search: string) {
  return useQuery({
    queryKey: ['establishments', getActiveTenant(), 'pick', search],
    queryFn: ({ signal }) => api<Page<Establishment>>('/establishments', { query: { search, pageSize: 10 }, signal }),
    enabled: search.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
}
