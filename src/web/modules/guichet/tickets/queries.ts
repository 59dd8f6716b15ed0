import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, call, getActiveTenant, isApiError } from '../../../api/client';
import type { BodyOf } from '../../../api/types';
import type { TicketListSearch } from './list-search';
import type { NewTicket } from './types';

export type { Assignee } from './types';

/** Every ticket query starts with ['guichet', tenant]: one invalidation refreshes lists and pages after a change. */
export const guichetKey = (...parts: unknown[]) => ['guichet', getActiveTenant(), ...parts];

/** Also started by the route's loader, so the list is asked while the page's code loads. */
export const ticketListQuery = (search: TicketListSearch) =>
  queryOptions({
    queryKey: guichetKey('tickets', search),
    queryFn: ({ signal }) =>
      call(
        apiClient.GET('/api/tickets', {
          params: { query: { ...search, sort: search.sort ?? 'openedAt', order: search.order ?? 'desc', page: search.page ?? 1, pageSize: search.pageSize ?? 25 } },
          signal,
        }),
      ),
  });

export function useTicketList(search: TicketListSearch) {
  return useQuery({ ...ticketListQuery(search), placeholderData: keepPreviousData });
}

export const ticketQuery = (id: string) =>
  queryOptions({
    queryKey: guichetKey('ticket', id),
    queryFn: ({ signal }) => call(apiClient.GET('/api/tickets/{id}', { params: { path: { id } }, signal })),
  });

export function useCategories() {
  return useQuery({
    queryKey: guichetKey('categories'),
    queryFn: ({ signal }) => call(apiClient.GET('/api/desk/categories', { signal })),
    staleTime: 5 * 60_000,
  });
}

/** The desk's teams (not for requesters: the route needs ticket.private.read). */
export function useTeams(enabled: boolean) {
  return useQuery({
    queryKey: guichetKey('teams'),
    queryFn: ({ signal }) => call(apiClient.GET('/api/desk/teams', { signal })),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** People of the desk a ticket may be assigned to (the Académie and contractors: their own people). */
export function useAssignees(enabled: boolean) {
  return useQuery({
    queryKey: guichetKey('assignees'),
    queryFn: ({ signal }) => call(apiClient.GET('/api/desk/assignees', { signal })),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** Open major incidents, to link a ticket to one. */
export function useOpenMajorIncidents(enabled: boolean) {
  return useQuery({
    queryKey: guichetKey('majors'),
    queryFn: ({ signal }) => call(apiClient.GET('/api/tickets', { params: { query: { priority: 6, status: 'open', pageSize: 100, sort: 'openedAt', order: 'desc' } }, signal })),
    enabled,
  });
}

/** The only school the person sees (a school's staff): the form preselects it. */
export function useOwnSchool(enabled: boolean) {
  return useQuery({
    queryKey: ['establishments', getActiveTenant(), 'own-school'],
    queryFn: ({ signal }) => call(apiClient.GET('/api/establishments', { params: { query: { pageSize: 2, sort: 'name' } }, signal })),
    select: (page) => (page.total === 1 ? page.items[0] : null),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** Devices of a school, searched on the server (a lycée has hundreds). */
export function useSchoolDevices(uai: string | null, search: string) {
  return useQuery({
    queryKey: ['parc', getActiveTenant(), 'ticket-devices', uai, search],
    queryFn: ({ signal }) =>
      call(apiClient.GET('/api/assets', { params: { query: { uai: uai ?? undefined, search: search || undefined, pageSize: 50, sort: 'name', order: 'asc' } }, signal })),
    enabled: Boolean(uai),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

function useRefreshGuichet() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['guichet', getActiveTenant()] });
}

export function useCreateTicket() {
  const client = useQueryClient();
  const refresh = useRefreshGuichet();
  return useMutation({
    mutationFn: (body: NewTicket) => call(apiClient.POST('/api/tickets', { body })),
    onSuccess: (created) => {
      void refresh();
      client.setQueryData(ticketQuery(created.id).queryKey, created);
    },
  });
}

type ActionPath = 'status' | 'qualification' | 'escalation' | 'approval' | 'satisfaction' | 'major-incident' | 'problem';
type ActionOf<P extends ActionPath> = { path: P; body: BodyOf<`/api/tickets/{id}/${P}`, 'post'> };
export type TicketAction = { [P in ActionPath]: ActionOf<P> }[ActionPath];

/** One typed call per action: each path has its own body in the contract. */
function postAction(id: string, action: TicketAction) {
  const params = { path: { id } };
  switch (action.path) {
    case 'status':
      return call(apiClient.POST('/api/tickets/{id}/status', { params, body: action.body }));
    case 'qualification':
      return call(apiClient.POST('/api/tickets/{id}/qualification', { params, body: action.body }));
    case 'escalation':
      return call(apiClient.POST('/api/tickets/{id}/escalation', { params, body: action.body }));
    case 'approval':
      return call(apiClient.POST('/api/tickets/{id}/approval', { params, body: action.body }));
    case 'satisfaction':
      return call(apiClient.POST('/api/tickets/{id}/satisfaction', { params, body: action.body }));
    case 'major-incident':
      return call(apiClient.POST('/api/tickets/{id}/major-incident', { params, body: action.body }));
    case 'problem':
      return call(apiClient.POST('/api/tickets/{id}/problem', { params, body: action.body }));
  }
}

/** Every change that answers with the ticket: the page shows that answer at once. */
export function useTicketAction(id: string) {
  const client = useQueryClient();
  const refresh = useRefreshGuichet();
  return useMutation({
    mutationFn: (action: TicketAction) => postAction(id, action),
    onSuccess: (ticket) => {
      client.setQueryData(ticketQuery(id).queryKey, ticket);
      void refresh();
    },
    // someone else changed it: show the version the next attempt must send
    onError: (error) => {
      if (isApiError(error, 409)) void client.invalidateQueries({ queryKey: ticketQuery(id).queryKey });
    },
  });
}

/** Follow-ups and tasks answer with the new row: read the ticket again. */
export function useAddToTicket(id: string) {
  const refresh = useRefreshGuichet();
  return useMutation({
    mutationFn: async (c: { path: 'followups'; body: BodyOf<'/api/tickets/{id}/followups', 'post'> } | { path: 'tasks'; body: BodyOf<'/api/tickets/{id}/tasks', 'post'> }): Promise<void> => {
      if (c.path === 'followups') await call(apiClient.POST('/api/tickets/{id}/followups', { params: { path: { id } }, body: c.body }));
      else await call(apiClient.POST('/api/tickets/{id}/tasks', { params: { path: { id } }, body: c.body }));
    },
    onSuccess: () => refresh(),
  });
}

export { useRefreshGuichet };
