import { queryOptions, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { apiClient, call, getActiveTenant, setActiveTenant } from '../api/client';
import type { Me, Permission } from './types';

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: async () => {
    const me = await call(apiClient.GET('/api/auth/me'));
    if (me.activeTenant && me.activeTenant.code !== getActiveTenant()) setActiveTenant(me.activeTenant.code);
    return me;
  },
  staleTime: 60_000,
  retry: false,
});

/** The signed-in person; only used under the authenticated layout, which loads it first. */
export function useMe(): Me {
  return useSuspenseQuery(meQuery).data;
}

export function useCan(permission: Permission): boolean {
  return useMe().permissions[permission] === true;
}

export function activeTenantOf(me: Me) {
  return me.tenants.find((t) => t.code === me.activeTenant?.code) ?? null;
}

/** Switches the active tenant: the server checks the person holds a role there and sets its cookie. */
export function useSwitchTenant() {
  const client = useQueryClient();
  return async (code: string) => {
    const me = await call(apiClient.GET('/api/auth/me', { params: { query: { tenant: code } } }));
    setActiveTenant(code);
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    client.setQueryData(meQuery.queryKey, me);
  };
}
